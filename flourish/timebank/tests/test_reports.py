"""Reports for coordinators and funders: figures with small counts hidden, CSV and a command."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from flourish.core.spreadsheets import spreadsheet_cell
from flourish.timebank.factories import exchange_confirmed_make, member_make
from flourish.timebank.services import exchanges

DAY = datetime.date(2026, 3, 10)
# 2026 as the report's form sends it: day, month and year boxes for each end.
YEAR_2026 = {"start_0": "1", "start_1": "1", "start_2": "2026"} | {
    "end_0": "31",
    "end_1": "12",
    "end_2": "2026",
}
# The timebanks, their members (active or not), totals by day, kind and area, pairs, sessions.
EXPORT_QUERIES = 7


def exchange(timebank, giver, receiver, minutes=60, kind="cooking", day=DAY):
    exchange_confirmed_make(timebank, giver, receiver, minutes=minutes, help_kind=kind, day=day)


def test_the_report_shows_hours_by_month_and_kind_and_hides_small_counts(
    client, timebank, alice, bob, coordinator
):
    for _ in range(5):
        exchange(timebank, alice, bob)
    exchange(timebank, bob, alice, kind="gardening")
    client.force_login(coordinator)
    page = client.get(
        reverse("timebank:report", args=[timebank.slug]),
        YEAR_2026,
    ).text
    assert "Cooking and food" in page and "5 hours" in page
    assert "fewer than 5" in page  # the single gardening exchange
    assert 'role="img"' in page


def test_the_period_is_typed_as_day_month_and_year_and_the_download_keeps_it(
    client, timebank, alice, bob, coordinator
):
    exchange(timebank, alice, bob, day=datetime.date(2025, 6, 2))
    exchange(timebank, bob, alice)  # March 2026, outside the period
    client.force_login(coordinator)
    url = reverse("timebank:report", args=[timebank.slug])
    june = {"start_0": "1", "start_1": "6", "start_2": "2025"}
    page = client.get(url, june | {"end_0": "30", "end_1": "6", "end_2": "2025"}).text

    assert 'type="date"' not in page
    assert 'name="start_0"' in page and 'inputmode="numeric"' in page
    link = "?start_0=1&amp;start_1=6&amp;start_2=2025&amp;end_0=30&amp;end_1=6&amp;end_2=2025"
    assert f'href="{link}&amp;download=csv"' in page
    text = b"".join(
        client.get(
            url, june | {"end_0": "30", "end_1": "6", "end_2": "2025", "download": "csv"}
        ).streaming_content
    ).decode()
    assert "2025-06" in text and "2026-03" not in text


def test_a_period_that_is_not_a_real_date_or_runs_backwards_says_what_to_do(
    client, timebank, coordinator
):
    client.force_login(coordinator)
    url = reverse("timebank:report", args=[timebank.slug])
    wrong = client.get(url, YEAR_2026 | {"start_0": "31", "start_1": "2"}).text
    backwards = client.get(url, YEAR_2026 | {"end_2": "2025"}).text
    missing = client.get(url, YEAR_2026 | {"end_1": ""}).text

    assert "The start date must be a real date, for example 27 3 2026" in wrong
    assert "The end date must be on or after the start date." in backwards
    assert "The end date must include a month" in missing
    assert "There is a problem" in wrong


def test_the_csv_download_hides_small_counts(client, timebank, alice, bob, coordinator):
    exchange(timebank, alice, bob)
    client.force_login(coordinator)
    response = client.get(
        reverse("timebank:report", args=[timebank.slug]),
        YEAR_2026 | {"download": "csv"},
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
        YEAR_2026 | {"download": "csv"},
    )
    assert ",'=cmd,5," in b"".join(response.streaming_content).decode()


def test_the_export_makes_the_same_few_queries_however_many_timebanks_and_exchanges(
    django_assert_num_queries, timebank, other_timebank, alice, bob
):
    from flourish.timebank.models import Timebank
    from flourish.timebank.selectors.reports import report_rows

    def rows():
        return list(
            report_rows(
                timebanks=Timebank.objects.all(),
                start=datetime.date(2026, 1, 1),
                end=datetime.date(2026, 12, 31),
            )
        )

    exchange(timebank, alice, bob)
    with django_assert_num_queries(EXPORT_QUERIES):
        few = rows()
    carol, dan = member_make(other_timebank), member_make(other_timebank)
    for day in range(1, 8):
        exchange(other_timebank, carol, dan, day=datetime.date(2026, day, 3), kind="walking")
        exchange(timebank, bob, alice, day=datetime.date(2026, day, 4), kind="gardening")
    with django_assert_num_queries(EXPORT_QUERIES):
        many = rows()
    assert len(many) > len(few)
    assert ["Armley Timebank", "members", "active members", "fewer than 5", ""] in many
    assert ["Kirkstall Timebank", "kind", "Gardening", "7", "7.0"] in many


def test_each_timebanks_figures_in_the_export_are_its_own(timebank, other_timebank, alice, bob):
    from flourish.timebank.models import Timebank
    from flourish.timebank.selectors.reports import report_rows, timebank_report

    for _ in range(6):
        exchange(timebank, alice, bob)
    period = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 12, 31)}
    rows = list(report_rows(timebanks=Timebank.objects.all(), **period))
    alone = timebank_report(timebanks=Timebank.objects.filter(pk=timebank.pk), **period)

    assert ["Kirkstall Timebank", "month", "2026-03", "6", "6.0"] in rows
    assert ["Armley Timebank", "members", "members", "0", ""] in rows
    assert not any(row[0] == "Armley Timebank" and row[1] == "month" for row in rows)
    assert alone.members == 2 and alone.active_members == 2


def test_a_corrected_exchange_leaves_the_report_and_the_totals_always_match_the_exchanges(
    timebank, alice, bob, coordinator
):
    from flourish.timebank.models import Exchange, ExchangeTotal, Timebank
    from flourish.timebank.selectors.reports import timebank_report
    from flourish.timebank.services.totals import exchange_totals_rebuild, totals_from_exchanges

    def stored():
        return sorted(
            ExchangeTotal.objects.filter(exchanges__gt=0).values_list(
                "timebank_id", "day", "help_kind", "area", "exchanges", "minutes"
            )
        )

    def added_up():
        return sorted(
            (t.timebank_id, t.day, t.help_kind, t.area, t.exchanges, t.minutes)
            for t in totals_from_exchanges(Exchange.objects.all())
        )

    for _ in range(6):
        exchange(timebank, alice, bob)
    exchanges.exchange_reverse(
        exchange=Exchange.objects.filter(status="confirmed").first(),
        reason="Typed twice",
        actor=coordinator,
    )
    period = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 12, 31)}
    report = timebank_report(timebanks=Timebank.objects.filter(pk=timebank.pk), **period)

    assert [(f.label, f.exchanges, f.minutes) for f in report.by_month] == [("2026-03", 5, 300)]
    assert stored() == added_up()
    exchange_totals_rebuild()
    assert stored() == added_up()
