"""Awarded grants as 360Giving Data Standard 1.4.3 records (JSON, CSV or XLSX), in constant memory.

Only what a group would expect to see published goes out: the group's name and
registered numbers, the council area, the amounts and the kinds of thing the
money paid for. Free text the applicant wrote and anything about a person
(names, emails, phone numbers, postcodes) never leaves this module.
"""

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from flourish.core.spreadsheets import csv_lines, xlsx_write
from flourish.directory.geography import local_authority_named
from flourish.grants.selectors import (
    award_categories,
    award_rows_published,
    chunked,
    published_category_count_most,
)

SCHEMA_VERSION = "1.4"
CHUNK_SIZE = 500


# ONS entity codes of council areas and their 360Giving geoCodeType (codelists/geoCodeType.csv).
GEO_CODE_TYPES = {
    "E06": "UA",
    "E07": "NMD",
    "E08": "MD",
    "E09": "LONB",
    "W06": "UA",
    "S12": "CA",
}
# Our own vocabulary for what the money paid for: each programme's kinds of spending, coded
# by the kind's name in lower case with hyphens ("Technology to keep in touch" is
# "technology-to-keep-in-touch"). docs/grants.md lists the default codes.
SPENDING_VOCABULARY = "spending-category"


def organisation_identifier(*, charity: str, company: str, organisation_id: int) -> str:
    """GB-CHC-… for a charity, GB-COH-… for a company, else our own 360G- identifier, which
    is the same for an organisation in every programme and every file."""
    if charity.strip():
        return f"GB-CHC-{charity.strip()}"
    if company.strip():
        return f"GB-COH-{company.strip()}"
    return f"360G-{settings.OPEN_DATA_PREFIX}-org-{organisation_id}"


def _pounds(pence: int) -> float | int:
    value = Decimal(pence) / 100
    return int(value) if value == value.to_integral_value() else float(value)


def _organisation(row: dict[str, Any], stem: str, id_field: str) -> dict[str, Any]:
    charity, company = row[f"{stem}__charity_number"], row[f"{stem}__company_number"]
    record: dict[str, Any] = {
        "id": organisation_identifier(
            charity=charity, company=company, organisation_id=row[id_field]
        ),
        "name": row[f"{stem}__name"],
    }
    if charity.strip():
        record["charityNumber"] = charity.strip()
    if company.strip():
        record["companyNumber"] = company.strip()
    return record


def council_area(name: str) -> dict[str, Any] | None:
    """A council area as a 360Giving location, with its ONS code where we know it."""
    if not name.strip():
        return None
    location: dict[str, Any] = {"name": name.strip(), "countryCode": "GB"}
    known = local_authority_named(name)
    if known is not None:
        code, ons_name = known
        location["name"] = ons_name
        location["geoCode"] = code
        if code[:3] in GEO_CODE_TYPES:
            location["geoCodeType"] = GEO_CODE_TYPES[code[:3]]
    return location


def classification(name: str) -> dict[str, str]:
    return {"vocabulary": SPENDING_VOCABULARY, "code": slugify(name), "title": name}


