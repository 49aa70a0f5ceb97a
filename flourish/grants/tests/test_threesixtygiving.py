"""Open data: 360Giving 1.4.3 JSON and CSV, valid against the standard's own schemas."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.core.tests.standards import standards_dir
from flourish.grants.factories import AwardFactory, GroupFactory, application_with_lines
from flourish.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def _standards() -> Path:
    return standards_dir("360giving")


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _format_checker() -> FormatChecker:
    # jsonschema checks date-time only with an optional extra package; the standard's
    # awardDate is "a date OR a date-time", so without this check every date matches both.
    checker = FormatChecker()
    checker.checks("date-time")(
        lambda value: not isinstance(value, str) or bool(RFC3339.match(value))
    )
    return checker


def _validator() -> Draft202012Validator:
    grant = json.loads((_standards() / "360-giving-schema.json").read_text())
    package = json.loads((_standards() / "360-giving-package-schema.json").read_text())
    # The schemas name their dialect with http://, which `referencing` does not recognise.
    resource = DRAFT202012.create_resource(grant)
    # The 1.4.3 package schema still points its items at the 1.4.2 grant schema URL.
    registry = Registry().with_resources(
        [(grant["$id"], resource), (grant["$id"].replace("1.4.3", "1.4.2"), resource)]
    )
    return Draft202012Validator(package, registry=registry, format_checker=_format_checker())


def _award(programme, group, amount=150_000, **kwargs):
    application = application_with_lines(
        programme=programme,
        group=group,
        status=ApplicationStatus.AWARDED,
        amounts=(100_000, 50_000),
        **kwargs,
    )
    return AwardFactory(application=application, programme=programme, amount_pence=amount)


@pytest.fixture
def published(programme):
    unregistered = GroupFactory(name="Tuesday Walkers", slug="tuesday-walkers")
    charity = GroupFactory(name="Mind in Kirklees", slug="mind-kirklees", charity_number="1123456")
    company = GroupFactory(name="Peer Co CIC", slug="peer-co", company_number="09876543")
    lead = UserFactory(email="walker.lead@example.org", name="Wendy Walker")
    MembershipFactory(user=lead, organisation=unregistered, role=Role.GROUP_LEAD)
    return [
        _award(
            programme,
            unregistered,
            submitted_by=lead,
            applicant_name="Wendy Walker",
            contact_detail="wendy@example.org",
            local_authority="Kirklees",
        ),
        _award(programme, charity, contact_detail="07700 900456"),
        _award(programme, company, contact_detail="LS1 4AP"),
    ]


def test_the_public_file_is_valid_360giving_with_the_standards_identifiers(client, published):
    response = client.get(reverse("grants:threesixtygiving_json"))

    assert response.status_code == 200
    assert response.streaming
    data = json.loads(b"".join(response.streaming_content))
    errors = sorted(_validator().iter_errors(data), key=str)
    assert not errors, [error.message for error in errors]
    by_name = {grant["recipientOrganization"][0]["name"]: grant for grant in data["grants"]}
    walkers_group = published[0].application.group
    assert by_name["Tuesday Walkers"]["recipientOrganization"][0]["id"] == (
        f"360G-flourish-org-{walkers_group.pk}"
    )
    assert by_name["Mind in Kirklees"]["recipientOrganization"][0]["id"] == "GB-CHC-1123456"
    assert by_name["Peer Co CIC"]["recipientOrganization"][0]["id"] == "GB-COH-09876543"
    walkers = by_name["Tuesday Walkers"]
    assert walkers["id"] == f"360G-cmf-{published[0].application_id}"
    assert walkers["amountAwarded"] == 1500
    assert walkers["beneficiaryLocation"][0]["name"] == "Kirklees"
    assert walkers["classifications"][0] == {
        "vocabulary": "spending-category",
        "code": "technology-to-keep-in-touch",
        "title": "Technology to keep in touch",
    }


def test_no_personal_data_is_published(client, published):
    text = b"".join(client.get(reverse("grants:threesixtygiving_json")).streaming_content).decode()

    assert "@" not in text
    assert "Wendy" not in text
    assert not re.search(r"\b07\d{3} ?\d{6}\b", text)
    assert "LS1 4AP" not in text
    assert "Run our weekly peer support group" not in text  # the applicant's own words


def test_drafts_and_undecided_applications_are_not_published(client, published, programme):
    application_with_lines(programme=programme)

    data = json.loads(
        b"".join(client.get(reverse("grants:threesixtygiving_json")).streaming_content)
    )

    assert len(data["grants"]) == 3


def test_the_command_writes_json_for_one_programme(tmp_path, published, programme):
    other = AwardFactory()
    output = tmp_path / "grants.json"

    call_command(
        "export_360giving", output=str(output), programme=programme.slug, stdout=io.StringIO()
    )

    data = json.loads(output.read_text())
    assert not list(_validator().iter_errors(data))
    assert len(data["grants"]) == 3
    assert other.programme.title not in output.read_text()


def test_the_command_writes_the_spreadsheet_form_with_the_standards_column_titles(
    tmp_path, published
):
    output = tmp_path / "grants.csv"

    call_command("export_360giving", output=str(output), format="csv", stdout=io.StringIO())

    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert len(rows) == 3
    assert {"Identifier", "Amount Awarded", "Recipient Org:Identifier", "Funding Org:Name"} <= set(
        rows[0]
    )
    assert {row["Recipient Org:Charity Number"] for row in rows} == {"", "1123456"}


def test_the_export_reads_awards_in_chunks_not_all_at_once(
    published, django_assert_max_num_queries
):
    from flourish.grants import threesixtygiving

    threesixtygiving.CHUNK_SIZE, size = 2, threesixtygiving.CHUNK_SIZE
    try:
        with django_assert_max_num_queries(6):
            records = list(threesixtygiving.grant_records())
    finally:
        threesixtygiving.CHUNK_SIZE = size
    assert len(records) == 3


def test_the_schema_check_itself_catches_a_grant_without_an_amount(client, published):
    data = json.loads(
        b"".join(client.get(reverse("grants:threesixtygiving_json")).streaming_content)
    )
    del data["grants"][0]["amountAwarded"]
    data["grants"][1]["awardDate"] = "26/11/2026"

    assert len(list(_validator().iter_errors(data))) == 2


def _codelist(name):
    with (_standards() / "codelists" / name).open(newline="") as rows:
        return list(csv.DictReader(rows))


def _public_file(client, **query):
    response = client.get(reverse("grants:threesixtygiving_json"), query)
    return json.loads(b"".join(response.streaming_content))


def test_places_carry_their_ons_code_and_a_code_type_from_the_standards_codelist(client, published):
    data = _public_file(client)

    walkers = next(g for g in data["grants"] if g["title"].endswith("Tuesday Walkers"))
    place = walkers["beneficiaryLocation"][0]
    assert place == {
        "name": "Kirklees",
        "countryCode": "GB",
        "geoCode": "E08000034",
        "geoCodeType": "MD",
    }
    assert walkers["recipientOrganization"][0]["location"] == [place]
    # The code type is the codelist's for the ONS entity the code belongs to (E08…).
    documented = {
        row["Documentation (URL)"].rsplit("/", 1)[-1]: row["Code"]
        for row in _codelist("geoCodeType.csv")
    }
    assert documented[place["geoCode"][:3]] == place["geoCodeType"]


def test_every_code_type_we_can_write_is_in_the_standards_codelist():
    from flourish.grants.threesixtygiving import GEO_CODE_TYPES

    documented = {
        (row["Documentation (URL)"].rsplit("/", 1)[-1], row["Code"])
        for row in _codelist("geoCodeType.csv")
    }
    assert set(GEO_CODE_TYPES.items()) <= documented


def test_the_file_says_who_publishes_it_under_what_licence_and_where_each_grant_comes_from(
    client, published, programme
):
    data = _public_file(client)

    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["publisher"] == {"name": "Flourish"}
    assert {grant["dataSource"] for grant in data["grants"]} == {
        f"http://127.0.0.1:8000/grants/programmes/{programme.slug}/funded/"
    }


def test_a_group_has_the_same_identifier_in_every_programme(client, published, funder):
    from flourish.grants.factories import ProgrammeFactory

    walkers = published[0].application.group
    second = ProgrammeFactory(funder=funder, identifier_prefix="other-prefix")
    _award(second, walkers)

    data = _public_file(client)

    ids = {
        grant["recipientOrganization"][0]["id"]
        for grant in data["grants"]
        if grant["recipientOrganization"][0]["name"] == "Tuesday Walkers"
    }
    funders = {grant["fundingOrganization"][0]["id"] for grant in data["grants"]}
    assert ids == {f"360G-flourish-org-{walkers.pk}"}
    assert len(funders) == 1


def test_an_unknown_or_unpublished_programme_is_not_found_rather_than_said_to_be_empty(
    client, published, funder
):
    from flourish.grants.factories import ProgrammeFactory

    draft = ProgrammeFactory(funder=funder, is_published=False)
    url = reverse("grants:threesixtygiving_json")

    for slug in ("no-such-fund", draft.slug):
        response = client.get(url, {"programme": slug})

        assert response.status_code == 404
        # The "nothing published yet" answer is for a programme people can see.
        assert "No grants have been published yet" not in response.content.decode()
        assert response["Content-Type"].startswith("text/html")


def test_a_programme_with_no_awards_says_so_rather_than_publishing_an_invalid_file(client, funder):
    from flourish.grants.factories import ProgrammeFactory

    empty = ProgrammeFactory(funder=funder)

    response = client.get(reverse("grants:threesixtygiving_json"), {"programme": empty.slug})

    assert response.status_code == 404
    assert "No grants have been published yet" in response.json()["error"]


def test_the_command_refuses_to_write_an_empty_file(tmp_path, funder):
    from django.core.management.base import CommandError

    from flourish.grants.factories import ProgrammeFactory

    empty = ProgrammeFactory(funder=funder)
    output = tmp_path / "grants.json"

    with pytest.raises(CommandError, match="no published grants yet"):
        call_command("export_360giving", output=str(output), programme=empty.slug)
    assert not output.exists()


def test_the_spreadsheet_keeps_classifications_and_place_codes(tmp_path, published):
    output = tmp_path / "grants.csv"

    call_command("export_360giving", output=str(output), format="csv", stdout=io.StringIO())

    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    walkers = next(row for row in rows if row["Recipient Org:Name"] == "Tuesday Walkers")
    assert walkers["Classifications:0:Vocabulary"] == "spending-category"
    assert walkers["Classifications:0:Code"] == "technology-to-keep-in-touch"
    assert walkers["Classifications:0:Title"] == "Technology to keep in touch"
    assert walkers["Beneficiary Location:Geographic Code"] == "E08000034"
    assert walkers["Beneficiary Location:Geographic Code Type"] == "MD"
    assert walkers["Recipient Org:Location:0:Geographic Code"] == "E08000034"
    assert walkers["Data Source"].endswith("/funded/")
