"""Writes for listings: suggesting, importing, claiming, editing, confirming, going stale."""

import datetime
import re
import uuid
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role
from flourish.accounts.rules import is_administrator
from flourish.core.services import audit_record
from flourish.directory import events
from flourish.directory.geography import district_for
from flourish.directory.models import Listing, ListingState
from flourish.directory.selectors import listing_duplicate_of
from flourish.directory.services.search_index import (
    listing_search_text,
    offer_search_text,
    search_index_update,
)
from flourish.directory.tasks import send_directory_email
from flourish.learning.models import PromptReason
from flourish.learning.services.prompts import prompt_offer

CLAIM_SALT = "flourish.directory.claim"
CLAIM_LINK_DAYS = 7
CLAIM_EMAIL_GAP_SECONDS = 60 * 60
STALE_AFTER = datetime.timedelta(days=182)
HIDDEN_AFTER_STALE = datetime.timedelta(days=91)
# A refused or merged suggestion cannot be claimed: its link dies with the decision.
CLAIMABLE_STATES = (
    ListingState.ACTIVE,
    ListingState.STALE,
    ListingState.HIDDEN,
    ListingState.PENDING,
)

LISTING_FIELDS = (
    "name",
    "description",
    "led_by",
    "communities",
    "languages",
    "legal_form",
    "registration_number",
    "area_outward_code",
    "website",
    "social_link",
    "email",
    "phone",
)


def normalise_name(name: str) -> str:
    """ "The Hearing-Voices Group (Leeds)" and "hearing voices group leeds" are the same name."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " and ")).split()
    return " ".join(word for word in words if word != "the")


def link_key(url: str) -> str:
    """A link reduced to host and path, so http://www.x.org/ and https://x.org match."""
    if not url:
        return ""
    parts = urlsplit(url.strip().lower())
    host = parts.netloc.removeprefix("www.")
    return (host + parts.path.rstrip("/"))[:200]


def _apply_listing_fields(listing: Listing, fields: Mapping[str, Any]) -> None:
    for name in LISTING_FIELDS:
        if name in fields:
            setattr(listing, name, fields[name] or "")
    listing.name = listing.name.strip()
    listing.normalised_name = normalise_name(listing.name)
    listing.website_key = link_key(listing.website)
    listing.social_key = link_key(listing.social_link)
    district = district_for(listing.area_outward_code)
    if district is None:
        raise ValidationError(
            {"area_outward_code": _("Enter the first half of a real postcode, for example LS6.")}
        )
    listing.area_outward_code = district.outward_code
    listing.local_authority = district.local_authority
    listing.search_text = listing_search_text(listing)


def refuse_duplicate_listing(listing: Listing) -> None:
    duplicate = listing_duplicate_of(
        normalised_name=listing.normalised_name,
        area_outward_code=listing.area_outward_code,
        link_keys=[key for key in (listing.website_key, listing.social_key) if key],
        exclude_pk=listing.pk,
    )
    if duplicate is None:
        return
    if duplicate.state == ListingState.PENDING:
        raise ValidationError(
            _(
                "%(name)s in %(area)s has already been suggested and is waiting for a "
                "coordinator to check it. You do not need to suggest it again."
            ),
            code="waiting",
            params={"name": duplicate.name, "area": duplicate.area_outward_code},
        )
    # The listing id travels with the refusal so the page can link to it.
    raise ValidationError(
        _(
            "%(name)s in %(area)s is already listed with the same name or link. "
            "If it is your group, claim that listing instead of adding a new one."
        ),
        code="duplicate",
        params={
            "name": duplicate.name,
            "area": duplicate.area_outward_code,
            "listing_id": str(duplicate.uuid),
        },
    )


def _listing_create(
    *, actor: Any, fields: Mapping[str, Any], state: str, suggester_email: str = ""
) -> Listing:
    signed_in = getattr(actor, "is_authenticated", False)
    listing = Listing(state=state, suggested_by=actor if signed_in else None)
    listing.suggester_email = suggester_email or (actor.email if signed_in else "")
    _apply_listing_fields(listing, fields)
    refuse_duplicate_listing(listing)
    listing.full_clean()
    listing.save()
    search_index_update(listings=[listing])
    audit_record(
        actor=actor,
        action=events.LISTING_SUGGESTED,
        target=listing,
        data={"name": listing.name, "state": listing.state},
    )
    return listing


