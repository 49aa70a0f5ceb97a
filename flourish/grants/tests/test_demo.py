import io

import pytest
from django.db.models import F

from flourish.accounts import demo as accounts_demo
from flourish.grants import demo as grants_demo
from flourish.grants.models import Award, PayeeKind, Payment, Programme
from flourish.grants.money import programme_budget_figures
from flourish.grants.services.payments import programme_budget_account
from flourish.ledger import demo as ledger_demo
from flourish.ledger.selectors import account_balance

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_nsun_like_fund_with_88_awards_within_budget_and_runs_twice():
    for _run in range(2):
        for demo in (accounts_demo, ledger_demo, grants_demo):
            demo.build(io.StringIO())

    fund = Programme.objects.get(slug="keep-connected-fund")
    awards = Award.objects.filter(programme=fund)
    assert awards.count() == 88
    budget = programme_budget_figures(programme=fund).put_in_pence
    assert sum(a.amount_pence for a in awards) <= budget == 12_000_000
    assert max(a.amount_pence for a in awards) == fund.max_grant_pence == 200_000
    assert fund.categories.count() == 8
    assert awards.values("application__group").distinct().count() == 88
    paid = sum(a.paid_pence for a in awards)
    account = programme_budget_account(programme=fund)
    assert account_balance(account=account) == budget - paid
    statuses = set(fund.applications.values_list("status", flat=True))
    assert {"submitted", "in_review", "shortlisted", "paid", "awarded"} <= statuses
    assert Programme.objects.get(slug="ideas-investment").award_limit == 6
    assert fund.panels.get().members.filter(email="panel@example.org").exists()
    assert awards.filter(report__isnull=False).count() == 40
    to_suppliers = Payment.objects.filter(award__programme=fund, payee_kind=PayeeKind.SUPPLIER)
    assert to_suppliers.count() == 7


def test_the_demo_fund_reads_as_fast_on_its_dashboard():
    from flourish.grants.dashboard import programme_dashboard

    for demo in (accounts_demo, ledger_demo, grants_demo):
        demo.build(io.StringIO())
    figures = programme_dashboard(programme=Programme.objects.get(slug="keep-connected-fund"))

    assert figures.median_days_to_decision == 9.0
    assert figures.median_days_to_payment == 12.0
    for programme in Programme.objects.filter(description__icontains="planning session"):
        assert programme.planning_sessions.exists(), programme.title


def test_the_demo_gives_every_decision_its_reasons_and_every_decline_its_feedback():
    from flourish.grants.models import Application, Decision, GrantReport

    for demo in (accounts_demo, ledger_demo, grants_demo):
        demo.build(io.StringIO())

    awarded = Application.objects.filter(award__isnull=False)
    assert awarded.count() == Decision.objects.filter(outcome="award").count() > 90
    assert all(decision.reasons.strip() for decision in Decision.objects.all())
    declined = Application.objects.filter(status="declined")
    assert declined.count() == Decision.objects.filter(outcome="decline").count() >= 2
    assert all(application.decision.feedback.strip() for application in declined)
    not_eligible = Application.objects.filter(status="not_eligible")
    assert not_eligible.exists()
    assert all(application.sift.feedback.strip() for application in not_eligible)
    from_groups = GrantReport.objects.filter(
        recorded_from_call=False, recorded_by=F("award__application__submitted_by")
    )
    assert from_groups.count() >= 30
    assert len(set(GrantReport.objects.values_list("what_happened", flat=True))) > 1


def test_the_demo_organiser_sees_reasons_for_an_award_and_feedback_on_a_decline():
    from flourish.accounts.models import User
    from flourish.grants.selectors import application_list_for_applicant

    for demo in (accounts_demo, ledger_demo, grants_demo):
        demo.build(io.StringIO())
    priya = User.objects.get(email="organiser@example.org")

    mine = application_list_for_applicant(user=priya)
    statuses = {application.status for application in mine}
    assert {"draft", "paid", "declined"} <= statuses
    funded = mine.get(status="paid")
    assert funded.decision.reasons and funded.award.holding_partner is not None
    assert funded.award.accepted_at is not None and not hasattr(funded.award, "report")
    assert "Kick-Start grant first" in mine.get(status="declined").decision.feedback
    assert mine.get(status="draft").programme.is_open()
