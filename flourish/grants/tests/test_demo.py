import io

import pytest

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
