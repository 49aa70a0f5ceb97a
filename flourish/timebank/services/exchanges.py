"""Exchanges: ask → agree → the giver records the time → the receiver confirms or disputes.

Time moves only when an exchange is confirmed, as one ledger transaction whose key
names the exchange, so a double click or a retried task never moves it twice.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.core.formatting import format_minutes
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount
from flourish.ledger.services import (
    LedgerFloorBreached,
    Line,
    transaction_post,
    transaction_reverse,
)
from flourish.timebank import events
from flourish.timebank.models import (
    Direction,
    Exchange,
    ExchangeKind,
    ExchangeShare,
    ExchangeStatus,
    Listing,
    MemberStatus,
    Timebank,
    TimebankMember,
)
from flourish.timebank.models.exchanges import MAX_MINUTES
from flourish.timebank.services.accounts import organisation_account_open, pot_account_open
from flourish.timebank.services.coordinators import coordinator_emails
from flourish.timebank.services.totals import exchange_totals_add


def check_minutes(minutes: int) -> None:
    """Time is whole minutes, more than none and no more than a day."""
    if minutes <= 0:
        raise ValidationError(
            {"minutes": _("Enter the time given, more than 0 minutes, for example 1 hour.")}
        )
    if minutes > MAX_MINUTES:
        raise ValidationError(
            {"minutes": _("Enter no more than 24 hours. Record a longer piece of help day by day.")}
        )


def _account(member: TimebankMember) -> LedgerAccount:
    if member.account is None:
        raise ValidationError(_("%(name)s has no hours account yet.") % {"name": member})
    return member.account


def _check_member(member: TimebankMember) -> None:
    if member.status != MemberStatus.APPROVED or member.account_id is None:
        raise ValidationError(
            _("%(name)s is not a member of a timebank now, so cannot exchange time.")
            % {"name": member}
        )


def _check_reachable(timebank: Timebank, other: TimebankMember) -> None:
    if (
        other.timebank_id != timebank.pk
        and not timebank.partners.filter(pk=other.timebank_id).exists()
    ):
        raise ValidationError(
            _("%(name)s is in a timebank that does not exchange with %(timebank)s.")
            % {"name": other, "timebank": timebank}
        )


def exchange_ask(*, asker: TimebankMember, listing: Listing, message: str, actor: Any) -> Exchange:
    """Asking for an offered hour, or offering to meet a request: the two people are the
    listing's member and the asker, and nobody exchanges with themselves."""
    if listing.member_id == asker.pk or listing.member.user_id == asker.user_id:
        raise ValidationError(
            _("This is your own listing. Choose someone else's offer or request.")
        )
    if not listing.is_open:
        raise ValidationError(_("This listing is closed. Choose another offer or request."))
    _check_member(asker)
    _check_member(listing.member)
    _check_reachable(asker.timebank, listing.member)
    offer = listing.direction == Direction.OFFER
    giver, receiver = (listing.member, asker) if offer else (asker, listing.member)
    with transaction.atomic():
        exchange = Exchange(
            timebank=giver.timebank,
            kind=ExchangeKind.PERSON,
            listing=listing,
            giver=giver,
            asked_by=asker,
            description=(message.strip() or listing.title)[:300],
            help_kind=listing.kind,
            area=listing.area,
            recorded_by=actor if actor != asker.user else None,
        )
        exchange.full_clean()
        exchange.save()
        ExchangeShare.objects.create(exchange=exchange, member=receiver)
        audit_record(actor=actor, action=events.EXCHANGE_ASKED, target=exchange)
    return exchange


def _other_party(exchange: Exchange) -> TimebankMember:
    if exchange.asked_by_id == exchange.giver_id:
        return exchange.shares.select_related("member").get().member
    return exchange.giver


def _lock(exchange: Exchange) -> None:
    """Lock the exchange until this transaction ends and read it as it is now: two people
    acting on it at once (a double click, two coordinators) must each see what the other
    did, or one exchange is confirmed, reversed or counted in the totals twice."""
    exchange.refresh_from_db(from_queryset=Exchange.objects.select_for_update())


@transaction.atomic
def exchange_agree(
    *, exchange: Exchange, member: TimebankMember, agreed_when: str, actor: Any
) -> Exchange:
    """The person who was asked agrees a time."""
    _lock(exchange)
    if exchange.status != ExchangeStatus.ASKED:
        raise ValidationError(_("This exchange has already been answered."))
    if _other_party(exchange).pk != member.pk:
        raise ValidationError(_("Only the person who was asked can agree to this exchange."))
    if not agreed_when.strip():
        raise ValidationError(
            {"agreed_when": _("Say when you will meet, for example Tuesday at 2pm.")}
        )
    with transaction.atomic():
        exchange.status = ExchangeStatus.AGREED
        exchange.agreed_when = agreed_when.strip()
        exchange.full_clean()
        exchange.save()
        audit_record(actor=actor, action=events.EXCHANGE_AGREED, target=exchange)
    return exchange


