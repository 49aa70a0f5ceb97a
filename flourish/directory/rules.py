"""Who may change a listing: the leads of the group it belongs to, and coordinators."""

from typing import Any

import rules

from flourish.accounts.models import Membership, Role
from flourish.accounts.rules import is_administrator


@rules.predicate
def is_lead_of_listing_group(user: Any, listing: Any) -> bool:
    if listing is None or listing.organisation_id is None or not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organisation_id=listing.organisation_id, role=Role.GROUP_LEAD
    ).exists()


# Administrators act as the directory's coordinators: they edit for groups that ask them to.
rules.add_perm("directory.change_listing", is_lead_of_listing_group | is_administrator)
rules.add_perm("directory.import_listings", is_administrator)
# Coordinators check suggestions from the public before they are listed.
rules.add_perm("directory.review_listings", is_administrator)
