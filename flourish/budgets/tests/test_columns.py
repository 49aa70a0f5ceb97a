"""A council saves its own columns for statement downloads: which, in what order, under what
headings; the download page and the command line use them."""

import csv
import io

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from flourish.accounts.factories import UserFactory
from flourish.budgets.models import StatementSettings
from flourish.budgets.statements import COLUMNS
from flourish.core.models import AuditEvent


def _post(client, council, chosen):
    """Include the columns in `chosen` ({key: (place, heading)}), leaving the rest out."""
    data = {}
    for number, key in enumerate(COLUMNS, start=1):
        place, heading = chosen.get(key, (number + 50, "Unused"))
        data[f"{key}-position"] = place
        data[f"{key}-heading"] = heading
        if key in chosen:
            data[f"{key}-include"] = "on"
    return client.post(reverse("budgets:council_columns", args=[council.slug]), data)


def _rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


MINE = {"person": (2, "Client"), "net_pounds": (3, "Amount"), "date": (1, "Posted")}


def test_staff_save_their_columns_and_the_download_uses_them(
    client, council, council_staff, budget
):
    client.force_login(council_staff)
    form = client.get(reverse("budgets:council_columns", args=[council.slug])).content.decode()
    assert "Include this column" in form
    assert _post(client, council, MINE).status_code == 302
    assert StatementSettings.objects.get(council=council).columns == [
        ["date", "Posted"],
        ["person", "Client"],
        ["net_pounds", "Amount"],
    ]
    assert AuditEvent.objects.filter(action="budgets.columns_saved").count() == 1
    url = reverse("budgets:council_statements", args=[council.slug])
    page = client.get(url).content.decode()
    assert "Your council’s own columns" in page and "Posted, Client, Amount" in page
    period = timezone.localdate().strftime("%Y-%m")
    rows = _rows(client.get(url, {"period": period, "download": "csv"}))  # the default now
    assert rows[0] == ["Posted", "Client", "Amount"]
    assert rows[1][1:] == ["Jo Holder", "400.00"]
    response = client.get(url, {"period": period, "download": "xlsx", "layout": "own"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert next(book.active.iter_rows(values_only=True)) == ("Posted", "Client", "Amount")
    # The presets are still there.
    rows = _rows(client.get(url, {"period": period, "download": "csv", "layout": "full"}))
    assert rows[0][0] == "Council"


def test_the_command_uses_the_councils_own_columns(tmp_path, council, council_staff, budget):
    from flourish.budgets.services.councils import columns_save

    columns_save(council=council, columns=[("person", "Who"), ("in_pence", "In")], actor=None)
    output = tmp_path / "leeds.csv"
    period = timezone.localdate().strftime("%Y-%m")
    call_command("budget_statements", council="leeds", period=period, output=str(output))
    assert output.read_text().splitlines()[:2] == ["Who,In", "Jo Holder,40000"]
    call_command(
        "budget_statements", council="leeds", period=period, layout="full", output=str(output)
    )
    assert output.read_text().startswith("Council,")


def test_bad_layouts_get_a_message_and_change_nothing(client, council, council_staff):
    client.force_login(council_staff)
    _post(client, council, MINE)
    for chosen, message in (
        ({}, "Choose at least one column to include"),
        ({"person": (1, "Who"), "budget": (2, "who")}, "Give each column its own heading"),
        ({"person": (1, "=HYPERLINK(1)")}, "A heading cannot start with =, +, - or @"),
        ({"person": (1, " @SUM(A1)")}, "A heading cannot start with =, +, - or @"),
        ({"person": (1, "")}, "Give every column you include a heading"),
        ({"person": ("first", "Who")}, "Enter the place as a whole number"),
    ):
        page = _post(client, council, chosen).content.decode()
        assert message in page, message
    assert StatementSettings.objects.get(council=council).columns[0] == ["date", "Posted"]
    assert AuditEvent.objects.filter(action="budgets.columns_saved").count() == 1


def test_control_characters_are_taken_out_of_headings(council):
    from flourish.budgets.services.councils import columns_save

    saved = columns_save(council=council, columns=[("person", "Cli\tent\x07")], actor=None)
    assert saved.columns == [["person", "Client"]]


def test_only_the_councils_staff_may_choose_columns(client, council, other_staff, jo, budget):
    for person in (other_staff, jo, UserFactory()):
        client.force_login(person)
        assert (
            client.get(reverse("budgets:council_columns", args=[council.slug])).status_code == 404
        )
        assert _post(client, council, MINE).status_code == 404
    assert not StatementSettings.objects.exists()
