"""Who is paid when a group is paid from a personal budget or a pool: the group itself, or,
when the group has no bank account and a holding partner holds its grants, that partner,
who holds the money for the group (as the grants app pays such groups)."""

from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import account_open

HELD_PURPOSE = "personal-budget-held-for-groups"


def holding_partner_for(*, group: Organisation) -> Organisation | None:
    """The holding partner of the group's latest grant that has one, if any: the grants app
    is where a funder records that a group has no bank account and who holds for it."""
    from flourish.grants.models import Award

    award = (
        Award.objects.filter(application__group=group, holding_partner__isnull=False)
        .select_related("holding_partner")
        .order_by("-awarded_on", "-id")
        .first()
    )
    return award.holding_partner if award is not None else None


def group_account_open(*, group: Organisation) -> LedgerAccount:
    """Where a group's money from personal budgets lands."""
    return account_open(
        owner=group,
        purpose="personal-budget-income",
        unit=Unit.GBP,
        name=_("%(group)s: paid from personal budgets") % {"group": group.name},
    )


def held_account_open(*, partner: Organisation) -> LedgerAccount:
    """Where a holding partner keeps personal budget money it holds for groups."""
    return account_open(
        owner=partner,
        purpose=HELD_PURPOSE,
        unit=Unit.GBP,
        name=_("%(partner)s: personal budget money held for groups") % {"partner": partner.name},
    )


def payee_for(*, group: Organisation) -> Organisation:
    """The group, or its holding partner when it has one."""
    return holding_partner_for(group=group) or group


def payee_account(*, payee: Organisation, group: Organisation) -> LedgerAccount:
    if payee.pk == group.pk:
        return group_account_open(group=group)
    return held_account_open(partner=payee)
