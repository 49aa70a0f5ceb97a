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
        (SimpleUploadedFile("groups.csv", b""), "The file is empty. Put the column headings"),
        (SimpleUploadedFile("groups.csv", b"name,description\n"), "its column headings but no"),
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


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"


@pytest.mark.parametrize(
    "content",
    [PNG, b"%PDF-1.7\n%\xe2\xe3", b"name,description\nA\x00B,x\n"],
    ids=["a picture", "a PDF", "text with NUL bytes"],
)
def test_a_file_that_is_not_text_renamed_to_csv_gets_a_clear_message(client, coordinator, content):
    response = client.post(IMPORT, {"file": SimpleUploadedFile("groups.csv", content)})
    assert response.status_code == 200
    assert "This file is not a CSV file" in html.unescape(response.content.decode())
    assert not Listing.objects.exists()


def test_the_same_name_twice_in_a_file_is_flagged_not_ready(client, coordinator):
    rows = [
        GOOD_ROWS[0],
        ["Hackney Mutual Aid", "A second branch?", "E9", "", "", ""],
    ]
    page = html.unescape(client.post(IMPORT, {"file": csv_file(rows)}).content.decode())
    assert page.count(">Ready<") == 1
    assert "Same name as row 2, in E8. Check it is a different group." in page
    assert "Check 1 row before you import" in page


def test_a_group_already_in_the_directory_is_flagged_before_importing(client, coordinator):
    ListingFactory(name="Hackney Mutual Aid", area_outward_code="E8")
    ListingFactory(name="Somewhere else", website="https://www.qps.example.org/")
    page = client.post(IMPORT, {"file": csv_file(GOOD_ROWS)}).content.decode()
    assert page.count("Already in the directory") == 2
    assert "Import 3 groups" not in page


@pytest.mark.parametrize(
    "name", ['=HYPERLINK(""http://evil.example"",""Click"")', "=1+1", "＝1+1", " =SUM(A1)"]
)
def test_a_name_that_is_a_formula_is_refused(client, coordinator, name):
    rows = [[name, "About us.", "E8", "", "", ""]]
    page = html.unescape(client.post(IMPORT, {"file": csv_file(rows)}).content.decode())
    assert "a spreadsheet would run this as a formula" in page
    assert "Ready" not in page


def test_checking_a_long_file_takes_a_fixed_number_of_queries(
    client, coordinator, django_assert_max_num_queries
):
    rows = [
        [f"Group {n}", "About us.", "E8", "", f"https://g{n}.example.org", ""] for n in range(60)
    ]
    with django_assert_max_num_queries(12):
        page = client.post(IMPORT, {"file": csv_file(rows)}).content.decode()
    assert page.count(">Ready<") == 60


def test_coordinators_reach_the_import_page_from_their_pages(client, coordinator):
    queue = client.get(reverse("directory:suggestion_list")).content.decode()
    assert f'href="{IMPORT}"' in queue
    home = client.get(reverse("core:home")).content.decode()
    assert reverse("directory:suggestion_list") in home
