"""A council records a budget and plan; each period's money arrives exactly once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from flourish.budgets.factories import budget_make
from flourish.budgets.models import Budget, PaidPeriod, Period
from flourish.budgets.services.budgets import budget_periods_pay, budget_record, plan_save
from flourish.ledger.selectors import account_balance, ledger_integrity


def test_a_group_cannot_record_a_personal_budget(group, jo):
    with pytest.raises(ValidationError, match="Only a council"):
        budget_record(
            council=group,
            person=jo,
            amount_pence=100,
            period=Period.MONTHLY,
            starts_on=datetime.date(2026, 1, 1),
            ends_on=None,
            held_as="direct_payment",
            actor=None,
        )
    assert not Budget.objects.exists()


def test_it_refuses_an_end_before_the_start(council, jo):
    with pytest.raises(ValidationError, match="end date"):
        budget_record(
            council=council,
            person=jo,
            amount_pence=100,
            period=Period.MONTHLY,
            starts_on=datetime.date(2026, 2, 1),
            ends_on=datetime.date(2026, 1, 1),
            held_as="direct_payment",
            actor=None,
        )


def test_the_period_task_run_twice_pays_each_period_once(council, jo):
    budget = budget_make(council=council, person=jo, amount_pence=40_000)
    assert budget_periods_pay(today=datetime.date(2026, 3, 10)) == 3
    assert budget_periods_pay(today=datetime.date(2026, 3, 10)) == 0
    assert account_balance(account=budget.account) == 120_000
    assert PaidPeriod.objects.filter(budget=budget).count() == 3
    assert ledger_integrity().sound


def test_a_missed_run_catches_up_and_stops_at_the_end_date(council, jo):
    budget = budget_make(
        council=council,
        person=jo,
        amount_pence=10_000,
        period=Period.WEEKLY,
        starts_on=datetime.date(2026, 1, 5),
        ends_on=datetime.date(2026, 1, 25),
    )
    budget_periods_pay(today=datetime.date(2026, 1, 6))
    assert account_balance(account=budget.account) == 10_000
    budget_periods_pay(today=datetime.date(2026, 6, 1))
    assert account_balance(account=budget.account) == 30_000


def test_nothing_arrives_before_the_start(council, jo):
    budget = budget_make(council=council, person=jo, starts_on=datetime.date(2026, 5, 1))
    assert budget_periods_pay(today=datetime.date(2026, 4, 30)) == 0
    assert account_balance(account=budget.account) == 0


def test_the_command_pays_the_periods_that_have_begun(council, jo, capsys):
    budget_make(council=council, person=jo, starts_on=datetime.date(2020, 1, 1))
    call_command("budget_periods")
    assert "Paid" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("period", "day", "number"),
    [
        (Period.MONTHLY, datetime.date(2026, 1, 31), 0),
        (Period.MONTHLY, datetime.date(2026, 2, 1), 1),
        (Period.FOUR_WEEKLY, datetime.date(2026, 1, 29), 1),
        (Period.YEARLY, datetime.date(2026, 12, 31), 0),
        (Period.YEARLY, datetime.date(2027, 1, 1), 1),
    ],
)
def test_a_day_falls_in_the_right_period(council, jo, period, day, number):
    budget = budget_make(council=council, person=jo, period=period)
    assert budget.period_for(day) == number


def test_shares_in_a_plan_cannot_add_up_to_more_than_all(budget, jo):
    with pytest.raises(ValidationError, match="100%"):
        plan_save(
            budget=budget,
            what_matters="",
            outcomes="",
            not_paid_for="",
            spending_kinds=[("Groups", None, 70), ("PA", None, 40)],
            actor=jo,
        )


def test_the_person_writes_their_plan_in_their_own_words(client, budget, jo):
    client.force_login(jo)
    response = client.post(
        f"/budgets/{budget.pk}/plan/",
        {
            "what_matters": "Seeing people who get it",
            "outcomes": "Go out twice a week\nSleep better",
            "spending": "Peer support groups, £40\nPersonal assistant, 60%",
            "not_paid_for": "",
        },
    )
    assert response.status_code == 302
    budget.plan.refresh_from_db()
    assert budget.plan.outcome_list == ["Go out twice a week", "Sleep better"]
    assert [
        (k.name, k.amount_pence, k.share_percent) for k in budget.plan.spending_kinds.all()
    ] == [
        ("Peer support groups", 4000, None),
        ("Personal assistant", None, 60),
    ]


def test_a_plan_line_without_an_amount_is_refused_with_a_reason(client, budget, jo):
    client.force_login(jo)
    response = client.post(f"/budgets/{budget.pk}/plan/", {"spending": "Groups"})
    assert response.status_code == 200
    assert "a comma, then an amount" in response.content.decode()


def test_the_home_page_says_what_is_left_and_what_is_coming(client, budget, jo):
    client.force_login(jo)
    page = client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "£400" in page
    today = timezone.localdate()
    coming = budget.period_start(budget.period_for(today) + 1)
    assert f"{coming.day} {coming:%B %Y}" in page


def test_council_staff_record_a_budget_for_someone_new(client, council, council_staff):
    client.force_login(council_staff)
    response = client.post(
        "/budgets/council/leeds/new/",
        {
            "email": "sam@example.org",
            "name": "Sam New",
            "amount_pence": "250",
            "period": "weekly",
            "starts_on_0": "1",
            "starts_on_1": "4",
            "starts_on_2": "2026",
            "ends_on_0": "",
            "ends_on_1": "",
            "ends_on_2": "",
            "held_as": "managed_account",
            "held_by": "Leeds Independent Living",
        },
    )
    assert response.status_code == 302
    budget = Budget.objects.get(person__email="sam@example.org")
    assert (budget.amount_pence, budget.held_as) == (25_000, "managed_account")
    assert "Sam New" in client.get("/budgets/council/leeds/").content.decode()


def test_a_bad_amount_gets_a_message_and_records_nothing(client, council, council_staff):
    client.force_login(council_staff)
    response = client.post("/budgets/council/leeds/new/", {"amount_pence": "lots"})
    assert "Enter the amount in pounds" in response.content.decode()
    assert not Budget.objects.exists()


def test_strangers_and_other_councils_get_404(client, budget, stranger, other_staff):
    for person in (stranger, other_staff):
        client.force_login(person)
        assert client.get(f"/budgets/{budget.pk}/").status_code == 404
        assert client.get(f"/budgets/{budget.pk}/plan/").status_code == 404
        assert client.get("/budgets/council/leeds/").status_code == 404


def test_a_group_lead_is_not_council_staff(client, owner, council):
    client.force_login(owner)
    assert client.get("/budgets/council/leeds/").status_code == 404
