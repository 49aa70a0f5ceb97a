"""Reports for coordinators and funders: figures with small counts hidden, CSV and a command."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from flourish.core.spreadsheets import spreadsheet_cell
from flourish.timebank.factories import member_make
from flourish.timebank.models import ExchangeKind
from flourish.timebank.services import exchanges

DAY = datetime.date(2026, 3, 10)


def exchange(timebank, giver, receiver, minutes=60, kind="cooking", day=DAY):
    made = exchanges.exchange_record_directly(
        timebank=timebank,
        giver=giver,
        receivers=[receiver],
        kind=ExchangeKind.PERSON,
        minutes=minutes,
        happened_on=day,
        description="Help",
        help_kind=kind,
        actor=giver.user,
    )
    exchanges.exchange_confirm(exchange=made, member=receiver, actor=receiver.user)


def test_the_report_shows_hours_by_month_and_kind_and_hides_small_counts(
    client, timebank, alice, bob, coordinator
):
    for _ in range(5):
        exchange(timebank, alice, bob)
    exchange(timebank, bob, alice, kind="gardening")
    client.force_login(coordinator)
    page = client.get(
        reverse("timebank:report", args=[timebank.slug]),
        {"start": "2026-01-01", "end": "2026-12-31"},
    ).text
    assert "Cooking and food" in page and "5 hours" in page
    assert "fewer than 5" in page  # the single gardening exchange
    assert 'role="img"' in page


def test_the_csv_download_hides_small_counts(client, timebank, alice, bob, coordinator):
    exchange(timebank, alice, bob)
    client.force_login(coordinator)
    response = client.get(
        reverse("timebank:report", args=[timebank.slug]),
        {"start": "2026-01-01", "end": "2026-12-31", "download": "csv"},
    )
    text = b"".join(response.streaming_content).decode()
    assert "Kirkstall Timebank,month,2026-03,fewer than 5," in text


def test_the_command_writes_every_timebanks_report(tmp_path, timebank, other_timebank, alice, bob):
    exchange(timebank, alice, bob)
    output = tmp_path / "report.csv"
    call_command(
        "timebank_report", "--from", "2026-01-01", "--to", "2026-12-31", "--output", str(output)
    )
    text = output.read_text()
    assert "Kirkstall Timebank,members" in text and "Armley Timebank,members" in text


def test_a_cell_that_looks_like_a_formula_is_written_as_text():
    assert spreadsheet_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert spreadsheet_cell("BD7") == "BD7"


def test_an_area_name_cannot_become_a_formula_in_the_download(client, timebank, coordinator, bob):
    sneaky = member_make(timebank, area="=cmd")
    for _ in range(5):
        exchange(timebank, sneaky, bob)
    client.force_login(coordinator)
    response = client.get(
        reverse("timebank:report", args=[timebank.slug]),
        {"start": "2026-01-01", "end": "2026-12-31", "download": "csv"},
    )
    assert ",'=cmd,5," in b"".join(response.streaming_content).decode()
