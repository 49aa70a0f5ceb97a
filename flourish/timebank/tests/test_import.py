"""Bringing an existing timebank in from a spreadsheet: members, offers and opening balances,
previewed row by row, then imported all together or not at all."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from flourish.accounts.factories import UserFactory
from flourish.ledger.models import LedgerEntry
from flourish.ledger.selectors import account_balance_from_entries
from flourish.timebank.models import Listing, MemberStatus, TimebankMember
from flourish.timebank.services.accounts import pot_account_open
from flourish.timebank.services.imports import (
    check_import_rows,
    parse_hours,
    read_import_file,
    timebank_import,
)

pytestmark = pytest.mark.django_db

HEADINGS = ["Name", "Email", "Phone", "Area", "Offer", "Kind of help", "Opening balance"]
GOOD = [
    ["Mo Gardener", "mo@example.org", "", "Armley", "Weeding and pruning", "Gardening", "5"],
    ["Mo Gardener", "mo@example.org", "", "Armley", "Lifts to the GP", "transport", ""],
    ["Pat Phone", "", "0113 496 0000", "Bramley", "", "", "-2:30"],
    ["Sam Soup", "sam@example.org", "", "LS12", "Soup for two", "Cooking and food", "1.5"],
]


def as_csv(rows) -> SimpleUploadedFile:
    text = "\n".join(",".join(row) for row in [HEADINGS, *rows])
    return SimpleUploadedFile("members.csv", text.encode(), content_type="text/csv")


def as_xlsx(rows) -> SimpleUploadedFile:
    book = Workbook()
    for row in [HEADINGS, *rows]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("members.xlsx", out.getvalue())


def test_hours_are_read_as_people_type_them():
    assert [parse_hours(text) for text in ["3", "2.5", "-4", "1:30", "-0:45", "−2"]] == [
        180,
        150,
        -240,
        90,
        -45,
        -120,
    ]
    with pytest.raises(ValueError):
        parse_hours("three")


@pytest.mark.parametrize("typed", ["1e999999999", "9e999999", "1e5000", "1" * 5000, "²", "1:²0"])
def test_hours_written_as_an_exponent_or_endless_digits_are_not_hours(typed):
    with pytest.raises(ValueError):
        parse_hours(typed)


@pytest.mark.parametrize("upload", [as_csv, as_xlsx], ids=["csv", "xlsx"])
def test_a_coordinator_previews_then_imports_members_offers_and_balances(
    client, timebank, coordinator, upload
):
    client.force_login(coordinator)
    page_url = reverse("timebank:import", args=[timebank.slug])

    preview = client.post(page_url, {"file": upload(GOOD)}).text

    assert "Import 3 members and 3 offers" in preview
    assert "Another offer of the member on row 2." in preview
    assert not TimebankMember.objects.filter(timebank=timebank).exists()  # nothing yet

    done = client.post(reverse("timebank:import_confirm", args=[timebank.slug]), follow=True)

    assert "Imported 3 members, 3 offers and 3 opening balances." in done.text
    members = {m.user.name: m for m in TimebankMember.objects.filter(timebank=timebank)}
    assert set(members) == {"Mo Gardener", "Pat Phone", "Sam Soup"}
    assert all(m.status == MemberStatus.APPROVED for m in members.values())
    assert all(m.recorded_by == coordinator for m in members.values())
    assert members["Mo Gardener"].account.balance == 300
    assert members["Pat Phone"].account.balance == -150
    assert members["Pat Phone"].user.email.endswith("@members.invalid")
    assert Listing.objects.filter(member=members["Mo Gardener"]).count() == 2
    pot = pot_account_open(timebank=timebank)
    assert pot.balance == -(300 - 150 + 90)
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == 0
    for member in members.values():
        assert member.account.balance == account_balance_from_entries(account=member.account)


def test_a_bad_row_is_shown_with_what_to_do_and_nothing_is_imported(client, timebank, coordinator):
    client.force_login(coordinator)
    rows = [
        *GOOD,
        ["", "x@example.org", "", "Armley", "", "", ""],
        ["Ola Owes", "ola@example.org", "", "Armley", "", "", "-40"],
        ["Kim Kind", "kim@example", "", "Armley", "Knitting", "knitting", "lots"],
    ]

    preview = client.post(
        reverse("timebank:import", args=[timebank.slug]), {"file": as_csv(rows)}
    ).text
    confirm = client.post(reverse("timebank:import_confirm", args=[timebank.slug]), follow=True)

    assert "3 rows have problems." in preview
    assert "Name: enter the member&#x27;s name." in preview
    assert "below the timebank&#x27;s lowest balance" in preview
    assert "Email: enter an address like name@example.org" in preview
    assert "Kind of help: use one of these" in preview
    assert "Opening balance: enter hours as a number" in preview
    assert "Import 3 members" not in preview
    assert "Upload the file again" in confirm.text
    assert not TimebankMember.objects.filter(timebank=timebank).exists()
    assert not LedgerEntry.objects.exists()


def test_the_import_is_all_or_nothing_even_if_the_timebank_changed_since_the_preview(
    timebank, coordinator, alice
):
    rows = read_import_file(as_csv(GOOD), filename="members.csv")
    rows.append(
        {**rows[-1], "name": "Alice", "email": alice.user.email, "offer": "", "balance": ""}
    )
    members_before = TimebankMember.objects.count()

    with pytest.raises(ValidationError, match="Nothing was imported"):
        timebank_import(timebank=timebank, rows=rows, actor=coordinator, key="once")

    assert TimebankMember.objects.count() == members_before
    assert not Listing.objects.exists()


def test_someone_already_on_flourish_joins_as_themselves_and_a_second_import_is_refused(
    timebank, coordinator
):
    mo = UserFactory(email="mo@example.org", name="Mo Gardener")
    rows = read_import_file(as_csv(GOOD), filename="members.csv")

    timebank_import(timebank=timebank, rows=rows, actor=coordinator, key="first")

    assert TimebankMember.objects.get(timebank=timebank, user=mo).account.balance == 300
    again = check_import_rows(timebank=timebank, rows=rows)
    assert "Already a member of this timebank. Leave this row out." in again[0].errors


def test_a_file_without_the_needed_columns_or_of_another_kind_says_what_to_do(
    client, timebank, coordinator
):
    client.force_login(coordinator)
    url = reverse("timebank:import", args=[timebank.slug])
    no_area = SimpleUploadedFile("members.csv", b"Name,Email\nMo,mo@example.org\n")
    picture = SimpleUploadedFile("members.png", b"\x89PNG....")

    assert "columns headed" in client.post(url, {"file": no_area}).text
    assert "Choose a CSV or XLSX file" in client.post(url, {"file": picture}).text


def test_only_the_timebanks_coordinator_can_import(client, timebank, alice, other_coordinator):
    for person in (alice.user, other_coordinator):
        client.force_login(person)
        assert client.get(reverse("timebank:import", args=[timebank.slug])).status_code == 404
        confirm = reverse("timebank:import_confirm", args=[timebank.slug])
        assert client.post(confirm).status_code == 404
