"""Who to tell when something needs a coordinator."""

from flourish.accounts.models import Membership, Role
from flourish.timebank.models import Timebank


def coordinator_emails(*, timebank: Timebank) -> list[str]:
    """The email addresses of the people who coordinate this timebank."""
    return sorted(
        Membership.objects.filter(
            organisation_id=timebank.organisation_id, role=Role.TIMEBANK_COORDINATOR
        ).values_list("user__email", flat=True)
    )