@transaction.atomic
def exchange_decline(*, exchange: Exchange, member: TimebankMember, actor: Any) -> Exchange:
    """Either person may say no before any time is recorded."""
    _lock(exchange)
    people = {exchange.giver_id, *exchange.shares.values_list("member_id", flat=True)}
    if member.pk not in people:
        raise ValidationError(_("This exchange is not yours to decline."))
    if exchange.status not in (ExchangeStatus.ASKED, ExchangeStatus.AGREED):
        raise ValidationError(_("Time has already been recorded, so it cannot be declined now."))
    with transaction.atomic():
        exchange.status = ExchangeStatus.DECLINED
        exchange.save()
        audit_record(actor=actor, action=events.EXCHANGE_DECLINED, target=exchange)
    return exchange


def _split(minutes: int, shares: list[ExchangeShare]) -> None:
    """Several receivers share the time in whole minutes; the first ones carry any remainder."""
    each, remainder = divmod(minutes, len(shares))
    for index, share in enumerate(shares):
        share.minutes = each + (1 if index < remainder else 0)
        if share.minutes == 0:
            raise ValidationError(
                {"minutes": _("Each person must receive at least 1 minute. Enter more time.")}
            )


def _check_floor(member: TimebankMember, minutes: int) -> None:
    account = LedgerAccount.objects.get(pk=_account(member).pk)
    if account.floor is not None and account.balance - minutes < account.floor:
        raise ValidationError(
            {
                "minutes": _(
                    "%(name)s has %(balance)s, and receiving %(amount)s would take them past "
                    "the timebank's limit of %(floor)s. Record less time, or ask the "
                    "coordinator about drawing on the community pot."
                )
                % {
                    "name": member,
                    "balance": format_minutes(account.balance),
                    "amount": format_minutes(minutes),
                    "floor": format_minutes(account.floor),
                }
            }
        )


@transaction.atomic
def exchange_record(
    *, exchange: Exchange, minutes: int, happened_on: datetime.date, actor: Any
) -> Exchange:
    """The giver records the time given; then it waits for the receiver to confirm."""
    _lock(exchange)
    if exchange.status not in (ExchangeStatus.ASKED, ExchangeStatus.AGREED):
        raise ValidationError(_("Time has already been recorded for this exchange."))
    check_minutes(minutes)
    if happened_on > timezone.localdate():
        raise ValidationError({"happened_on": _("Enter a date today or in the past.")})
    shares = list(exchange.shares.select_related("member"))
    _split(minutes, shares)
    for share in shares:
        _check_floor(share.member, share.minutes or 0)
    with transaction.atomic():
        exchange.minutes = minutes
        exchange.happened_on = happened_on
        exchange.recorded_at = timezone.now()
        exchange.status = ExchangeStatus.RECORDED
        if actor != exchange.giver.user:
            exchange.recorded_by = actor
        exchange.full_clean()
        exchange.save()
        ExchangeShare.objects.bulk_update(shares, ["minutes"])
        audit_record(
            actor=actor, action=events.EXCHANGE_RECORDED, target=exchange, data={"minutes": minutes}
        )
    return exchange


def exchange_record_directly(
    *,
    timebank: Timebank,
    giver: TimebankMember,
    receivers: list[TimebankMember],
    kind: str,
    minutes: int,
    happened_on: datetime.date,
    description: str,
    help_kind: str,
    actor: Any,
    mentoring: bool = False,
) -> Exchange:
    """Help already given, recorded afterwards: one person to another or to several, or
    volunteering for the organisation. A coordinator may record it for a member by phone.
    A mentoring session's `description` is its summary alone (`Exchange.mentoring`)."""
    _check_member(giver)
    if kind == ExchangeKind.ORGANISATION:
        receivers = []
    elif not receivers:
        raise ValidationError({"receivers": _("Choose who received the help.")})
    if any(r.pk == giver.pk or r.user_id == giver.user_id for r in receivers):
        raise ValidationError(
            {"receivers": _("You cannot exchange time with yourself. Choose someone else.")}
        )
    for receiver in receivers:
        _check_member(receiver)
        _check_reachable(timebank, receiver)
    with transaction.atomic():
        exchange = Exchange(
            timebank=timebank,
            kind=ExchangeKind.SEVERAL if len(receivers) > 1 else kind,
            giver=giver,
            asked_by=giver,
            description=description.strip()[:300],
            mentoring=mentoring,
            help_kind=help_kind,
            area=giver.area,
            status=ExchangeStatus.AGREED,
        )
        exchange.full_clean()
        exchange.save()
        for receiver in receivers:
            ExchangeShare.objects.create(exchange=exchange, member=receiver)
        if kind == ExchangeKind.ORGANISATION:
            check_minutes(minutes)
        return (
            exchange_record(
                exchange=exchange, minutes=minutes, happened_on=happened_on, actor=actor
            )
            if receivers
            else _record_for_organisation(exchange, minutes, happened_on, actor)
        )


