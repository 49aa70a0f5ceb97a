"""The timebank's ledger accounts: one per member, the organisation's, and the community pot."""

from django.utils.translation import gettext as _

from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import account_open
from flourish.timebank.models import Timebank, TimebankMember

MEMBER_PURPOSE = "timebank-hours"
ORGANISATION_PURPOSE = "timebank-organisation"
POT_PURPOSE = "timebank-pot"


def member_account_open(*, member: TimebankMember) -> LedgerAccount:
    """A member's hours, with the timebank's floor enforced by the ledger itself."""
    timebank = member.timebank
    return account_open(
        owner=member,
        purpose=MEMBER_PURPOSE,
        unit=Unit.TIME,
        # No name in the ledger: erasing a person then leaves nothing that identifies them.
        name=_("Member %(number)s's hours at %(timebank)s")
        % {"number": member.pk, "timebank": timebank},
        floor=timebank.floor_minutes,
        soft_limit=timebank.soft_limit_minutes,
    )


def organisation_account_open(*, timebank: Timebank) -> LedgerAccount:
    """The organisation pays members who volunteer for it, so it has no floor of its own."""
    return account_open(
        owner=timebank,
        purpose=ORGANISATION_PURPOSE,
        unit=Unit.TIME,
        name=_("%(organisation)s's timebank account") % {"organisation": timebank.organisation},
        floor=None,
    )


def pot_account_open(*, timebank: Timebank) -> LedgerAccount:
    """Hours given to the community; it also settles the balances of members who leave,
    which can take it below zero (the community carries what a leaver owed)."""
    return account_open(
        owner=timebank,
        purpose=POT_PURPOSE,
        unit=Unit.TIME,
        name=_("%(timebank)s community pot") % {"timebank": timebank},
        floor=None,
    )