def _data_source(slug: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("grants:funded", args=[slug])


def grant_record(row: dict[str, Any], categories: list[str]) -> dict[str, Any]:
    """One award (a row from award_rows_published) as a 360Giving grant."""
    prefix = row["programme__identifier_prefix"]
    title = row["programme__title"]
    spends_on = "; ".join(categories)
    recipient = _organisation(row, "application__group", "application__group_id")
    place = council_area(row["application__local_authority"])
    if place is not None:
        recipient["location"] = [place]
    record: dict[str, Any] = {
        "id": f"360G-{prefix}-{row['application_id']}",
        "title": f"{title}: {row['application__group__name']}"[:140],
        "description": f"A grant from {title} for: {spends_on or 'the group’s work'}.",
        "currency": "GBP",
        "amountAppliedFor": _pounds(row["application__amount_requested_pence"]),
        "amountAwarded": _pounds(row["amount_pence"]),
        "amountDisbursed": _pounds(row["paid_pence"]),
        "awardDate": row["awarded_on"].isoformat(),
        "recipientOrganization": [recipient],
        "fundingOrganization": [_organisation(row, "programme__funder", "programme__funder_id")],
        "grantProgramme": [{"code": row["programme__slug"], "title": title}],
        "fromOpenCall": "Yes",
        "dateModified": row["updated_at"].isoformat(),
        "dataSource": _data_source(row["programme__slug"]),
        "classifications": [classification(name) for name in categories],
    }
    if place is not None:
        record["beneficiaryLocation"] = [place]
    return record


def has_grants(*, programme_slug: str = "") -> bool:
    """A 360Giving file must hold at least one grant."""
    return award_rows_published(programme_slug=programme_slug).exists()


def grant_records(*, programme_slug: str = "") -> Iterator[dict[str, Any]]:
    """Every published award, read a chunk at a time so memory stays flat."""
    for chunk in chunked(award_rows_published(programme_slug=programme_slug), CHUNK_SIZE):
        categories = award_categories(award_ids=[row["id"] for row in chunk])
        for row in chunk:
            yield grant_record(row, categories.get(row["id"], []))


def stream_json(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    """A 360Giving data package, written a grant at a time."""
    header = {
        "version": SCHEMA_VERSION,
        "title": f"Grants published by {settings.OPEN_DATA_PUBLISHER}",
        "issued": timezone.now().isoformat(),
        "license": settings.OPEN_DATA_LICENSE,
        "publisher": {"name": settings.OPEN_DATA_PUBLISHER},
    }
    yield json.dumps(header)[:-1] + ', "grants": ['
    for number, record in enumerate(records):
        yield ("," if number else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"


# The standard's spreadsheet column titles for the fields we publish (CSV and XLSX).
CSV_COLUMNS = [
    ("Identifier", lambda r: r["id"]),
    ("Title", lambda r: r["title"]),
    ("Description", lambda r: r["description"]),
    ("Currency", lambda r: r["currency"]),
    ("Amount Applied For", lambda r: r["amountAppliedFor"]),
    ("Amount Awarded", lambda r: r["amountAwarded"]),
    ("Amount Disbursed", lambda r: r["amountDisbursed"]),
    ("Award Date", lambda r: r["awardDate"]),
    ("Recipient Org:Identifier", lambda r: r["recipientOrganization"][0]["id"]),
    ("Recipient Org:Name", lambda r: r["recipientOrganization"][0]["name"]),
    (
        "Recipient Org:Charity Number",
        lambda r: r["recipientOrganization"][0].get("charityNumber", ""),
    ),
    (
        "Recipient Org:Company Number",
        lambda r: r["recipientOrganization"][0].get("companyNumber", ""),
    ),
    (
        "Recipient Org:Location:0:Geographic Code",
        lambda r: _recipient_location(r, "geoCode"),
    ),
    ("Recipient Org:Location:0:Name", lambda r: _recipient_location(r, "name")),
    ("Beneficiary Location:Name", lambda r: _location(r, "name")),
    ("Beneficiary Location:Country Code", lambda r: _location(r, "countryCode")),
    ("Beneficiary Location:Geographic Code", lambda r: _location(r, "geoCode")),
    ("Beneficiary Location:Geographic Code Type", lambda r: _location(r, "geoCodeType")),
    ("Funding Org:Identifier", lambda r: r["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda r: r["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda r: r["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda r: r["grantProgramme"][0]["title"]),
    ("From An Open Call?", lambda r: r["fromOpenCall"]),
    ("Last Modified", lambda r: r["dateModified"]),
    ("Data Source", lambda r: r["dataSource"]),
]


def _location(record: dict[str, Any], key: str) -> str:
    locations = record.get("beneficiaryLocation") or [{}]
    return str(locations[0].get(key, ""))


def _recipient_location(record: dict[str, Any], key: str) -> str:
    locations = record["recipientOrganization"][0].get("location") or [{}]
    return str(locations[0].get(key, ""))


def _classification_columns(count: int) -> list[tuple[str, Any]]:
    """The standard's numbered columns for each classification an award may have."""
    columns = []
    for number in range(count):
        for title, key in (("Vocabulary", "vocabulary"), ("Code", "code"), ("Title", "title")):
            columns.append((f"Classifications:{number}:{title}", _nth(number, key)))
    return columns


def _nth(number: int, key: str) -> Any:
    def value(record: dict[str, Any]) -> str:
        found = record["classifications"]
        return found[number][key] if number < len(found) else ""

    return value


def spreadsheet_rows(
    records: Iterable[dict[str, Any]], *, classifications: int = 0
) -> Iterator[list[Any]]:
    """The column titles, then one row per grant; the CSV and the XLSX are the same rows."""
    columns = CSV_COLUMNS + _classification_columns(classifications)
    yield [title for title, _value in columns]
    for record in records:
        yield [value(record) for _title, value in columns]


def classification_columns_needed(*, programme_slug: str = "") -> int:
    return published_category_count_most(programme_slug=programme_slug)


def stream_csv(records: Iterable[dict[str, Any]], *, classifications: int = 0) -> Iterator[str]:
    return csv_lines(spreadsheet_rows(records, classifications=classifications))


def write_xlsx(
    records: Iterable[dict[str, Any]], output: str | IO[bytes], *, classifications: int = 0
) -> None:
    """The CSV's rows as a workbook, streamed to disk so memory stays flat."""
    xlsx_write(spreadsheet_rows(records, classifications=classifications), output, title="grants")