def _record_for_organisation(
    exchange: Exchange, minutes: int, happened_on: datetime.date, actor: Any
) -> Exchange:
    exchange.minutes = minutes
    exchange.happened_on = happened_on
    exchange.recorded_at = timezone.now()
    exchange.status = ExchangeStatus.RECORDED
    if actor != exchange.giver.user:
        exchange.recorded_by = actor
    exchange.full_clean()
    exchange.save()
    audit_record(
        actor=actor, action=events.EXCHANGE_RECORDED, target=exchange, data={"minutes": minutes}
    )
    return exchange


def _post(exchange: Exchange, actor: Any) -> None:
    assert exchange.minutes is not None
    lines: list[Line] = [(_account(exchange.giver), exchange.minutes)]
    if exchange.kind == ExchangeKind.ORGANISATION:
        lines.append((organisation_account_open(timebank=exchange.timebank), -exchange.minutes))
    else:
        shares = exchange.shares.select_related("member__account")
        lines += [(_account(share.member), -(share.minutes or 0)) for share in shares]
    try:
        exchange.transaction = transaction_post(
            idempotency_key=f"timebank:exchange:{exchange.pk}",
            lines=lines,
            description=Described(gettext_noop("Timebank: %(what)s"), {"what": exchange.described}),
            actor=actor,
        )
    except LedgerFloorBreached as error:
        raise ValidationError(
            _(
                "This would take someone past the timebank's lowest balance, so it cannot be "
                "confirmed yet. The coordinator can help: %(detail)s"
            )
            % {"detail": " ".join(error.messages)}
        ) from error
    exchange.status = ExchangeStatus.CONFIRMED
    exchange.confirmed_at = timezone.now()
    exchange.save()
    exchange_totals_add(exchange=exchange)


@transaction.atomic
def exchange_confirm(
    *, exchange: Exchange, member: TimebankMember | None, actor: Any, as_coordinator: bool = False
) -> Exchange:
    """The receiver confirms the time they received; once everyone has, it moves on the ledger.
    A coordinator confirms volunteering for the organisation, and settles disputes."""
    _lock(exchange)
    if as_coordinator and exchange.giver.user_id == getattr(actor, "pk", None):
        # Confirming is the check that help was received: never by the one who gave it.
        raise ValidationError(
            _("You gave this help, so someone else must confirm it: another coordinator.")
        )
    allowed = {ExchangeStatus.RECORDED} | ({ExchangeStatus.DISPUTED} if as_coordinator else set())
    if exchange.status == ExchangeStatus.CONFIRMED:
        raise ValidationError(_("This exchange is already confirmed. Nothing has changed."))
    if exchange.status not in allowed:
        raise ValidationError(_("This exchange is not waiting for confirmation."))
    with transaction.atomic():
        shares = exchange.shares.select_for_update().filter(confirmed_at__isnull=True)
        if not as_coordinator:
            mine = [s for s in shares if member is not None and s.member_id == member.pk]
            if not mine and exchange.shares.filter(member=member).exists():
                raise ValidationError(_("You have already confirmed this. Nothing has changed."))
            if not mine:
                raise ValidationError(_("Only the person who received the help can confirm it."))
            shares = exchange.shares.filter(pk=mine[0].pk)
        shares.update(confirmed_at=timezone.now())
        if not exchange.shares.filter(confirmed_at__isnull=True).exists():
            _post(exchange, actor)
        audit_record(actor=actor, action=events.EXCHANGE_CONFIRMED, target=exchange)
    return exchange


@transaction.atomic
def exchange_dispute(
    *, exchange: Exchange, member: TimebankMember, reason: str, actor: Any
) -> Exchange:
    """A receiver who does not recognise the time says so; the coordinator is told at once."""
    _lock(exchange)
    if not exchange.shares.filter(member=member).exists():
        raise ValidationError(_("Only the person who received the help can dispute it."))
    if exchange.status != ExchangeStatus.RECORDED:
        raise ValidationError(_("This exchange is not waiting for confirmation."))
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say what is wrong, for example “it was 1 hour, not 2”.")}
        )
    with transaction.atomic():
        exchange.status = ExchangeStatus.DISPUTED
        exchange.dispute_reason = reason.strip()
        exchange.save()
        audit_record(actor=actor, action=events.EXCHANGE_DISPUTED, target=exchange)
        recipients = coordinator_emails(timebank=exchange.timebank)
        if recipients:
            subject = _("An exchange in %(timebank)s is disputed") % {"timebank": exchange.timebank}
            body = _(
                "%(name)s disputed “%(what)s”. Open the timebank's coordinator page to settle it."
            ) % {"name": member, "what": exchange.headline}
            transaction.on_commit(
                lambda: email_send.enqueue(to=recipients, subject=subject, body=body)
            )
    return exchange


