"""A group without a bank account is paid through its holding partner, who holds the money
for it, as the grants app pays such groups."""

import datetime

import pytest
from django.urls import reverse

from flourish.budgets.services.bookings import (
    booking_ask,
    booking_confirm,
    booking_sessions_pay,
)
from flourish.budgets.services.payees import group_account_open, held_account_open
from flourish.grants.factories import AwardFactory, FunderFactory, holding_partner_for
from flourish.ledger.selectors import account_balance, ledger_integrity


@pytest.fixture
def partner(group):
    """The owner's group has no bank account: its grant is held by a holding partner."""
    funder = FunderFactory()
    made = holding_partner_for(funder, name="Bradford Community Voluntary Services")
    AwardFactory(
        application__group=group, application__programme__funder=funder, holding_partner=made
    )
    return made


def test_confirming_pays_the_holding_partner_and_says_so(
    client, budget, offer, jo, owner, group, partner, next_week
):
    booking = booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo)
    client.force_login(owner)
    response = client.post(
        reverse("budgets:group_booking_act", args=[group.slug, booking.pk, "confirm"]),
        follow=True,
    )
    page = response.content.decode()
    assert "Bradford Community Voluntary Services was paid £20" in page
    assert f"holds it for {group.name}" in page
    assert account_balance(account=held_account_open(partner=partner)) == 2_000
    assert account_balance(account=group_account_open(group=group)) == 0
    receipt = client.get(reverse("budgets:receipt", args=[booking.pk])).content.decode()
    assert f"Bradford Community Voluntary Services, who hold it for {group.name}" in receipt
    client.force_login(jo)
    mine = client.get(reverse("budgets:booking", args=[budget.pk, booking.pk])).content.decode()
    assert "who hold it for" in mine
    assert ledger_integrity().sound


def test_each_later_session_goes_to_the_holding_partner_too(
    budget, offer, jo, owner, partner, next_week
):
    weekly = booking_confirm(
        booking=booking_ask(
            budget=budget,
            offer=offer,
            session_on=next_week,
            repeat="weekly",
            sessions=2,
            actor=jo,
        ),
        actor=owner,
    )
    booking_sessions_pay(today=weekly.session_on + datetime.timedelta(weeks=1))
    assert account_balance(account=held_account_open(partner=partner)) == 4_000


def test_a_pool_pays_the_holding_partner(pool, offer, jo, ali, group, partner):
    from flourish.budgets.models import ProposalStatus
    from flourish.budgets.services.pools import proposal_make, vote_cast

    jo_place = pool.members.get(budget__person=jo)
    ali_place = pool.members.get(budget=ali)
    proposal = proposal_make(
        pool=pool, member=jo_place, offer=offer, amount_pence=3_000, why="Paint", actor=jo
    )
    vote_cast(proposal=proposal, member=jo_place, in_favour=True, actor=jo)
    decided = vote_cast(proposal=proposal, member=ali_place, in_favour=True, actor=ali.person)
    assert decided.status == ProposalStatus.PAID
    assert decided.paid_to == partner
    assert account_balance(account=held_account_open(partner=partner)) == 3_000


def test_a_group_with_a_bank_account_is_paid_itself(budget, offer, jo, owner, group, next_week):
    booking = booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )
    assert booking.paid_to == group
    assert account_balance(account=group_account_open(group=group)) == 2_000
