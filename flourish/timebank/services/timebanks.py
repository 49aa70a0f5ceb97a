"""Running a timebank: setting it up, its settings, joining, checks, approval and leaving."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.accounts.models import Organisation
from flourish.core.services import audit_record
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount
from flourish.ledger.services import accounts_limits_set, transaction_post
from flourish.timebank import events
from flourish.timebank.models import (
    CheckKind,
    Exchange,
    ExchangeStatus,
    MemberCheck,
    MemberStatus,
    Timebank,
    TimebankMember,
)
from flourish.timebank.services.accounts import (
    member_account_open,
    organisation_account_open,
    pot_account_open,
)


def timebank_create(
    *, organisation: Organisation, name: str, slug: str, actor: Any, **settings: Any
) -> Timebank:
    """An organisation runs a timebank, with its own account and a community pot."""
    with transaction.atomic():
        timebank = Timebank(organisation=organisation, name=name, slug=slug, **settings)
        timebank.full_clean()
        timebank.save()
        organisation_account_open(timebank=timebank)
        pot_account_open(timebank=timebank)
        audit_record(actor=actor, action=events.TIMEBANK_CREATED, target=timebank)
    return timebank


def timebank_settings_update(
    *,
    timebank: Timebank,
    floor_minutes: int,
    soft_limit_minutes: int,
    confirm_within_days: int,
    auto_confirm: bool,
    actor: Any,
) -> Timebank:
    """New limits apply to every member's account at once; nobody already past them is moved."""
    if floor_minutes > 0:
        raise ValidationError(
            {"floor_minutes": _("The lowest balance must be 0 or below, for example −20 hours.")}
        )
    if soft_limit_minutes < floor_minutes:
        raise ValidationError(
            {"soft_limit_minutes": _("The warning must come before the lowest balance allowed.")}
        )
    with transaction.atomic():
        timebank.floor_minutes = floor_minutes
        timebank.soft_limit_minutes = soft_limit_minutes
        timebank.confirm_within_days = confirm_within_days
        timebank.auto_confirm = auto_confirm
        timebank.full_clean()
        timebank.save()
        accounts_limits_set(
            accounts=LedgerAccount.objects.filter(timebank_member__timebank=timebank),
            floor=floor_minutes,
            soft_limit=soft_limit_minutes,
        )
        audit_record(
            actor=actor,
            action=events.SETTINGS_CHANGED,
            target=timebank,
            data={
                "floor_minutes": floor_minutes,
                "soft_limit_minutes": soft_limit_minutes,
                "confirm_within_days": confirm_within_days,
                "auto_confirm": auto_confirm,
            },
        )
    return timebank


def member_ask_to_join(
    *, timebank: Timebank, user: Any, area: str, actor: Any, about: str = "", **profile: Any
) -> TimebankMember:
    """Anyone may ask to join; a coordinator may ask on someone's behalf, by phone."""
    if TimebankMember.objects.filter(timebank=timebank, user=user).exists():
        raise ValidationError(
            _("%(name)s has already asked to join %(timebank)s.")
            % {"name": user, "timebank": timebank}
        )
    with transaction.atomic():
        member = TimebankMember(
            timebank=timebank,
            user=user,
            area=area,
            about=about,
            recorded_by=actor if actor != user else None,
            **profile,
        )
        member.full_clean()
        member.save()
        audit_record(actor=actor, action=events.MEMBER_ASKED, target=member)
    return member


def member_check_record(
    *,
    member: TimebankMember,
    kind: str,
    done_on: datetime.date,
    actor: Any,
    expires_on: datetime.date | None = None,
    notes: str = "",
) -> MemberCheck:
    """A coordinator records each check when it is done; a safeguarding check needs its expiry."""
    if kind == CheckKind.SAFEGUARDING and expires_on is None:
        raise ValidationError(
            {
                "expires_on": _(
                    "Enter the date the safeguarding check runs out, for example 1 3 2028."
                )
            }
        )
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": _("The date done must be today or in the past.")})
    with transaction.atomic():
        check = MemberCheck(
            member=member,
            kind=kind,
            done_on=done_on,
            expires_on=expires_on,
            notes=notes,
            recorded_by=actor,
        )
        check.full_clean()
        check.save()
        audit_record(
            actor=actor, action=events.MEMBER_CHECK_RECORDED, target=member, data={"kind": kind}
        )
    return check


def member_approve(*, member: TimebankMember, actor: Any) -> TimebankMember:
    """Approval opens the member's hours account; only someone who asked can be approved."""
    if member.status != MemberStatus.ASKED:
        raise ValidationError(_("%(name)s is not waiting to join.") % {"name": member})
    with transaction.atomic():
        member.status = MemberStatus.APPROVED
        member.approved_at = timezone.now()
        member.save()
        member.account = member_account_open(member=member)
        member.save(update_fields=["account"])
        audit_record(actor=actor, action=events.MEMBER_APPROVED, target=member)
    return member


def member_leave(*, member: TimebankMember, actor: Any) -> TimebankMember:
    """A member who leaves keeps their history; their balance is settled into the community pot
    by a recorded transaction, never deleted."""
    if member.status != MemberStatus.APPROVED or member.account is None:
        raise ValidationError(_("%(name)s is not a member now.") % {"name": member})
    waiting = Exchange.objects.filter(
        status__in=[ExchangeStatus.RECORDED, ExchangeStatus.DISPUTED]
    ).filter(giver=member) | Exchange.objects.filter(
        status__in=[ExchangeStatus.RECORDED, ExchangeStatus.DISPUTED], shares__member=member
    )
    if waiting.exists():
        raise ValidationError(
            _(
                "Some exchanges are still waiting to be confirmed. Confirm them, or ask the "
                "coordinator to settle them, before leaving."
            )
        )
    with transaction.atomic():
        account = LedgerAccount.objects.get(pk=member.account.pk)
        if account.balance:
            pot = pot_account_open(timebank=member.timebank)
            transaction_post(
                idempotency_key=f"timebank:leave:{member.pk}",
                lines=[(account, -account.balance), (pot, account.balance)],
                description=Described(
                    gettext_noop("%(name)s left: balance settled into the community pot"),
                    {"name": member.name},
                ),
                actor=actor,
            )
        Exchange.objects.filter(status__in=[ExchangeStatus.ASKED, ExchangeStatus.AGREED]).filter(
            giver=member
        ).update(status=ExchangeStatus.DECLINED)
        member.status = MemberStatus.LEFT
        member.left_at = timezone.now()
        member.save()
        audit_record(
            actor=actor, action=events.MEMBER_LEFT, target=member, data={"balance": account.balance}
        )
    return member
