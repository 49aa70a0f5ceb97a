"""A coordinator's check of a suggested group: list it, merge it with one already listed,
or refuse it with a reason. Whoever suggested it is told, if they left an email address."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.directory import events
from flourish.directory.models import Listing, ListingState
from flourish.directory.selectors import VISIBLE_STATES
from flourish.directory.services.listings import (
    LISTING_FIELDS,
    link_key,
    refuse_duplicate_listing,
)
from flourish.directory.services.offers import offer_search_text
from flourish.directory.tasks import send_directory_email

REASON_MAX_LENGTH = 2000


def _locked_suggestion(listing: Listing) -> Listing:
    """The suggestion, locked; refused if another coordinator has already decided on it."""
    locked = Listing.objects.select_for_update().get(pk=listing.pk)
    if locked.state != ListingState.PENDING:
        raise ValidationError(
            _("Someone has already checked this suggestion. Go back to the list to see the rest.")
        )
    return locked


def _tell_suggester(listing: Listing, *, subject: str, body: str) -> None:
    if listing.suggester_email:
        transaction.on_commit(
            partial(
                send_directory_email.enqueue,
                to=listing.suggester_email,
                subject=subject,
                body=body,
            )
        )


@transaction.atomic
def listing_approve(*, actor: Any, listing: Listing) -> Listing:
    """A coordinator has checked a suggested group: it is listed from now on."""
    listing = _locked_suggestion(listing)
    # Another listing with the same name or link may have gone live since it was suggested.
    listing.state = ListingState.ACTIVE
    refuse_duplicate_listing(listing)
    listing.full_clean()
    listing.save(update_fields=["state", "updated_at"])
    audit_record(actor=actor, action=events.LISTING_APPROVED, target=listing)
    _tell_suggester(
        listing,
        subject=_("%(name)s is now in the Flourish directory") % {"name": listing.name},
        body=_(
            "Thank you for suggesting %(name)s. A coordinator has checked it, and it is now "
            "in the directory for anyone to find."
        )
        % {"name": listing.name},
    )
    return listing


@transaction.atomic
def listing_reject(*, actor: Any, listing: Listing, reason: str) -> Listing:
    """A coordinator refuses a suggestion and says why; it is never listed."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the group is not being listed")})
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationError({"reason": _("Use 2,000 characters or fewer")})
    listing = _locked_suggestion(listing)
    listing.state = ListingState.REJECTED
    listing.review_reason = reason
    listing.full_clean()
    listing.save(update_fields=["state", "review_reason", "updated_at"])
    audit_record(actor=actor, action=events.LISTING_REJECTED, target=listing)
    _tell_suggester(
        listing,
        subject=_("About the group you suggested to Flourish"),
        body=_(
            "Thank you for suggesting %(name)s. A coordinator has checked it and has not "
            "added it to the directory, because:\n\n%(reason)s\n\n"
            "If you think this is a mistake, reply to this email."
        )
        % {"name": listing.name, "reason": reason},
    )
    return listing


@transaction.atomic
def listing_merge(*, actor: Any, listing: Listing, into: Listing) -> Listing:
    """A suggestion that is a group already listed adds only what that listing lacks; the
    group's own words are never replaced."""
    listing = _locked_suggestion(listing)
    into = Listing.objects.select_for_update().get(pk=into.pk)
    if into.pk == listing.pk or into.state not in VISIBLE_STATES:
        raise ValidationError({"into": _("Choose a group that is already listed")})
    filled = [name for name in LISTING_FIELDS if not getattr(into, name) and getattr(listing, name)]
    if filled:
        for name in filled:
            setattr(into, name, getattr(listing, name))
        into.website_key, into.social_key = link_key(into.website), link_key(into.social_link)
        into.full_clean()
        into.save()
        for offer in into.offers.all():
            offer.search_text = offer_search_text(offer)
            offer.save(update_fields=["search_text"])
    listing.state = ListingState.MERGED
    listing.merged_into = into
    listing.full_clean()
    listing.save(update_fields=["state", "merged_into", "updated_at"])
    audit_record(
        actor=actor,
        action=events.LISTING_MERGED,
        target=listing,
        data={"into": str(into.uuid), "filled": filled},
    )
    _tell_suggester(
        listing,
        subject=_("%(name)s is already in the Flourish directory") % {"name": into.name},
        body=_(
            "Thank you for suggesting %(suggested)s. It is already in the directory as "
            "%(name)s, so a coordinator has added anything new you told us to that listing."
        )
        % {"suggested": listing.name, "name": into.name},
    )
    return listing
