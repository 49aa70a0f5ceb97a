"""Drawing on the community pot: a coordinator gives a member hours that others gave, for
help they need and cannot yet give back, saying why. Only hours the pot holds."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.core.formatting import format_minutes
from flourish.core.services import audit_record
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount, LedgerTransaction
from flourish.ledger.services import transaction_post
from flourish.timebank import events
from flourish.timebank.models import MemberStatus, TimebankMember
from flourish.timebank.services.accounts import pot_account_open
from flourish.timebank.services.exchanges import check_minutes


@transaction.atomic
def pot_draw(
    *, member: TimebankMember, minutes: int, reason: str, actor: Any, key: str
) -> LedgerTransaction:
    """Hours move from the timebank's community pot to a member's account, in one recorded
    transaction; the key makes a double click move them once."""
    if member.status != MemberStatus.APPROVED or member.account is None:
        raise ValidationError(
            _("%(name)s is not a member now, so cannot draw on the pot.") % {"name": member}
        )
    check_minutes(minutes)
    if not reason.strip():
        raise ValidationError(
            {"reason": _("Say what the hours are for, for example “help with moving home”.")}
        )
    pot = LedgerAccount.objects.select_for_update().get(
        pk=pot_account_open(timebank=member.timebank).pk
    )
    if pot.balance < minutes:
        raise ValidationError(
            {
                "hours": _("The community pot holds %(left)s. Enter that or less.")
                % {"left": format_minutes(max(pot.balance, 0))}
            }
        )
    posted = transaction_post(
        idempotency_key=f"timebank:pot-draw:{member.timebank_id}:{key}",
        lines=[(pot, -minutes), (member.account, minutes)],
        description=Described(
            gettext_noop("From the community pot: %(reason)s"), {"reason": reason.strip()}
        ),
        actor=actor,
    )
    audit_record(actor=actor, action=events.POT_DRAWN, target=member, data={"minutes": minutes})
    return posted
