"""What goes back and forth after a decision: the group reads why, and staff read the
group's report on the application itself."""

import pytest
from django.urls import reverse

from flourish.core.tests.page_checks import page_text
from flourish.grants.factories import ProgrammeFactory, application_with_lines
from flourish.grants.models import Stage
from flourish.grants.services.decisions import application_decline, award_make
from flourish.grants.services.reports import report_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def quick_programme(funder):
    return ProgrammeFactory(funder=funder, stages=[Stage.DECISION], title="Quick Fund")


@pytest.fixture
def application(quick_programme, group, owner):
    return application_with_lines(programme=quick_programme, group=group, submitted_by=owner)


def _status_page(client, person, application):
    client.force_login(person)
    return client.get(reverse("grants:application_status", args=[application.pk])).content.decode()


def test_a_funded_group_reads_the_reasons_for_its_award(client, staff, owner, application):
    award_make(
        application=application,
        actor=staff,
        amount_pence=100_000,
        reasons="The panel loved how the group reaches people who live alone.",
    )

    page = _status_page(client, owner, application)

    assert "Why we funded you" in page
    assert "The panel loved how the group reaches people who live alone." in page


def test_a_declined_group_reads_the_feedback_and_the_reasons(client, staff, owner, application):
    application_decline(
        application=application,
        actor=staff,
        reasons="We had five times more requests than money.",
        feedback="Your idea was strong; a budget with more detail would help next time.",
    )

    page = _status_page(client, owner, application)

    assert "Why we could not fund this" in page
    assert "We had five times more requests than money." in page
    assert "a budget with more detail would help next time" in page


def test_staff_read_the_groups_report_on_the_review_page(client, staff, owner, application):
    award = award_make(application=application, actor=staff, amount_pence=100_000)
    category = application.programme.categories.first()
    report_submit(
        award=award,
        actor=owner,
        what_happened="Twelve people met online every week.",
        people_reached=12,
        spending={category: 95_000},
    )
    client.force_login(staff)

    page = client.get(reverse("grants:review", args=[application.pk])).content.decode()

    assert "What happened" in page
    assert "Twelve people met online every week." in page
    assert "12" in page
    assert f"{category.name}: £950" in page_text(page)


def test_staff_see_that_a_report_has_not_come_in_yet_and_when_it_is_due(client, staff, application):
    award = award_make(application=application, actor=staff, amount_pence=100_000)
    client.force_login(staff)

    page = client.get(reverse("grants:review", args=[application.pk])).content.decode()

    due = award.report_due_on.strftime("%-d %B %Y")
    assert f"The group has not sent its report yet. It is due on {due}." in page


def test_staff_read_the_reasons_and_feedback_the_group_was_given_on_the_review_page(
    client, staff, application
):
    application_decline(
        application=application,
        actor=staff,
        reasons="We had five times more requests than money.",
        feedback="A budget with more detail would help next time.",
    )
    client.force_login(staff)

    page = client.get(reverse("grants:review", args=[application.pk])).content.decode()

    decision = page.split('id="decision"')[1].split("</dl>")[0]
    assert "Declined" in decision
    assert "We had five times more requests than money." in decision
    assert "A budget with more detail would help next time." in decision