@transaction.atomic
def exchange_reverse(*, exchange: Exchange, reason: str, actor: Any) -> Exchange:
    """A coordinator corrects a confirmed exchange with a reversing transaction, never an edit."""
    _lock(exchange)
    if exchange.status != ExchangeStatus.CONFIRMED or exchange.transaction is None:
        raise ValidationError(_("Only a confirmed exchange can be corrected."))
    with transaction.atomic():
        exchange.reversal = transaction_reverse(
            transaction=exchange.transaction,
            idempotency_key=f"timebank:exchange:{exchange.pk}:reversal",
            actor=actor,
            reason=reason,
        )
        exchange.status = ExchangeStatus.REVERSED
        exchange.save()
        exchange_totals_add(exchange=exchange, sign=-1)
        audit_record(
            actor=actor, action=events.EXCHANGE_REVERSED, target=exchange, data={"reason": reason}
        )
    return exchange


def gift_give(*, member: TimebankMember, minutes: int, actor: Any, key: str = "") -> Exchange:
    """A member gives some of their hours to the community pot for others to draw on. With
    `key`, the mark of the form it was given with, the same form sent twice gives once."""
    _check_member(member)
    check_minutes(minutes)
    with transaction.atomic():
        pot = pot_account_open(timebank=member.timebank)
        # A gift is of hours earned: nobody goes into debt to give. Both accounts are
        # locked first, in the ledger's own order, so gifts sent at once are taken one
        # after another, each from the balance the one before it left.
        locked = LedgerAccount.objects.select_for_update().filter(
            pk__in=[_account(member).pk, pot.pk]
        )
        balances = dict(locked.order_by("pk").values_list("pk", "balance"))
        ledger_key = f"timebank:gift:{member.pk}:{key}" if key else ""
        if ledger_key and (
            given := Exchange.objects.filter(transaction__idempotency_key=ledger_key).first()
        ):
            return given
        if balances[_account(member).pk] < minutes:
            raise ValidationError(
                {"minutes": _("You can give only hours you have. Enter a smaller amount.")}
            )
        exchange = Exchange(
            timebank=member.timebank,
            kind=ExchangeKind.GIFT,
            giver=member,
            asked_by=member,
            description=_("Hours given to the community pot"),
            area=member.area,
            minutes=minutes,
            happened_on=timezone.localdate(),
            recorded_at=timezone.now(),
            recorded_by=actor if actor != member.user else None,
        )
        exchange.full_clean()
        exchange.save()
        try:
            exchange.transaction = transaction_post(
                idempotency_key=ledger_key or f"timebank:gift:{exchange.pk}",
                lines=[(_account(member), -minutes), (pot, minutes)],
                description=Described(
                    gettext_noop("%(name)s gave hours to the community pot"), {"name": member}
                ),
                actor=actor,
            )
        except LedgerFloorBreached as error:
            raise ValidationError(
                {"minutes": _("You can give only hours you have. Enter a smaller amount.")}
            ) from error
        exchange.status = ExchangeStatus.CONFIRMED
        exchange.confirmed_at = timezone.now()
        exchange.save()
        exchange_totals_add(exchange=exchange)
        audit_record(
            actor=actor, action=events.GIFT_GIVEN, target=exchange, data={"minutes": minutes}
        )
    return exchange


def exchanges_confirm_overdue(*, now: datetime.datetime | None = None) -> int:
    """In timebanks that confirm by themselves, time recorded and neither confirmed nor disputed
    in the window is confirmed; one that would breach a floor goes to the coordinator."""
    now = now or timezone.now()
    confirmed = 0
    waiting = Exchange.objects.filter(
        status=ExchangeStatus.RECORDED, timebank__auto_confirm=True
    ).select_related("timebank", "giver__account")
    for exchange in waiting.iterator():
        window = datetime.timedelta(days=exchange.timebank.confirm_within_days)
        if exchange.recorded_at is None or exchange.recorded_at + window > now:
            continue
        try:
            exchange_confirm(exchange=exchange, member=None, actor=None, as_coordinator=True)
            confirmed += 1
        except ValidationError as error:
            Exchange.objects.filter(pk=exchange.pk).update(
                status=ExchangeStatus.DISPUTED, dispute_reason=" ".join(error.messages)
            )
    return confirmed
