"""The person sets a reminder to review a goal; Flourish emails them once for each date it
falls due, never with the goal's words, and a repeating reminder moves on after a review."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from flourish.core.models import AuditEvent
from flourish.outcomes import events
from flourish.outcomes.factories import goal_make, review_make
from flourish.outcomes.services.goals import goal_move
from flourish.outcomes.services.reminders import goal_reminder_set, review_reminders_send

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def test_a_reminder_goes_once_on_its_day_without_the_goals_words(person, mailoutbox):
    goal = goal_make(person, wording="Phone my sister on Sundays")
    goal_reminder_set(goal=goal, actor=person, remind_on=_today())

    assert review_reminders_send(today=_today()) == 1
    assert review_reminders_send(today=_today() + datetime.timedelta(days=1)) == 0

    [message] = mailoutbox
    assert message.to == ["ruth@example.org"]
    assert "review one of your goals" in message.subject
    assert "Phone my sister" not in message.body + message.subject
    assert AuditEvent.objects.filter(action=events.REVIEW_REMINDER_SENT).count() == 1


def test_nothing_goes_before_the_day_or_for_a_paused_goal(person, mailoutbox):
    later = goal_make(person)
    goal_reminder_set(goal=later, actor=person, remind_on=_today() + datetime.timedelta(days=3))
    paused = goal_make(person)
    goal_reminder_set(goal=paused, actor=person, remind_on=_today())
    goal_move(goal=paused, move="pause", actor=person)

    assert review_reminders_send(today=_today()) == 0
    assert mailoutbox == []


def test_a_repeating_reminder_moves_on_after_a_review_and_goes_again(person, mailoutbox):
    goal = goal_make(person)
    goal_reminder_set(goal=goal, actor=person, remind_on=_today(), every_weeks=2)
    assert review_reminders_send(today=_today()) == 1
    review_make(goal, 0, on=_today())
    goal.refresh_from_db()
    assert goal.remind_on == _today() + datetime.timedelta(weeks=2)

    assert review_reminders_send(today=_today() + datetime.timedelta(weeks=2)) == 1
    assert len(mailoutbox) == 2


def test_the_daily_command_queues_the_reminders(person, mailoutbox):
    goal = goal_make(person)
    goal_reminder_set(goal=goal, actor=person, remind_on=_today())
    call_command("send_review_reminders")
    assert len(mailoutbox) == 1


def test_only_the_person_sets_a_reminder_and_never_in_the_past(person, mentor):
    goal = goal_make(person)
    with pytest.raises(ValidationError):
        goal_reminder_set(goal=goal, actor=mentor, remind_on=_today())
    with pytest.raises(ValidationError):
        goal_reminder_set(goal=goal, actor=person, remind_on=_today() - datetime.timedelta(1))
    goal.refresh_from_db()
    assert goal.remind_on is None


def test_the_person_sets_a_reminder_on_its_page_and_a_bad_number_says_what_to_do(client, person):
    goal = goal_make(person)
    client.force_login(person)
    url = reverse("outcomes:goal_reminder", args=[goal.pk])
    day = _today() + datetime.timedelta(days=7)
    date = {"remind_on_0": day.day, "remind_on_1": day.month, "remind_on_2": day.year}
    page = client.post(url, {**date, "every_weeks": "99"}).content.decode()
    assert "Enter a number of weeks from 1 to 52" in page
    goal.refresh_from_db()
    assert goal.remind_on is None

    response = client.post(url, {**date, "every_weeks": "4"})
    assert response.status_code == 302
    page = client.get(reverse("outcomes:goal", args=[goal.pk])).content.decode()
    assert "We will remind you to review it on" in page
    assert "every 4 weeks" in page


def test_a_helper_or_stranger_cannot_open_the_reminder_page(client, person, mentor, other):
    goal = goal_make(person)
    from flourish.outcomes.services.sharing import helper_invite

    helper_invite(goal=goal, email=mentor.email, actor=person, may_help=True)
    for someone in (mentor, other):
        client.force_login(someone)
        assert client.get(reverse("outcomes:goal_reminder", args=[goal.pk])).status_code == 404
