"""Before a member's safeguarding check runs out, the coordinator and the member are told,
once for each check and each date it runs out, and the dashboard shows it."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from flourish.timebank.models import CheckKind, MemberCheck
from flourish.timebank.services.checks import check_reminders_send
from flourish.timebank.services.timebanks import member_check_record

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 1)


def safeguarding(member, coordinator, runs_out, done_on=datetime.date(2024, 1, 10)):
    return member_check_record(
        member=member,
        kind=CheckKind.SAFEGUARDING,
        done_on=done_on,
        expires_on=runs_out,
        actor=coordinator,
    )


def test_the_coordinator_and_the_member_are_told_once_before_a_check_runs_out(
    alice, coordinator, mailoutbox
):
    check = safeguarding(alice, coordinator, TODAY + datetime.timedelta(days=20))

    assert check_reminders_send(today=TODAY) == 1
    assert check_reminders_send(today=TODAY + datetime.timedelta(days=1)) == 0

    assert sorted(message.to[0] for message in mailoutbox) == [
        "alice@example.org",
        "coordinator@example.org",
    ]
    to_coordinator = next(m for m in mailoutbox if m.to == ["coordinator@example.org"])
    assert (
        "Alice Giver's safeguarding check for Kirkstall Timebank runs out on 21 September 2026"
        in to_coordinator.body
    )
    check.refresh_from_db()
    assert check.reminded_for == check.expires_on


def test_no_reminder_goes_for_a_check_far_off_renewed_or_of_someone_who_left(
    alice, bob, carol, coordinator, mailoutbox
):
    safeguarding(alice, coordinator, TODAY + datetime.timedelta(days=200))
    safeguarding(bob, coordinator, TODAY + datetime.timedelta(days=10))
    safeguarding(bob, coordinator, TODAY + datetime.timedelta(days=1000), done_on=TODAY)
    safeguarding(carol, coordinator, TODAY + datetime.timedelta(days=10))
    carol.status = "left"
    carol.save()

    assert check_reminders_send(today=TODAY) == 0
    assert mailoutbox == []


def test_a_check_whose_date_is_moved_is_reminded_again_for_the_new_date(
    alice, coordinator, mailoutbox
):
    check = safeguarding(alice, coordinator, TODAY + datetime.timedelta(days=20))
    check_reminders_send(today=TODAY)
    MemberCheck.objects.filter(pk=check.pk).update(expires_on=TODAY + datetime.timedelta(days=25))

    assert check_reminders_send(today=TODAY) == 1
    assert len(mailoutbox) == 4


def test_the_daily_command_queues_the_reminders(alice, coordinator, mailoutbox):
    safeguarding(alice, coordinator, datetime.date.today() + datetime.timedelta(days=5))

    call_command("send_check_reminders")

    assert len(mailoutbox) == 2


def test_the_dashboard_shows_whether_the_reminder_has_gone(
    client, timebank, alice, bob, coordinator
):
    today = datetime.date.today()
    safeguarding(alice, coordinator, today + datetime.timedelta(days=5))
    check_reminders_send(today=today)
    safeguarding(bob, coordinator, today + datetime.timedelta(days=6))
    client.force_login(coordinator)

    page = client.get(reverse("timebank:dashboard", args=[timebank.slug])).text

    assert "Checks running out within 30 days" in page
    assert f"Reminder sent to you and them on {today:%-d %b %Y}" in page
    assert "Reminder not sent yet." in page
