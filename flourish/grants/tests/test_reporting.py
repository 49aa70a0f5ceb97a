import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.grants.factories import AwardFactory, GroupFactory, SpendLineFactory
from flourish.grants.models import GrantReport
from flourish.grants.services.reports import report_reminders_send, report_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(programme, group, owner):
    award = AwardFactory(
        application__programme=programme,
        application__group=group,
        application__submitted_by=owner,
        programme=programme,
    )
    SpendLineFactory(application=award.application, amount_pence=100_000)
    return award


def test_a_funded_group_tells_us_what_happened_and_what_it_spent_by_category(
    client, owner, award, programme
):
    client.force_login(owner)
    category = programme.categories.first()
    url = reverse("grants:report", args=[award.application_id])
    form = client.get(url).content.decode()
    assert "Spent on technology to keep in touch" in form

    client.post(
        url,
        {
            "what_happened": "Twelve people met online every week.",
            "people_reached": "12",
            f"spent_{category.pk}": "950",
        },
    )

    report = GrantReport.objects.get()
    assert report.people_reached == 12
    assert report.spending.get().amount_pence == 95_000
    status = client.get(reverse("grants:application_status", args=[award.application_id]))
    assert "You have told us what happened." in status.content.decode()


def test_a_report_is_sent_once(owner, award):
    report_submit(award=award, actor=owner, what_happened="Good", spending={})

    with pytest.raises(ValidationError, match="already told us"):
        report_submit(award=award, actor=owner, what_happened="Again", spending={})
    assert GrantReport.objects.get().what_happened == "Good"


def test_an_associate_can_record_a_report_from_a_call(associate, award):
    report = report_submit(
        award=award,
        actor=associate,
        what_happened="Said on the phone",
        spending={},
        recorded_from_call=True,
    )

    assert report.recorded_from_call
    assert report.recorded_by == associate


def _due(programme, owner, group, due_on, **kwargs):
    return AwardFactory(
        application__programme=programme,
        application__group=group,
        application__submitted_by=owner,
        programme=programme,
        paid_pence=100_000,
        report_due_on=due_on,
        **kwargs,
    )


def test_a_group_gets_one_gentle_reminder_a_week_before_its_report_is_due(
    programme, owner, group, mailoutbox
):
    today = datetime.date(2026, 9, 1)
    _due(programme, owner, group, today + datetime.timedelta(days=5))

    assert report_reminders_send(today=today) == 1
    assert report_reminders_send(today=today) == 0

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["owner@example.org"]
    assert "We would love to hear how it went" in mailoutbox[0].body


def test_an_overdue_report_gets_one_more_reminder_and_a_sent_report_gets_none(
    programme, owner, group, mailoutbox
):
    today = datetime.date(2026, 9, 1)
    overdue = _due(programme, owner, group, today - datetime.timedelta(days=10))
    reported = _due(programme, owner, GroupFactory(), today - datetime.timedelta(days=10))
    report_submit(award=reported, actor=owner, what_happened="Done", spending={})

    sent = report_reminders_send(today=today)

    assert sent == 2  # the "before" and the "after" reminder, both now due, for one award
    assert {m.to[0] for m in mailoutbox} == {"owner@example.org"}
    assert overdue.reminders.count() == 2
    assert any("If things have been hard" in m.body for m in mailoutbox)


def test_an_award_sets_when_its_report_is_due(staff, funder):
    from flourish.grants.factories import ProgrammeFactory, application_with_lines
    from flourish.grants.models import Stage
    from flourish.grants.services.decisions import award_make

    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION], report_due_days=60)
    award = award_make(
        application=application_with_lines(programme=programme), actor=staff, amount_pence=100
    )

    assert award.report_due_on == award.awarded_on + datetime.timedelta(days=60)


def test_the_daily_command_queues_the_reminders(programme, owner, group, mailoutbox):
    import io

    from django.core.management import call_command
    from django.utils import timezone

    _due(programme, owner, group, timezone.localdate())

    call_command("send_report_reminders", stdout=io.StringIO())

    assert len(mailoutbox) == 1
