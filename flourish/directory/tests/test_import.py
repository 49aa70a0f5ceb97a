"""Journey: a coordinator imports a council's spreadsheet, sees row-by-row problems,
and nothing is half-imported."""

import html
import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.directory.factories import ListingFactory
from flourish.directory.models import Listing

IMPORT = reverse("directory:import")
CONFIRM = reverse("directory:import_confirm")
HEADINGS = ["Name", "Description", "Postcode district", "Legal form", "Website", "Email"]
GOOD_ROWS = [
    ["Hackney Mutual Aid", "Neighbours helping neighbours.", "E8", "Unconstituted group", "", ""],
    [
        "Swansea Queer Peer Support",
        "LGBTQ+ peer support.",
        "SA1",
        "",
        "https://qps.example.org",
        "",
    ],
    [
        "Brixton Black Men's Circle",
        "A circle for Black men.",
        "SW9 8AA",
        "CIC",
        "",
        "c@example.org",
    ],
]


def csv_file(rows, name="groups.csv"):
    text = "\n".join(",".join(f'"{cell}"' for cell in row) for row in [HEADINGS, *rows])
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def xlsx_file(rows):
    """A real XLSX workbook, with the groups on its first sheet."""
    book = Workbook()
    for values in [HEADINGS, *rows]:
        book.active.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("groups.xlsx", buffer.getvalue())


@pytest.fixture
def coordinator(db, client):
    person = UserFactory()
    MembershipFactory(user=person, role=Role.ADMINISTRATOR)
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    client.force_login(person)
    return person


def test_a_coordinator_previews_then_imports_a_spreadsheet(client, coordinator):
    preview = client.post(IMPORT, {"file": csv_file(GOOD_ROWS)})
    page = preview.content.decode()
    assert page.count("Ready") == 3
    assert "Import 3 groups" in page
    assert not Listing.objects.exists()
    response = client.post(CONFIRM, follow=True)
    assert "3 groups are now in the directory" in response.content.decode()
    assert set(Listing.objects.values_list("area_outward_code", flat=True)) == {"E8", "SA1", "SW9"}
    assert Listing.objects.get(area_outward_code="SW9").legal_form == "cic"


def test_an_xlsx_spreadsheet_is_read_too(client, coordinator):
    page = client.post(IMPORT, {"file": xlsx_file(GOOD_ROWS)}).content.decode()
    assert "Hackney Mutual Aid" in page and page.count("Ready") == 3


def test_every_bad_row_is_named_and_nothing_is_imported(client, coordinator):
    rows = [
        GOOD_ROWS[0],
        ["Somewhere Group", "About us.", "XX0", "", "", ""],
        ["", "No name here.", "LS6", "", "", ""],
        ["Hackney mutual-aid", "The same group again.", "E8", "", "", ""],
        ["Bad Email Group", "About us.", "LS6", "", "", "not-an-email"],
    ]
    page = client.post(IMPORT, {"file": csv_file(rows)}).content.decode()
    assert "4 rows have problems" in page
    assert "Enter the first half of a real postcode, for example LS6" in page
    assert "Enter the name of the group" in page
    assert "Same group as row 2" in page
    assert "Enter an email address, for example name@example.org" in page
    assert "Import 5 groups" not in page
    assert client.post(CONFIRM).status_code == 302
    assert not Listing.objects.exists()


def test_if_a_row_became_a_duplicate_since_the_preview_nothing_is_imported(client, coordinator):
    client.post(IMPORT, {"file": csv_file(GOOD_ROWS)})
    ListingFactory(name="Swansea Queer Peer Support", area_outward_code="SA1")
    response = client.post(CONFIRM, follow=True)
    page = response.content.decode()
    assert "Nothing was imported" in page and "Row 3" in page
    assert Listing.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("groups.pdf", b"%PDF"), "Choose a CSV or XLSX file"),
        (SimpleUploadedFile("groups.xlsx", b"not a zip"), "could not be read as XLSX"),
        (SimpleUploadedFile("groups.csv", b"colour,size\nred,big"), "column headed 'name'"),
        (SimpleUploadedFile("groups.csv", b""), "The submitted file is empty"),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(client, coordinator, upload, message):
    response = client.post(IMPORT, {"file": upload})
    assert message in html.unescape(response.content.decode())
    assert not Listing.objects.exists()


def test_only_coordinators_can_import(client, owner, stranger):
    for person in (owner, stranger):
        client.force_login(person)
        assert client.get(IMPORT).status_code == 404
        assert client.post(IMPORT, {"file": csv_file(GOOD_ROWS)}).status_code == 404
        assert client.post(CONFIRM).status_code == 404
    assert not Listing.objects.exists()
