"""Offers and requests: what members can give and would like, in their own words."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.timebank import events
from flourish.timebank.models import Listing, MemberStatus, TimebankMember, Weekday


def listing_create(
    *,
    member: TimebankMember,
    direction: str,
    kind: str,
    title: str,
    description: str,
    area: str,
    actor: Any,
    when: str = "",
    days: list[str] | None = None,
) -> Listing:
    """A member (or a coordinator for them) lists help offered or wanted: an area, no address."""
    if member.status != MemberStatus.APPROVED:
        raise ValidationError(_("Only members can list offers and requests."))
    unknown = set(days or []) - set(Weekday.values)
    if unknown:
        raise ValidationError({"days": _("Choose days from the list.")})
    with transaction.atomic():
        listing = Listing(
            member=member,
            timebank=member.timebank,
            direction=direction,
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            area=area.strip(),
            when=when.strip(),
            days=",".join(day for day in Weekday.values if day in (days or [])),
            recorded_by=actor if actor != member.user else None,
        )
        listing.full_clean()
        listing.save()
        audit_record(actor=actor, action=events.LISTING_CREATED, target=listing)
    return listing


def listing_close(*, listing: Listing, actor: Any) -> Listing:
    """A listing is closed, not deleted, so exchanges made from it keep their story."""
    with transaction.atomic():
        listing.is_open = False
        listing.save(update_fields=["is_open", "updated_at"])
        audit_record(actor=actor, action=events.LISTING_CLOSED, target=listing)
    return listing
