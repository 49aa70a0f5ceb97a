"""The directory: groups' listings, what they offer, where and when, and how it is classified.

Every model keeps a UUID so that it maps one-to-one onto Open Referral UK 3.0 objects:
Listing → organization, Offer → service, Place → location, OfferPlace →
service_at_location, Schedule → schedule, Taxonomy/TaxonomyTerm → taxonomy/taxonomy_term.
"""

from uuid import uuid4

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel
from flourish.directory.offer_types import OFFER_TYPE_NAMES


class ListingState(models.TextChoices):
    ACTIVE = "active", _("Active")
    STALE = "stale", _("Not confirmed recently")
    HIDDEN = "hidden", _("Hidden")
    # A suggestion waits here until a coordinator checks it or the group claims it; until
    # then it is in no search, page or API answer (selectors publish ACTIVE and STALE only).
    PENDING = "pending", _("Waiting for a coordinator to check it")
    REJECTED = "rejected", _("Not listed after a coordinator checked it")
    MERGED = "merged", _("Merged into a listing that was already there")


class LegalForm(models.TextChoices):
    UNCONSTITUTED = "unconstituted", _("Unconstituted group")
    CHARITY = "charity", _("Charity")
    CIO = "cio", _("Charitable incorporated organisation (CIO)")
    CIC = "cic", _("Community interest company (CIC)")
    COMPANY = "company", _("Company")
    COOPERATIVE = "cooperative", _("Co-operative")
    OTHER = "other", _("Other")


class Listing(TimeStampedModel):
    """A group's entry in the directory, in its own words. The group may be unconstituted."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listing",
        help_text=_("Set when the group claims its listing."),
    )
    name = models.CharField(_("name of the group"), max_length=200)
    normalised_name = models.CharField(max_length=200, db_index=True, editable=False)
    description = models.TextField(_("what the group is and does, in its own words"))
    led_by = models.TextField(
        _("who runs it"),
        blank=True,
        help_text=_("For example: run by and for people who hear voices."),
    )
    communities = models.CharField(
        _("communities it comes from and serves"),
        max_length=500,
        blank=True,
        help_text=_("In your own words, separated by commas."),
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    legal_form = models.CharField(
        _("legal form"), max_length=20, choices=LegalForm.choices, default=LegalForm.UNCONSTITUTED
    )
    registration_number = models.CharField(
        _("charity or company number"), max_length=20, blank=True
    )
    area_outward_code = models.CharField(
        _("postcode district"),
        max_length=4,
        db_index=True,
        help_text=_("The first half of a postcode where the group meets, for example LS6."),
    )
    local_authority = models.CharField(max_length=100, blank=True, editable=False)
    website = models.URLField(_("website"), blank=True)
    social_link = models.URLField(_("social media page"), blank=True)
    # Links without scheme, "www." or trailing slash, to spot the same group suggested twice.
    website_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    social_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    state = models.CharField(
        max_length=10, choices=ListingState.choices, default=ListingState.ACTIVE
    )
    last_confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    stale_since = models.DateTimeField(null=True, blank=True)
    # Rotated whenever a claim link is used, so each emailed link works once.
    claim_nonce = models.UUIDField(default=uuid4, editable=False)
    # Who suggested it, so they can be told what a coordinator decided. Never published.
    suggested_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    suggester_email = EncryptedTextField(_("your email address"), blank=True)
    review_reason = models.TextField(_("why it was not listed"), blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_suggestions"
    )
    # The group's own words for full-text search (see `fulltext.py`): indexed as a
    # tsvector on PostgreSQL, and in an FTS5 table on SQLite. Kept by the write services.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)
    # Set when the group adds its first offer (services.offers). Search shows a group on
    # its own only until then; the partial index keeps finding those few groups cheap.
    lists_offers = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["normalised_name", "area_outward_code"]),
            models.Index(
                fields=["area_outward_code", "name"],
                condition=models.Q(lists_offers=False),
                name="directory_listing_no_offers",
            ),
            # Searches keep only offers whose group is listed, so PostgreSQL reads which
            # groups are: from this small index, not from the wide rows of every group
            # ("women peer" without a postcode: 17 ms, then 5 ms, at 20,000 groups).
            models.Index(fields=["state", "id"], name="directory_listing_state_id"),
            # A suggestion is checked against the groups of its council area: found here,
            # not by reading every group in the country (7 ms at 20,000 groups).
            models.Index(fields=["local_authority", "name"], name="directory_listing_council"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def community_tags(self) -> list[str]:
        return [tag.strip() for tag in self.communities.split(",") if tag.strip()]


class Taxonomy(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    code = models.SlugField(max_length=100)
    name = models.CharField(max_length=200)
    description = models.TextField()

    class Meta:
        ordering = ["taxonomy__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], name="one_code_per_taxonomy")
        ]

    def __str__(self) -> str:
        """Its name in the reader's language, where it is one of the types Flourish starts with."""
        return gettext(self.name) if self.name in OFFER_TYPE_NAMES else self.name


class OfferKind(models.TextChoices):
    SERVICE = "service", _("A service")
    ACTIVITY = "activity", _("An activity or group")
    SPACE = "space", _("A space to be")


class CostKind(models.TextChoices):
    FREE = "free", _("Free")
    PAY_WHAT_YOU_CAN = "pay_what_you_can", _("Pay what you can")
    PRICE = "price", _("A set price")