@transaction.atomic
def listing_suggest(*, actor: Any, fields: Mapping[str, Any], suggester_email: str = "") -> Listing:
    """Anyone may suggest a group not already listed; it waits for a coordinator's check
    (or for the group to claim it) before anyone else can see it."""
    # A coordinator's own suggestion needs no second pair of eyes.
    state = ListingState.ACTIVE if is_administrator(actor) else ListingState.PENDING
    return _listing_create(actor=actor, fields=fields, state=state, suggester_email=suggester_email)


@transaction.atomic
def listings_import(*, actor: Any, rows: list[Mapping[str, Any]]) -> int:
    """A coordinator's spreadsheet of groups goes in whole or not at all, and is listed at
    once (the coordinator checked it); every row is checked again."""
    problems = []
    for number, fields in enumerate(rows, start=2):
        try:
            _listing_create(actor=actor, fields=fields, state=ListingState.ACTIVE)
        except ValidationError as error:
            problems.append(
                _("Row %(row)d: %(problem)s") % {"row": number, "problem": " ".join(error.messages)}
            )
    if problems:
        # Raising inside the atomic block undoes the rows already added.
        raise ValidationError(problems)
    audit_record(actor=actor, action=events.LISTINGS_IMPORTED, data={"rows": len(rows)})
    return len(rows)


@transaction.atomic
def listing_update(*, actor: Any, listing: Listing, fields: Mapping[str, Any]) -> Listing:
    """A group's leads (or a coordinator) change its listing; editing also confirms it."""
    _apply_listing_fields(listing, fields)
    refuse_duplicate_listing(listing)
    listing.last_confirmed_at = timezone.now()
    listing.state = ListingState.ACTIVE
    listing.stale_since = None
    listing.full_clean()
    listing.save()
    # An offer is found by its group's words too, so they are indexed again with it.
    offers = list(listing.offers.all())
    for offer in offers:
        offer.search_text = offer_search_text(offer)
        offer.save(update_fields=["search_text"])
    search_index_update(listings=[listing], offers=offers)
    audit_record(
        actor=actor,
        action=events.LISTING_UPDATED,
        target=listing,
        data={"fields": sorted(set(fields) & set(LISTING_FIELDS))},
    )
    return listing


@transaction.atomic
def listing_confirm(*, actor: Any, listing: Listing) -> Listing:
    """A group says its listing is still right: it becomes active and shows today's date."""
    listing.last_confirmed_at = timezone.now()
    listing.state = ListingState.ACTIVE
    listing.stale_since = None
    listing.full_clean()
    listing.save(update_fields=["last_confirmed_at", "state", "stale_since", "updated_at"])
    audit_record(actor=actor, action=events.LISTING_CONFIRMED, target=listing)
    return listing


def listing_claim_token(*, listing: Listing) -> str:
    """A signed link token naming the listing and its current nonce, so it works once."""
    return signing.dumps(
        {"listing": str(listing.uuid), "nonce": str(listing.claim_nonce)}, salt=CLAIM_SALT
    )


@transaction.atomic
def listing_claim_request(*, actor: Any, listing: Listing, claim_url: Callable[[str], str]) -> None:
    """A claim link goes only to the contact email on the listing, never to the person asking."""
    if not listing.email:
        raise ValidationError(
            _(
                "This listing has no contact email, so we cannot send a link. "
                "Ask a coordinator to add you to the group."
            )
        )
    # At most one claim email an hour per listing, so the button cannot flood a group's inbox.
    if not cache.add(f"directory-claim-sent:{listing.pk}", True, timeout=CLAIM_EMAIL_GAP_SECONDS):
        raise ValidationError(
            _(
                "We sent a link to the group's contact address less than an hour ago. "
                "Check that inbox, or try again later."
            )
        )
    link = claim_url(listing_claim_token(listing=listing))
    body = _(
        "Someone asked to manage the listing for %(name)s on Flourish.\n\n"
        "If that was you or someone in your group, open this link within %(days)d days "
        "to claim it:\n%(link)s\n\nIf not, you can ignore this email."
    ) % {"name": listing.name, "days": CLAIM_LINK_DAYS, "link": link}
    transaction.on_commit(
        partial(
            send_directory_email.enqueue,
            to=listing.email,
            subject=_("Claim your group's listing on Flourish"),
            body=body,
        )
    )
    audit_record(actor=actor, action=events.LISTING_CLAIM_REQUESTED, target=listing)


