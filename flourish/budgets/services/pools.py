"""Pooled budgets: members put in an agreed amount each period, propose paying a group,
vote, and a proposal that passes is paid from the pool once, only if the pool can cover it.

The pool's ledger account has a floor of 0 and the ledger locks it while paying, so two
proposals passing at the same moment can never take the pool below nothing.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.budgets import events
from flourish.budgets.models import (
    Budget,
    Pool,
    PoolContribution,
    PoolMember,
    PoolRule,
    PoolShare,
    Proposal,
    ProposalStatus,
    Vote,
)
from flourish.budgets.services.bookings import _check_offer
from flourish.budgets.services.payees import payee_account, payee_for
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.directory.models import Offer
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import LedgerFloorBreached, account_open, transaction_post


def _check_own_budget(budget: Budget, actor: Any) -> None:
    if actor is None or actor.pk != budget.person_id:
        raise ValidationError(
            _("Only the person whose budget it is can agree to put money into a pool.")
        )


def pool_form(
    *,
    name: str,
    purpose: str,
    rule: str,
    quorum: int,
    decide_days: int,
    budget: Budget,
    contribution_pence: int,
    outcome: str,
    actor: Any,
) -> Pool:
    """A budget holder forms a pool and is its first member; the rule for deciding is chosen
    now, before any money is in it."""
    _check_own_budget(budget, actor)
    with transaction.atomic():
        pool = Pool(name=name, purpose=purpose, rule=rule, quorum=quorum, decide_days=decide_days)
        pool.full_clean()
        pool.save()
        pool.account = account_open(
            owner=pool,
            purpose="budget-pool",
            unit=Unit.GBP,
            name=_("Pool: %(name)s") % {"name": name},
        )
        pool.save(update_fields=["account", "updated_at"])
        audit_record(actor=actor, action=events.POOL_FORMED, target=pool)
        pool_join(
            pool=pool,
            budget=budget,
            contribution_pence=contribution_pence,
            outcome=outcome,
            actor=actor,
        )
    return pool


def pool_join(
    *, pool: Pool, budget: Budget, contribution_pence: int, outcome: str, actor: Any
) -> PoolMember:
    """A budget holder joins with their consent, an amount each period, and the outcome of
    theirs it serves; this period's contribution goes in straight away."""
    _check_own_budget(budget, actor)
    if not outcome.strip():
        raise ValidationError(
            {"outcome": _("Say which of your outcomes this serves, for example “Go out more”.")}
        )
    if PoolMember.objects.filter(pool=pool, budget=budget, left_at__isnull=True).exists():
        raise ValidationError(_("You are already in this pool."))
    with transaction.atomic():
        member = PoolMember(
            pool=pool,
            budget=budget,
            contribution_pence=contribution_pence,
            outcome=outcome.strip(),
            consented_at=timezone.now(),
        )
        member.full_clean()
        member.save()
        audit_record(
            actor=actor,
            action=events.POOL_JOINED,
            target=pool,
            data={"budget": budget.pk, "contribution_pence": contribution_pence},
        )
        number = budget.period_for(timezone.localdate())
        if number is not None:
            pool_contribute(member=member, number=number)
    return member


def pool_contribute(*, member: PoolMember, number: int) -> PoolContribution:
    """One period's contribution moves from the member's budget to the pool, once."""
    assert member.budget.account is not None and member.pool.account is not None
    with transaction.atomic():
        posted = transaction_post(
            idempotency_key=f"pool-member:{member.pk}:period:{number}",
            lines=[
                (member.budget.account, -member.contribution_pence),
                (member.pool.account, member.contribution_pence),
            ],
            description=Described(
                gettext_noop("Contribution to %(pool)s"), {"pool": member.pool.name}
            ),
            actor=None,
        )
        found = PoolContribution.objects.filter(member=member, number=number).first()
        if found is not None:
            return found
        try:
            with transaction.atomic():
                made = PoolContribution.objects.create(
                    member=member,
                    number=number,
                    amount_pence=member.contribution_pence,
                    transaction=posted,
                )
        except IntegrityError:
            return PoolContribution.objects.get(member=member, number=number)
        audit_record(actor=None, action=events.POOL_CONTRIBUTED, target=member.pool)
    return made