class Offer(TimeStampedModel):
    """Something a group offers: a peer group, an activity, a space, a service for sale."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="offers")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    kind = models.CharField(_("kind"), max_length=10, choices=OfferKind.choices)
    who_for = models.CharField(_("who it is for"), max_length=300, blank=True)
    how_to_join = models.TextField(_("how to join or book"), blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    cost = models.CharField(
        _("cost"), max_length=20, choices=CostKind.choices, default=CostKind.FREE
    )
    price_pence = models.PositiveIntegerField(_("price"), null=True, blank=True)
    price_unit = models.CharField(
        _("price per"), max_length=50, blank=True, help_text=_("For example: per session")
    )
    # 1 when the price is per session; 10 when it buys a block of 10 (personal budgets
    # book and pay per price, see docs/budgets.md).
    sessions_per_price = models.PositiveSmallIntegerField(_("Sessions"), default=1)
    personal_budget = models.BooleanField(
        _("can be paid for with a personal budget"), default=False
    )
    online = models.BooleanField(_("online"), default=False)
    terms = models.ManyToManyField(TaxonomyTerm, blank=True, related_name="offers")
    # The offer's and its group's words in one column, indexed for full-text search
    # like a listing's (see `fulltext.py`), so a group's words find its offers too.
    search_text = models.TextField(blank=True, editable=False)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        ordering = ["name"]
        # Lists are ordered by name then id: the index lets a page stop early.
        indexes = [models.Index(fields=["name", "id"], name="directory_offer_name_id")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(cost="price") | models.Q(price_pence__isnull=False),
                name="offer_with_a_price_has_an_amount",
            ),
            models.CheckConstraint(
                condition=models.Q(sessions_per_price__gte=1),
                name="offer_price_covers_at_least_one_session",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Place(TimeStampedModel):
    """Where a group meets. Unless it is a public venue, only its postcode district is shown."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="places")
    name = models.CharField(_("name of the place"), max_length=200)
    address = models.TextField(_("address"), blank=True)
    town = models.CharField(_("town or city"), max_length=100, blank=True)
    postcode = models.CharField(_("postcode"), max_length=8)
    outward_code = models.CharField(max_length=4, db_index=True, editable=False)
    local_authority = models.CharField(max_length=100, blank=True, editable=False)
    latitude = models.FloatField(db_index=True, editable=False)
    longitude = models.FloatField(editable=False)
    is_public_venue = models.BooleanField(
        _("this is a public venue"),
        default=False,
        help_text=_("Only public venues show their full address. Never give a home address."),
    )

    def __str__(self) -> str:
        return f"{self.name} ({self.outward_code})"


class OfferPlace(models.Model):
    """An offer at a place: Open Referral's service_at_location."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="offer_places")
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="offer_places")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "place"], name="one_link_per_offer_place")
        ]

    def __str__(self) -> str:
        return f"{self.offer} at {self.place}"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Frequency(models.TextChoices):
    WEEKLY = "WEEKLY", _("Every week")
    FORTNIGHTLY = "FORTNIGHTLY", _("Every other week")
    MONTHLY = "MONTHLY", _("Once a month")
    ONCE = "ONCE", _("Once only, on a date")


class Schedule(models.Model):
    """When an offer happens: a weekday with start and end times, repeating, or one date."""

    uuid = models.UUIDField(default=uuid4, unique=True, editable=False)
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("starts at"))
    closes_at = models.TimeField(_("ends at"))
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    starts_on = models.DateField(null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=200, blank=True)

    class Meta:
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="schedule_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~models.Q(frequency="ONCE") | models.Q(starts_on__isnull=False),
                name="schedule_one_off_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        if self.is_one_off and self.starts_on:
            day = formats.date_format(self.starts_on, "l j F Y")  # in the reader's language
            return f"{day}, {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def clean(self) -> None:
        if self.frequency == Frequency.ONCE:
            if self.starts_on is None:
                raise ValidationError({"starts_on": _("Enter the date, for example 6 6 2026")})
            # A one-off is searched and shown by its date's weekday.
            self.weekday = self.starts_on.weekday()

    @property
    def is_one_off(self) -> bool:
        return self.frequency == Frequency.ONCE

    @property
    def has_happened(self) -> bool:
        """A one-off whose date is before today (UK time) is no longer upcoming."""
        return (
            self.is_one_off
            and self.starts_on is not None
            and (self.starts_on < timezone.localdate())
        )


class DistrictDistance(models.Model):
    """How far apart two postcode districts' centroids are, for every pair closer than
    `geography.NEIGHBOUR_RADIUS_KM`, both ways round and each district to itself (0 km).

    Places sit at their district's centroid, so distance filtering and ordering is a join
    on this table; it is built from the shipped ONS data by a migration.
    """

    origin = models.CharField(max_length=4)
    destination = models.CharField(max_length=4)
    km = models.FloatField()

    class Meta:
        # Reference data made and filled by migration 0003, like a lookup table: not
        # managed, so that test runs which empty every table between tests (live-server
        # tests) leave it alone. No unique constraint: it would only slow `migrate` down.
        # The index serves "neighbours of X within R, nearest first".
        managed = False
        indexes = [
            models.Index(fields=["origin", "km", "destination"], name="directory_district_near")
        ]

    def __str__(self) -> str:
        return f"{self.origin} to {self.destination}: {self.km:.1f} km"
