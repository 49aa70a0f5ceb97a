"""The people of personal budgets: a council and its staff, Jo with a budget, and others."""

import datetime

import pytest
from django.utils import timezone

from flourish.accounts.factories import UserFactory
from flourish.budgets.factories import (
    budget_make,
    budget_offer_make,
    council_make,
    council_staff_make,
)
from flourish.budgets.services.budgets import budget_periods_pay


@pytest.fixture
def council(db):
    return council_make("Leeds City Council", slug="leeds")


@pytest.fixture
def council_staff(council):
    return council_staff_make(
        council, UserFactory(email="staff@leeds.example.org", name="Kim Staff")
    )


@pytest.fixture
def jo(db):
    return UserFactory(email="jo@example.org", name="Jo Holder")


@pytest.fixture
def budget(council, jo):
    """Jo's budget: £400 a month from 1 January 2026, with January's money in."""
    made = budget_make(council=council, person=jo, amount_pence=40_000)
    budget_periods_pay(today=datetime.date(2026, 1, 15))
    made.account.refresh_from_db()
    return made


@pytest.fixture
def other_council(db):
    return council_make("Bradford Council", slug="bradford")


@pytest.fixture
def other_staff(other_council):
    return council_staff_make(other_council, UserFactory(email="staff@bradford.example.org"))


@pytest.fixture
def offer(group, owner):
    """The owner's group sells a £20 peer support session to budget holders."""
    return budget_offer_make(group=group, price_pence=2_000)


@pytest.fixture
def next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


@pytest.fixture
def sam(db):
    return UserFactory(email="sam@example.org", name="Sam Broker")


@pytest.fixture
def consent(budget, jo, sam):
    """Jo lets Sam book up to £50 a month until a month from now."""
    from flourish.budgets.services.brokers import broker_invite

    return broker_invite(
        budget=budget,
        broker=sam,
        may_book=True,
        monthly_limit_pence=5_000,
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        actor=jo,
    )


@pytest.fixture
def ali(council):
    """Ali also holds a £400-a-month budget from the council, with January's money in."""
    made = budget_make(council=council, person=UserFactory(email="ali@example.org", name="Ali Two"))
    budget_periods_pay(today=datetime.date(2026, 1, 15))
    return made


@pytest.fixture
def pool(budget, ali, jo):
    """Jo and Ali pool £50 each, deciding by majority with a quorum of 2."""
    from flourish.budgets.services.pools import pool_form, pool_join

    made = pool_form(
        name="Art on Tuesdays",
        purpose="A weekly peer-led art group",
        rule="majority",
        quorum=2,
        decide_days=7,
        budget=budget,
        contribution_pence=5_000,
        outcome="Go out twice a week",
        actor=jo,
    )
    pool_join(
        pool=made, budget=ali, contribution_pence=5_000, outcome="Make things", actor=ali.person
    )
    return made
