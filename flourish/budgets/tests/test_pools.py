"""Pools: members put money in, propose, vote, and a proposal that passes is paid once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from flourish.budgets.models import PoolShare, ProposalStatus
from flourish.budgets.services.bookings import group_account_open
from flourish.budgets.services.pools import (
    member_unspent,
    pool_leave,
    proposal_make,
    proposal_settle,
    vote_cast,
)
from flourish.core.models import AuditEvent
from flourish.ledger.selectors import account_balance, ledger_integrity


def _members(pool):
    return {member.budget.person.email: member for member in pool.members.all()}


def test_joining_puts_this_periods_contribution_in(pool, budget):
    assert account_balance(account=pool.account) == 10_000
    assert account_balance(account=budget.account) == 35_000


def test_a_proposal_that_passes_pays_the_group_once_and_shares_it(pool, offer, jo, ali):
    members = _members(pool)
    proposal = proposal_make(
        pool=pool,
        member=members["jo@example.org"],
        offer=offer,
        amount_pence=6_001,
        why="We all go",
        actor=jo,
    )
    vote_cast(proposal=proposal, member=members["jo@example.org"], in_favour=True, actor=jo)
    decided = vote_cast(
        proposal=proposal, member=members["ali@example.org"], in_favour=True, actor=ali.person
    )
    assert decided.status == ProposalStatus.PAID
    assert proposal_settle(proposal=decided).payment_id == decided.payment_id
    assert account_balance(account=pool.account) == 3_999
    assert account_balance(account=group_account_open(group=offer.listing.organisation)) == 6_001
    assert sorted(PoolShare.objects.values_list("amount_pence", flat=True)) == [3_000, 3_001]
    assert ledger_integrity().sound


def test_it_refuses_a_proposal_bigger_than_the_pool(pool, offer, jo):
    with pytest.raises(ValidationError, match="£100 or less"):
        proposal_make(
            pool=pool,
            member=_members(pool)["jo@example.org"],
            offer=offer,
            amount_pence=10_001,
            why="Too much",
            actor=jo,
        )


def test_it_refuses_a_vote_after_the_proposal_closed(pool, offer, jo):
    member = _members(pool)["jo@example.org"]
    proposal = proposal_make(
        pool=pool, member=member, offer=offer, amount_pence=1_000, why="Paint", actor=jo
    )
    later = timezone.now() + datetime.timedelta(days=8)
    with pytest.raises(ValidationError, match="has closed"):
        vote_cast(proposal=proposal, member=member, in_favour=True, actor=jo, now=later)


def test_under_consent_an_objection_stops_it_and_silence_passes_it(pool, offer, jo, ali):
    pool.rule = "consent"
    pool.save()
    members = _members(pool)
    objected = proposal_make(
        pool=pool,
        member=members["jo@example.org"],
        offer=offer,
        amount_pence=1_000,
        why="Paint",
        actor=jo,
    )
    assert (
        vote_cast(
            proposal=objected, member=members["ali@example.org"], in_favour=False, actor=ali.person
        ).status
        == ProposalStatus.REJECTED
    )
    quiet = proposal_make(
        pool=pool,
        member=members["jo@example.org"],
        offer=offer,
        amount_pence=1_000,
        why="Brushes",
        actor=jo,
    )
    later = timezone.now() + datetime.timedelta(days=8)
    assert proposal_settle(proposal=quiet, now=later).status == ProposalStatus.PAID


def test_a_broker_votes_only_if_the_member_allowed_it(pool, offer, jo, sam, consent):
    member = _members(pool)["jo@example.org"]
    proposal = proposal_make(
        pool=pool, member=member, offer=offer, amount_pence=1_000, why="Paint", actor=jo
    )
    with pytest.raises(ValidationError, match="allowed to vote"):
        vote_cast(proposal=proposal, member=member, in_favour=True, actor=sam)
    consent.may_vote = True
    consent.save()
    vote_cast(proposal=proposal, member=member, in_favour=True, actor=sam)
    assert proposal.votes.get().cast_by == sam


def test_a_member_who_leaves_gets_their_unspent_share_back(pool, budget, jo):
    member = _members(pool)["jo@example.org"]
    assert member_unspent(member=member) == 5_000
    pool_leave(member=member, actor=jo)
    assert account_balance(account=budget.account) == 40_000
    assert account_balance(account=pool.account) == 5_000
    # Recorded as leaving, not as joining again, with what was given back.
    left = AuditEvent.objects.get(action="budgets.pool_left")
    assert (left.actor, left.data) == (jo, {"given_back": 5_000})


def test_members_propose_and_vote_through_the_pages(client, pool, offer, jo, ali):
    client.force_login(jo)
    response = client.post(
        f"/budgets/pools/{pool.pk}/propose/{offer.uuid}/",
        {"amount_pence": "20", "why": "Art materials"},
    )
    assert response.status_code == 302
    proposal = pool.proposals.get()
    client.post(f"/budgets/pools/{pool.pk}/proposals/{proposal.pk}/vote/", {"in_favour": "yes"})
    client.force_login(ali.person)
    client.post(f"/budgets/pools/{pool.pk}/proposals/{proposal.pk}/vote/", {"in_favour": "yes"})
    page = client.get(f"/budgets/pools/{pool.pk}/").content.decode()
    assert "Agreed and paid" in page
    assert account_balance(account=pool.account) == 8_000


def test_a_proposal_bigger_than_the_pool_through_the_page_says_what_to_do(client, pool, offer, jo):
    client.force_login(jo)
    response = client.post(
        f"/budgets/pools/{pool.pk}/propose/{offer.uuid}/",
        {"amount_pence": "500", "why": "Lots"},
    )
    assert "propose £100 or less" in response.content.decode()
    assert not pool.proposals.exists()


def test_strangers_and_other_budget_holders_get_404(client, pool, offer, stranger, council):
    from flourish.budgets.factories import budget_make

    other = budget_make(council=council)
    for person in (stranger, other.person):
        client.force_login(person)
        assert client.get(f"/budgets/pools/{pool.pk}/").status_code == 404
        assert client.get(f"/budgets/pools/{pool.pk}/propose/").status_code == 404
        assert client.get(f"/budgets/pools/{pool.pk}/propose/{offer.uuid}/").status_code == 404


def test_a_member_says_what_came_of_a_paid_proposal_and_every_member_sees_it(
    client, pool, offer, jo, ali
):
    from django.urls import reverse

    from flourish.budgets.services.pools import proposal_make, vote_cast

    jo_place = pool.members.get(budget__person=jo)
    proposal = proposal_make(
        pool=pool, member=jo_place, offer=offer, amount_pence=3_000, why="Paint", actor=jo
    )
    url = reverse("budgets:proposal_outcome", args=[pool.pk, proposal.pk])
    client.force_login(jo)
    assert client.get(url).status_code == 404  # not paid yet
    vote_cast(proposal=proposal, member=jo_place, in_favour=True, actor=jo)
    vote_cast(
        proposal=proposal, member=pool.members.get(budget=ali), in_favour=True, actor=ali.person
    )
    response = client.post(url, {"what_happened": ""})
    assert "Say what came of it" in response.content.decode()
    client.post(url, {"what_happened": "Six of us painted the mural."})
    client.force_login(ali.person)
    page = client.get(reverse("budgets:pool", args=[pool.pk])).content.decode()
    assert "Six of us painted the mural." in page


def test_a_stranger_cannot_say_what_came_of_it(client, pool, stranger):
    from django.urls import reverse

    client.force_login(stranger)
    assert client.get(reverse("budgets:proposal_outcome", args=[pool.pk, 1])).status_code == 404


def test_a_member_finds_the_support_to_propose_as_a_budget_holder_finds_it_to_book(
    client, pool, offer, jo
):
    """Proposing starts with the same search as booking: only what a budget can pay
    for is found, and each leads to the proposal's second step."""
    from flourish.directory.factories import OfferFactory

    free = OfferFactory(listing=offer.listing, name="Free drop-in", cost="free", price_pence=None)
    client.force_login(jo)
    page = client.get(f"/budgets/pools/{pool.pk}/propose/").content.decode()
    assert f'href="/budgets/pools/{pool.pk}/propose/{offer.uuid}/"' in page
    assert "Free drop-in" not in page
    second = client.get(f"/budgets/pools/{pool.pk}/propose/{offer.uuid}/").content.decode()
    assert offer.name in second and 'name="amount_pence"' in second
    assert 'name="offer"' not in second  # chosen already, not a list of every offer
    assert client.get(f"/budgets/pools/{pool.pk}/propose/{free.uuid}/").status_code == 404
    response = client.post(
        f"/budgets/pools/{pool.pk}/propose/{free.uuid}/", {"amount_pence": "20", "why": "Tea"}
    )
    assert response.status_code == 404 and not pool.proposals.exists()


def test_an_old_open_proposal_stays_beside_a_page_of_decisions(
    client, pool, offer, jo, monkeypatch
):
    """What was decided is paged, newest first; a proposal still open is always shown,
    however many decisions came after it, so nobody loses their vote on it."""
    from django.urls import reverse

    from flourish.budgets import selectors
    from flourish.budgets.models import Proposal

    monkeypatch.setattr(selectors, "DECIDED_PER_PAGE", 1)
    member = _members(pool)["jo@example.org"]
    for why in ("Still open", "Decided first", "Decided last"):
        proposal_make(pool=pool, member=member, offer=offer, amount_pence=1_000, why=why, actor=jo)
    Proposal.objects.exclude(why="Still open").update(
        status=ProposalStatus.REJECTED, what_happened="Not this time"
    )
    for why in ("Decided first", "Decided last"):
        Proposal.objects.filter(why=why).update(what_happened=why)
    client.force_login(jo)
    url = reverse("budgets:pool", args=[pool.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"decided": 2}).content.decode()

    assert "Still open" in first and "Still open" in second
    assert "Decided last" in first and "Decided first" not in first
    assert "Decided first" in second and "Decided last" not in second
    assert 'aria-label="Pages of what the pool decided"' in first