_CLAIM_REFUSED = _lazy(
    "This link has expired or has already been used. Ask for a new link from the group's page."
)


def _claimed_listing(token: str, *, lock: bool) -> Listing:
    listings = Listing.objects.select_for_update() if lock else Listing.objects.all()
    try:
        claim = signing.loads(
            token, salt=CLAIM_SALT, max_age=datetime.timedelta(days=CLAIM_LINK_DAYS)
        )
        return listings.get(
            uuid=uuid.UUID(claim["listing"]),
            claim_nonce=uuid.UUID(claim["nonce"]),
            state__in=CLAIMABLE_STATES,
        )
    except (signing.BadSignature, Listing.DoesNotExist, KeyError, ValueError, TypeError) as error:
        raise ValidationError(_CLAIM_REFUSED) from error


def listing_for_claim_token(*, token: str) -> Listing:
    """The listing a claim link names, to show before it is used (the link is not spent)."""
    return _claimed_listing(token, lock=False)


@transaction.atomic
def listing_claim_complete(*, actor: Any, token: str) -> Listing:
    """Following the emailed link makes the person a lead of the group; the link then dies.
    A suggestion waiting for review goes live: the group itself has vouched for it."""
    listing = _claimed_listing(token, lock=True)
    if listing.organisation is None:
        slug = f"{slugify(listing.name)[:180]}-{listing.uuid.hex[:8]}"
        organisation = Organisation(name=listing.name, slug=slug, kind=OrganisationKind.GROUP)
        organisation.full_clean()
        organisation.save()
        listing.organisation = organisation
    Membership.objects.get_or_create(
        user=actor, organisation=listing.organisation, role=Role.GROUP_LEAD
    )
    listing.claim_nonce = uuid.uuid4()
    published = listing.state == ListingState.PENDING
    if published:
        listing.state = ListingState.ACTIVE
        listing.last_confirmed_at = timezone.now()
    listing.full_clean()
    listing.save()
    audit_record(actor=actor, action=events.LISTING_CLAIMED, target=listing)
    if published:
        audit_record(
            actor=actor, action=events.LISTING_APPROVED, target=listing, data={"by": "claim"}
        )
    return listing


@transaction.atomic
def listings_mark_stale(*, now: datetime.datetime) -> tuple[int, int]:
    """Unconfirmed for six months: stale, and the group is asked to confirm. Three more: hidden."""
    due = Listing.objects.select_for_update().filter(
        state=ListingState.ACTIVE, created_at__lt=now - STALE_AFTER
    )
    due = due.exclude(last_confirmed_at__gte=now - STALE_AFTER)
    stale = 0
    for listing in due:
        listing.state, listing.stale_since = ListingState.STALE, now
        listing.save(update_fields=["state", "stale_since", "updated_at"])
        audit_record(actor=None, action=events.LISTING_MARKED_STALE, target=listing)
        if listing.organisation_id is not None:
            prompt_offer(
                group=listing.organisation,
                reason=PromptReason.STALE_LISTING,
                about=f"listing:{listing.uuid}:{now.date().isoformat()}",
            )
        if listing.email:
            transaction.on_commit(
                partial(
                    send_directory_email.enqueue,
                    to=listing.email,
                    subject=_("Is %(name)s still running?") % {"name": listing.name},
                    body=_(
                        "Your listing on Flourish has not been confirmed for six months. "
                        "Sign in and choose 'It is still running', or it will be hidden."
                    ),
                )
            )
        stale += 1
    hidden = 0
    for listing in Listing.objects.select_for_update().filter(
        state=ListingState.STALE, stale_since__lt=now - HIDDEN_AFTER_STALE
    ):
        listing.state = ListingState.HIDDEN
        listing.save(update_fields=["state", "updated_at"])
        audit_record(actor=None, action=events.LISTING_HIDDEN, target=listing)
        hidden += 1
    return stale, hidden
