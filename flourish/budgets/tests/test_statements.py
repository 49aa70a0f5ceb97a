"""Statements come from the ledger: the council downloads a month's, the person reads theirs."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from flourish.budgets.services.bookings import booking_ask, booking_confirm


@pytest.fixture
def paid_booking(budget, offer, jo, owner, next_week):
    return booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )


def _month():
    return timezone.localdate().strftime("%Y-%m")


def test_the_council_downloads_a_months_statements_as_csv(
    client, council_staff, paid_booking, other_council
):
    from flourish.budgets.factories import budget_make
    from flourish.budgets.services.budgets import budget_periods_pay

    budget_make(council=other_council)  # another council's budget is not in Leeds's file
    budget_periods_pay(today=timezone.localdate())
    client.force_login(council_staff)
    response = client.get(
        "/budgets/council/leeds/statements/", {"period": _month(), "download": "csv"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["Council", "Budget", "Person"]
    assert {row[0] for row in rows[1:]} == {"Leeds City Council"}
    purchase = next(row for row in rows if row[5] == "Purchase")
    assert purchase[6:11] == ["Hearing Voices Leeds", "Peer support group", "", "0", "2000"]


def test_a_month_that_is_not_a_month_gets_a_message(client, council_staff, council):
    client.force_login(council_staff)
    response = client.get(
        "/budgets/council/leeds/statements/", {"period": "March", "download": "csv"}
    )
    assert "for example 2026-03" in response.content.decode()


def test_the_person_reads_their_statement_without_sending_anything(client, jo, paid_booking):
    client.force_login(jo)
    page = client.get(f"/budgets/{paid_booking.budget_id}/statement/").content.decode()
    assert "Peer support group with Hearing Voices Leeds" in page
    assert "You do not need to send the council anything" in page


def test_the_command_writes_every_councils_statements(tmp_path, paid_booking):
    output = tmp_path / "out.csv"
    call_command("budget_statements", period=_month(), output=str(output))
    assert "Purchase" in output.read_text()
    xlsx = tmp_path / "out.xlsx"
    call_command(
        "budget_statements", council="leeds", period=_month(), format="xlsx", output=str(xlsx)
    )
    assert xlsx.stat().st_size > 0


def test_the_command_refuses_a_bad_month_or_council(tmp_path, council):
    with pytest.raises(CommandError, match="YYYY-MM"):
        call_command("budget_statements", period="2026-3", output=str(tmp_path / "x"))
    with pytest.raises(CommandError, match="No council"):
        call_command(
            "budget_statements", council="nowhere", period="2026-03", output=str(tmp_path / "x")
        )


def test_other_councils_cannot_download(client, other_staff, council):
    client.force_login(other_staff)
    assert client.get("/budgets/council/leeds/statements/").status_code == 404
