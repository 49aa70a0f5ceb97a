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

from django.utils import timezone

from flourish.core.spreadsheets import csv_lines, xlsx_write
from flourish.grants.selectors import award_categories, award_rows_published, chunked

SCHEMA_VERSION = "1.4"
CHUNK_SIZE = 500


def organisation_identifier(*, charity: str, company: str, slug: str, prefix: str) -> str:
    """GB-CHC-… for a charity, GB-COH-… for a company, else our own 360G- identifier."""
    if charity.strip():
        return f"GB-CHC-{charity.strip()}"
    if company.strip():
        return f"GB-COH-{company.strip()}"
    return f"360G-{prefix}-{slug}"


def _pounds(pence: int) -> float | int:
    value = Decimal(pence) / 100
    return int(value) if value == value.to_integral_value() else float(value)


def _organisation(row: dict[str, Any], stem: str, prefix: str) -> dict[str, Any]:
    charity, company = row[f"{stem}__charity_number"], row[f"{stem}__company_number"]
    record: dict[str, Any] = {
        "id": organisation_identifier(
            charity=charity, company=company, slug=row[f"{stem}__slug"], prefix=prefix
        ),
        "name": row[f"{stem}__name"],
    }
    if charity.strip():
        record["charityNumber"] = charity.strip()
    if company.strip():
        record["companyNumber"] = company.strip()
    return record


def grant_record(row: dict[str, Any], categories: list[str]) -> dict[str, Any]:
    """One award (a row from award_rows_published) as a 360Giving grant."""
    prefix = row["programme__identifier_prefix"]
    title = row["programme__title"]
    spends_on = "; ".join(categories)
    record: dict[str, Any] = {
        "id": f"360G-{prefix}-{row['application_id']}",
        "title": f"{title}: {row['application__group__name']}"[:140],
        "description": f"A grant from {title} for: {spends_on or 'the group’s work'}.",
        "currency": "GBP",
        "amountAppliedFor": _pounds(row["application__amount_requested_pence"]),
        "amountAwarded": _pounds(row["amount_pence"]),
        "amountDisbursed": _pounds(row["paid_pence"]),
        "awardDate": row["awarded_on"].isoformat(),
        "recipientOrganization": [_organisation(row, "application__group", prefix)],
        "fundingOrganization": [_organisation(row, "programme__funder", prefix)],
        "grantProgramme": [{"code": row["programme__slug"], "title": title}],
        "fromOpenCall": "Yes",
        "dateModified": row["updated_at"].isoformat(),
        "classifications": [
            {"vocabulary": f"360G-{prefix}-categories", "title": name} for name in categories
        ],
    }
    if row["application__local_authority"]:
        record["beneficiaryLocation"] = [
            {"name": row["application__local_authority"], "countryCode": "GB"}
        ]
    return record


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
        "title": "Grants published by Flourish",
        "issued": timezone.now().isoformat(),
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
    ("Beneficiary Location:Name", lambda r: _location(r, "name")),
    ("Beneficiary Location:Country Code", lambda r: _location(r, "countryCode")),
    ("Funding Org:Identifier", lambda r: r["fundingOrganization"][0]["id"]),
    ("Funding Org:Name", lambda r: r["fundingOrganization"][0]["name"]),
    ("Grant Programme:Code", lambda r: r["grantProgramme"][0]["code"]),
    ("Grant Programme:Title", lambda r: r["grantProgramme"][0]["title"]),
    ("From An Open Call?", lambda r: r["fromOpenCall"]),
    ("Last Modified", lambda r: r["dateModified"]),
]


def _location(record: dict[str, Any], key: str) -> str:
    locations = record.get("beneficiaryLocation") or [{}]
    return str(locations[0].get(key, ""))


def spreadsheet_rows(records: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
    """The column titles, then one row per grant; the CSV and the XLSX are the same rows."""
    yield [title for title, _value in CSV_COLUMNS]
    for record in records:
        yield [value(record) for _title, value in CSV_COLUMNS]


def stream_csv(records: Iterable[dict[str, Any]]) -> Iterator[str]:
    return csv_lines(spreadsheet_rows(records))


def write_xlsx(records: Iterable[dict[str, Any]], output: str | IO[bytes]) -> None:
    """The CSV's rows as a workbook, streamed to disk so memory stays flat."""
    xlsx_write(spreadsheet_rows(records), output, title="grants")