def contributions_pay(*, budget: Budget, number: int) -> int:
    """After a period's money arrives, the budget's pools get their contributions. One that
    cannot be covered is skipped, not forced: the person sees it on their page."""
    paid = 0
    for member in PoolMember.objects.filter(budget=budget, left_at__isnull=True).select_related(
        "pool__account", "budget__account"
    ):
        try:
            pool_contribute(member=member, number=number)
        except LedgerFloorBreached:
            continue
        paid += 1
    return paid


def _pool_balance(pool: Pool) -> int:
    assert pool.account_id is not None
    balance: int = LedgerAccount.objects.values_list("balance", flat=True).get(pk=pool.account_id)
    return balance


def proposal_make(
    *,
    pool: Pool,
    member: PoolMember,
    offer: Offer,
    amount_pence: int,
    why: str,
    outcomes: str = "",
    actor: Any,
) -> Proposal:
    """A member proposes paying a group that takes personal budgets, no more than the pool
    holds."""
    group = _check_offer(offer)
    if member.pool_id != pool.pk or member.left_at is not None:
        raise ValidationError(_("Only members of the pool can propose spending."))
    if not why.strip():
        raise ValidationError({"why": _("Say why, in a sentence, for example “We all enjoy it”.")})
    balance = _pool_balance(pool)
    if amount_pence > balance:
        raise ValidationError(
            {
                "amount_pence": _(
                    "The pool has %(balance)s, so propose %(balance)s or less, or wait until "
                    "more comes in."
                )
                % {"balance": format_pence(balance)}
            }
        )
    with transaction.atomic():
        proposal = Proposal(
            pool=pool,
            proposed_by=member,
            offer=offer,
            group=group,
            amount_pence=amount_pence,
            why=why.strip(),
            outcomes=outcomes.strip(),
            closes_at=timezone.now() + datetime.timedelta(days=pool.decide_days),
        )
        proposal.full_clean()
        proposal.save()
        audit_record(actor=actor, action=events.PROPOSAL_MADE, target=proposal)
    return proposal


def vote_cast(
    *,
    proposal: Proposal,
    member: PoolMember,
    in_favour: bool,
    actor: Any,
    now: datetime.datetime | None = None,
) -> Proposal:
    """One member, one vote, while the proposal is open; a broker votes only if the member
    allowed it. A vote that settles it pays at once."""
    now = now or timezone.now()
    if (
        actor.pk != member.budget.person_id
        and not member.budget.broker_consents.filter(
            broker=actor, may_vote=True, withdrawn_at__isnull=True, ends_on__gte=now.date()
        ).exists()
    ):
        raise ValidationError(_("Only the member, or someone they allowed to vote, can vote."))
    with transaction.atomic():
        current = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if current.status != ProposalStatus.OPEN or current.closes_at <= now:
            raise ValidationError(
                _("Voting on this proposal has closed, so your vote was not counted.")
            )
        if member.pool_id != current.pool_id or member.left_at is not None:
            raise ValidationError(_("Only members of the pool can vote."))
        Vote.objects.update_or_create(
            proposal=current, member=member, defaults={"in_favour": in_favour, "cast_by": actor}
        )
        audit_record(
            actor=actor,
            action=events.VOTE_CAST,
            target=current,
            data={"member": member.pk, "in_favour": in_favour},
        )
        return proposal_settle(proposal=current, now=now)


def _outcome(proposal: Proposal, now: datetime.datetime) -> str | None:
    """Passed, rejected, or still open, by the pool's rule."""
    members = proposal.pool.members.filter(left_at__isnull=True).count()
    votes = list(proposal.votes.values_list("in_favour", flat=True))
    yes, no = votes.count(True), votes.count(False)
    closed = proposal.closes_at <= now
    if proposal.pool.rule == PoolRule.CONSENT:
        if no:
            return ProposalStatus.REJECTED
        return ProposalStatus.PAID if closed or yes == members else None
    if yes * 2 > members and len(votes) >= proposal.pool.quorum:
        return ProposalStatus.PAID
    if no * 2 >= members or closed:
        return ProposalStatus.REJECTED
    return None


