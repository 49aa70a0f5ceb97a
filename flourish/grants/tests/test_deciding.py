"""Decisions and awards: the budget and the award limit hold, even under concurrency."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.core.tests.races import at_once, on_postgresql
from flourish.grants.factories import (
    ProgrammeFactory,
    application_with_lines,
    holding_partner_for,
)
from flourish.grants.models import ApplicationStatus, Award, Stage
from flourish.grants.services import decisions
from flourish.grants.services.decisions import (
    application_decline,
    application_shortlist,
    application_sift,
    award_make,
)
from flourish.grants.services.panels import conflict_declare, panel_create, vote_cast

pytestmark = pytest.mark.django_db

QUICK = [Stage.DECISION]  # a small fund that skips straight to deciding


def _quick_programme(funder, **kwargs):
    return ProgrammeFactory(funder=funder, stages=QUICK, **kwargs)


def test_staff_award_a_grant_and_the_group_is_told_in_plain_words(
    client, staff, owner, group, programme
):
    application = application_with_lines(programme=programme, group=group, submitted_by=owner)
    application_sift(application=application, actor=staff, eligible=True)
    application_shortlist(application=application, actor=staff)
    _panel_votes(programme, staff, application)
    client.force_login(staff)

    client.post(
        reverse("grants:decide", args=[application.pk]),
        {"outcome": "award", "amount": "1,500", "conditions": "Tell us how it went."},
    )

    assert Award.objects.get().amount_pence == 150_000
    client.force_login(owner)
    status = client.get(reverse("grants:application_status", args=[application.pk]))
    assert "Good news: we are offering your group a grant of £1,500." in status.content.decode()


def test_a_programme_never_awards_more_than_its_budget(staff, funder):
    programme = _quick_programme(funder, max_grant_pence=200_000, budget_pence=300_000)
    first, second = (application_with_lines(programme=programme) for _ in range(2))
    award_make(application=first, actor=staff, amount_pence=200_000)

    with pytest.raises(ValidationError, match="over its budget: £1,000 is left"):
        award_make(application=second, actor=staff, amount_pence=150_000)

    second.refresh_from_db()
    assert second.status == ApplicationStatus.SUBMITTED
    assert Award.objects.count() == 1


def test_a_programme_never_makes_more_awards_than_its_limit(staff, funder):
    programme = _quick_programme(funder, award_limit=1)
    first, second = (application_with_lines(programme=programme) for _ in range(2))
    award_make(application=first, actor=staff, amount_pence=1_000)

    with pytest.raises(ValidationError, match="funds 1 idea and has made 1 award already"):
        award_make(application=second, actor=staff, amount_pence=1_000)


def test_an_award_over_the_largest_grant_is_refused(staff, funder):
    application = application_with_lines(programme=_quick_programme(funder))

    with pytest.raises(ValidationError):
        award_make(application=application, actor=staff, amount_pence=200_001)


def test_a_programme_that_sifts_and_shortlists_will_not_decide_before_those_steps(staff, programme):
    application = application_with_lines(programme=programme)

    with pytest.raises(ValidationError, match="Sift this application"):
        award_make(application=application, actor=staff, amount_pence=1_000)
    application_sift(application=application, actor=staff, eligible=True)
    with pytest.raises(ValidationError, match="shortlist"):
        award_make(application=application, actor=staff, amount_pence=1_000)


def test_an_application_is_decided_once(staff, funder):
    application = application_with_lines(programme=_quick_programme(funder))
    award_make(application=application, actor=staff, amount_pence=1_000)

    with pytest.raises(ValidationError, match="decided already"):
        application_decline(application=application, actor=staff, reasons="", feedback="Sorry")


def test_a_declined_group_always_gets_feedback(client, staff, owner, group, funder):
    application = application_with_lines(
        programme=_quick_programme(funder), group=group, submitted_by=owner
    )
    with pytest.raises(ValidationError):
        application_decline(application=application, actor=staff, reasons="Too many", feedback="")

    application_decline(
        application=application, actor=staff, reasons="Too many", feedback="Please try again."
    )

    client.force_login(owner)
    status = client.get(reverse("grants:application_status", args=[application.pk])).content
    assert "Please try again." in status.decode()


def test_an_award_can_name_a_holding_partner_for_a_group_without_a_bank_account(staff, funder):
    partner = holding_partner_for(funder)
    application = application_with_lines(programme=_quick_programme(funder))

    award = award_make(
        application=application, actor=staff, amount_pence=1_000, holding_partner=partner
    )

    assert award.holding_partner == partner


@on_postgresql
def test_two_staff_deciding_at_the_same_moment_cannot_overspend_the_budget(
    staff, funder, monkeypatch
):
    # Widen the gap between checking the money left and recording the award, so without
    # the programme lock both deciders would see the same money left every time.
    check = decisions._refuse_over_budget

    def slow_check(programme, amount_pence):
        check(programme, amount_pence)
        time.sleep(0.3)

    monkeypatch.setattr(decisions, "_refuse_over_budget", slow_check)
    programme = _quick_programme(funder, max_grant_pence=200_000, budget_pence=300_000)
    applications = [application_with_lines(programme=programme) for _ in range(2)]
    outcomes = at_once(
        *[
            lambda application=application: award_make(
                application=application, actor=staff, amount_pence=200_000
            )
            for application in applications
        ]
    )

    assert outcomes == ["done", "refused"]
    assert Award.objects.count() == 1


def _panel_votes(programme, staff, application, votes=1):
    panel = panel_create(
        programme=programme,
        actor=staff,
        title="Panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=1,
        members=[staff],
    )
    conflict_declare(panel=panel, application=application, member=staff, has_conflict=False)
    vote_cast(panel=panel, application=application, member=staff, verdict="fund")
    return panel


def test_a_programme_with_a_panel_decides_only_once_the_panel_reaches_its_quorum(
    staff, programme, panel_member
):
    application = application_with_lines(programme=programme, status="shortlisted")
    panel = panel_create(
        programme=programme,
        actor=staff,
        title="Panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=2,
        members=[staff, panel_member],
    )
    conflict_declare(panel=panel, application=application, member=staff, has_conflict=False)
    vote_cast(panel=panel, application=application, member=staff, verdict="fund")

    with pytest.raises(ValidationError, match="quorum"):
        award_make(application=application, actor=staff, amount_pence=1_000)

    conflict_declare(panel=panel, application=application, member=panel_member, has_conflict=False)
    vote_cast(panel=panel, application=application, member=panel_member, verdict="fund")
    assert award_make(application=application, actor=staff, amount_pence=1_000).pk


def test_the_application_page_says_what_the_decision_waits_for_instead_of_offering_it(
    client, staff, programme, funder
):
    application = application_with_lines(programme=programme)
    decide = reverse("grants:decide", args=[application.pk])
    client.force_login(staff)

    def actions():
        page = client.get(reverse("grants:review", args=[application.pk])).content.decode()
        return page[page.index('id="actions"') : page.index("</ul>", page.index('id="actions"'))]

    assert "Record the decision: Sift this application before deciding on it." in actions()
    assert decide not in actions()
    application_sift(application=application, actor=staff, eligible=True)
    application_shortlist(application=application, actor=staff)
    assert "This programme has no panel yet. Set one up" in actions()
    _panel_votes(programme, staff, application)
    assert f'href="{decide}"' in actions()