def proposal_settle(*, proposal: Proposal, now: datetime.datetime | None = None) -> Proposal:
    """Decide an open proposal by the pool's rule; one that passes is paid, once."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Proposal.objects.select_for_update().select_related("pool").get(pk=proposal.pk)
        if current.status != ProposalStatus.OPEN:
            return current
        outcome = _outcome(current, now)
        if outcome is None:
            return current
        if outcome == ProposalStatus.PAID:
            _pay(current)
        else:
            current.status = ProposalStatus.REJECTED
            current.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=None,
            action=events.PROPOSAL_DECIDED,
            target=current,
            data={"status": current.status},
        )
    return current


def _pay(proposal: Proposal) -> None:
    pool = proposal.pool
    assert pool.account is not None
    # Paid to the group, or to the holding partner that holds money for it.
    proposal.paid_to = payee_for(group=proposal.group)
    try:
        with transaction.atomic():
            proposal.payment = transaction_post(
                idempotency_key=f"pool-proposal:{proposal.pk}:payment",
                lines=[
                    (pool.account, -proposal.amount_pence),
                    (
                        payee_account(payee=proposal.paid_to, group=proposal.group),
                        proposal.amount_pence,
                    ),
                ],
                description=Described(
                    gettext_noop("%(offer)s with %(group)s, agreed by %(pool)s"),
                    {"offer": proposal.offer.name, "group": proposal.group.name, "pool": pool.name},
                ),
                actor=None,
            )
    except LedgerFloorBreached:
        proposal.status = ProposalStatus.NOT_PAID
        proposal.save(update_fields=["status", "updated_at"])
        return
    proposal.status = ProposalStatus.PAID
    proposal.save(update_fields=["payment", "paid_to", "status", "updated_at"])
    _share_out(proposal)


def member_unspent(*, member: PoolMember) -> int:
    """What a member has put in and not yet had spent on their behalf."""
    put_in: int = member.contributions.aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    spent: int = member.shares.aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    return put_in - spent


def _share_out(proposal: Proposal) -> None:
    """Each member's share of a payment, in proportion to what they have unspent; the pence
    left by rounding go to the members with the most unspent, so shares sum to the payment."""
    members = list(proposal.pool.members.all())
    unspent = {member.pk: max(member_unspent(member=member), 0) for member in members}
    total = sum(unspent.values())
    if total == 0:
        return
    shares = {pk: proposal.amount_pence * amount // total for pk, amount in unspent.items()}
    left = proposal.amount_pence - sum(shares.values())
    for pk in sorted(unspent, key=lambda pk: -unspent[pk])[:left]:
        shares[pk] += 1
    PoolShare.objects.bulk_create(
        PoolShare(proposal=proposal, member_id=pk, amount_pence=amount)
        for pk, amount in shares.items()
        if amount
    )


def proposals_settle(*, now: datetime.datetime) -> int:
    """Run daily: decide the proposals whose time is up."""
    settled = 0
    for proposal in Proposal.objects.filter(status=ProposalStatus.OPEN, closes_at__lte=now):
        if proposal_settle(proposal=proposal, now=now).status != ProposalStatus.OPEN:
            settled += 1
    return settled


def pool_leave(*, member: PoolMember, actor: Any) -> PoolMember:
    """A member may leave at any time and gets back what they put in and was not spent."""
    _check_own_budget(member.budget, actor)
    with transaction.atomic():
        current = PoolMember.objects.select_for_update().get(pk=member.pk)
        if current.left_at is not None:
            return current
        pool = current.pool
        assert pool.account is not None and current.budget.account is not None
        back = min(member_unspent(member=current), _pool_balance(pool))
        if back > 0:
            transaction_post(
                idempotency_key=f"pool-member:{current.pk}:left",
                lines=[(pool.account, -back), (current.budget.account, back)],
                description=Described(
                    gettext_noop("Unspent share back from %(pool)s"), {"pool": pool.name}
                ),
                actor=actor,
            )
        current.left_at = timezone.now()
        current.save(update_fields=["left_at", "updated_at"])
        audit_record(actor=actor, action=events.POOL_LEFT, target=pool, data={"given_back": back})
    return current


def proposal_outcome_record(
    *, proposal: Proposal, member: PoolMember, what_happened: str, actor: Any
) -> Proposal:
    """After a proposal is paid, a member says what came of it, in their own words, for
    "you said, we did"; a member may correct it later."""
    text = what_happened.strip()
    if not text:
        raise ValidationError(
            {"what_happened": _("Say what came of it, for example: twelve of us went.")}
        )
    with transaction.atomic():
        current = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
        if current.status != ProposalStatus.PAID or member.pool_id != current.pool_id:
            raise ValidationError(
                _("You can say what came of a proposal once it has been agreed and paid.")
            )
        current.what_happened = text
        current.full_clean()
        current.save(update_fields=["what_happened", "updated_at"])
        audit_record(
            actor=actor,
            action=events.PROPOSAL_OUTCOME_RECORDED,
            target=current,
            data={"member": member.pk},
        )
    return current
