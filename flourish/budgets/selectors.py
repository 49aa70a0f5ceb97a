"""Reads for personal budgets: finding a budget for a person (404 for anyone else), the
person's home page in plain words, and the council's list. Each uses a fixed number of
queries whatever the data size."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role
from flourish.accounts.selectors import organisations_where, private_fields_of
from flourish.budgets.models import (
    Booking,
    BookingSession,
    BookingStatus,
    BrokerConsent,
    Budget,
    MonthlyStatement,
    OutsideSpending,
    Pool,
    PoolMember,
    Proposal,
    ProposalStatus,
)
from flourish.core.pagination import page_of
from flourish.core.public_cache import area_generation
from flourish.core.written import read_written_once
from flourish.directory import ranking
from flourish.directory import selectors as directory
from flourish.directory.geography import KM_PER_MILE
from flourish.directory.models import CostKind, ListingState, Offer
from flourish.directory.selectors import SearchQuery
from flourish.ledger.models import LedgerEntry

# Council staff are people with the funder-staff role at an organisation of kind council:
# like a funder's staff, they commission support and read sensitive records (with two-step
# sign-in).
COUNCIL_ROLES = (Role.FUNDER_STAFF, Role.ADMINISTRATOR)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def councils_for_user(*, user: Any) -> QuerySet[Organisation]:
    """The councils a person works for."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.COUNCIL,
        memberships__user=user,
        memberships__role__in=COUNCIL_ROLES,
    ).distinct()


def get_council_for_user(*, user: Any, slug: str) -> Organisation:
    """A council the person works for; 404 for anyone else. Where they work is known from
    the roles their sign-in read (`organisations_where`)."""
    works_for = set().union(*(organisations_where(user, role) for role in COUNCIL_ROLES))
    council = Organisation.objects.filter(
        kind=OrganisationKind.COUNCIL, slug=slug, pk__in=works_for
    ).first()
    if council is None:
        raise Http404
    return council


@dataclass(frozen=True)
class Access:
    """How a person stands to one budget: its holder, its council's staff, or a broker."""

    budget: Budget
    is_person: bool
    is_council: bool
    broker: Any = None

    @property
    def can_book(self) -> bool:
        return self.is_person or (self.broker is not None and self.broker.may_book)


def get_budget_for_user(*, user: Any, pk: int) -> Access:
    """The budget, for its holder, their council's staff, or a broker they chose while the
    consent lasts; 404 for everyone else. Whether the person works for the council, and
    which consent lets them act, are read with the budget: every budget page asks, and
    three reads were a third of a holder's home page."""
    if not _signed_in(user):
        raise Http404
    found = read_written_once(
        _budget_with_reader, [user.pk, timezone.localdate(), int(pk)], name="budget", model=Budget
    )
    budget = found[0] if found else None
    if budget is None or budget.account is None:
        raise Http404
    is_person = budget.person_id == user.pk
    # Most people who open a budget are its holder or council; only a broker reads on.
    broker = None
    if budget.reader_consent is not None:
        broker = BrokerConsent.objects.filter(pk=budget.reader_consent).first()
    if not (is_person or budget.reader_is_council or broker is not None):
        raise Http404
    return Access(
        budget=budget, is_person=is_person, is_council=budget.reader_is_council, broker=broker
    )


def _budget_with_reader(user: int, today: datetime.date, pk: int) -> QuerySet[Any]:
    council_staff = Membership.objects.filter(
        user=user, organisation_id=OuterRef("council_id"), role__in=COUNCIL_ROLES
    )
    return (
        Budget.objects.select_related("council", "person", "account")
        .defer(*private_fields_of("person"))
        .annotate(
            reader_is_council=Exists(council_staff),
            reader_consent=Subquery(_consents_lasting(user, today).values("pk")[:1]),
        )
        .filter(pk=pk)
        .order_by()[:1]
    )


def _consents_lasting(user: Any, today: datetime.date) -> QuerySet[BrokerConsent]:
    """This person's consents to act for the budget, newest first, while they last."""
    return BrokerConsent.objects.filter(
        budget=OuterRef("pk"), broker=user, withdrawn_at__isnull=True, ends_on__gte=today
    ).order_by("-created_at", "-id")


def budgets_for_person(*, user: Any) -> QuerySet[Budget]:
    if not _signed_in(user):
        return Budget.objects.none()
    return Budget.objects.filter(person=user, account__isnull=False).select_related(
        "council", "account"
    )


def waiting_total(*, budget: Budget) -> int:
    """Money asked for in bookings the groups have not answered yet (a recurring booking's
    first session: each later one is paid from the money in when it falls due)."""
    total: int = Booking.objects.filter(budget=budget, status=BookingStatus.ASKED).aggregate(
        total=Coalesce(Sum("each_pence"), 0)
    )["total"]
    return total


@dataclass
class HomeSummary:
    """The person's budget in plain words."""

    balance: int
    left: int
    booked: int
    next_payment_on: datetime.date | None
    next_payment: int
    to_do: list[str] = field(default_factory=list)


def budget_home(*, budget: Budget, today: datetime.date) -> HomeSummary:
    """What is left to spend, what is booked, what is coming in and what needs doing."""
    assert budget.account is not None
    balance = budget.account.balance
    booked, short_sessions = _waiting(budget, today)
    number = budget.period_for(today)
    upcoming = 0 if number is None and today < budget.starts_on else (number or 0) + 1
    next_on: datetime.date | None = budget.period_start(upcoming)
    if budget.ends_on is not None and next_on is not None and next_on > budget.ends_on:
        next_on = None
    return HomeSummary(
        balance=balance,
        left=balance - booked,
        booked=booked,
        next_payment_on=next_on,
        next_payment=budget.amount_pence if next_on else 0,
        to_do=_to_do(budget, today, short_sessions),
    )


def _waiting(budget: Budget, today: datetime.date) -> tuple[int, int]:
    """The money asked for and not answered yet (as `waiting_total`), and how many
    sessions wait for money, in one query."""
    (waiting,) = read_written_once(
        _budget_waiting, [today, budget.pk], name="budget waiting", model=Budget
    )
    return waiting.booked, waiting.short_sessions


def _budget_waiting(today: datetime.date, pk: int) -> QuerySet[Any]:
    asked = (
        Booking.objects.filter(budget=OuterRef("pk"), status=BookingStatus.ASKED)
        .order_by()
        .values("budget")
        .annotate(total=Sum("each_pence"))
        .values("total")
    )
    short = (
        _sessions_short(today)
        .filter(booking__budget=OuterRef("pk"))
        .order_by()
        .values("booking__budget")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Budget.objects.filter(pk=pk)
        .only("pk")
        .annotate(booked=Coalesce(Subquery(asked), 0), short_sessions=Coalesce(Subquery(short), 0))
        .order_by()
    )


def _to_do(budget: Budget, today: datetime.date, short_sessions: int) -> list[str]:
    since = today - datetime.timedelta(days=14)
    declined = read_written_once(
        _declined_since, [budget.pk, since], name="bookings declined", model=Booking
    )
    return [
        _("%(group)s could not take your booking for %(offer)s. Choose another date or group.")
        % {"group": booking.offer.listing.name, "offer": booking.offer.name}
        for booking in declined
    ] + _short_for_sessions(short_sessions)


def _declined_since(budget: int, since: datetime.date) -> QuerySet[Booking]:
    return Booking.objects.filter(
        budget=budget, status=BookingStatus.DECLINED, decided_at__date__gte=since
    ).select_related("offer__listing")[:3]


def _short_for_sessions(waiting: int) -> list[str]:
    if not waiting:
        return []
    return [
        ngettext(
            "%(count)s booked session is waiting to be paid: there is not enough left. It is "
            "paid as soon as the next money comes in, or you can cancel it.",
            "%(count)s booked sessions are waiting to be paid: there is not enough left. They "
            "are paid as soon as the next money comes in, or you can cancel them.",
            waiting,
        )
        % {"count": waiting}
    ]


def upcoming_bookings(*, budget: Budget, today: datetime.date) -> list[Booking]:
    """Bookings still to come (waiting for the group or confirmed), soonest first."""
    return read_written_once(
        _bookings_from, [budget.pk, today], name="bookings to come", model=Booking
    )


def _bookings_from(budget: int, today: datetime.date) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(
            budget=budget,
            status__in=[BookingStatus.ASKED, BookingStatus.CONFIRMED],
            session_on__gte=today,
        )
        .select_related("offer", "group", "booked_by", "budget")
        .defer(*private_fields_of("booked_by"))
        .order_by("session_on", "id")[:20]
    )


def booking_sessions(*, booking: Booking) -> list[BookingSession]:
    """A recurring booking's sessions, in order, with what was paid and refunded."""
    if not booking.is_recurring:
        return []
    return list(BookingSession.objects.filter(booking=booking).order_by("number"))


def _sessions_short(today: datetime.date) -> QuerySet[BookingSession]:
    """Sessions that have fallen due but could not be paid yet: the budget was short."""
    return BookingSession.objects.filter(
        booking__status=BookingStatus.CONFIRMED,
        session_on__lte=today,
        payment__isnull=True,
        cancelled_at__isnull=True,
    )


def recent_bookings(*, budget: Budget) -> list[Booking]:
    return list(
        Booking.objects.filter(budget=budget)
        .select_related("offer", "group", "booked_by", "budget")
        .defer(*private_fields_of("booked_by"))
        .order_by("-created_at", "-id")[:10]
    )


# What makes an offer bookable with a budget: the group says it takes personal budgets,
# it has a set price, and the group is in Flourish to confirm bookings and be paid.
BOOKABLE = {
    "personal_budget": True,
    "cost": CostKind.PRICE,
    "price_pence__isnull": False,
    "listing__organisation__isnull": False,
}


def get_bookable_offer(*, offer_id: Any) -> Offer:
    """An offer a budget (or a pool) can pay for: a set price, from a group in Flourish
    that takes personal budgets and is listed; 404 for any other."""
    offer = (
        Offer.objects.filter(
            **BOOKABLE, listing__state__in=[ListingState.ACTIVE, ListingState.STALE]
        )
        .select_related("listing")
        .filter(uuid=offer_id)
        .first()
    )
    if offer is None:
        raise Http404
    return offer


@dataclass(frozen=True)
class BookableOffer:
    offer: Offer
    distance_km: float | None

    @property
    def distance_miles(self) -> float | None:
        return None if self.distance_km is None else self.distance_km / KM_PER_MILE


def bookable_offers_page(
    query: SearchQuery, *, offset: int, limit: int
) -> tuple[int, list[BookableOffer]]:
    """A page of the offers a budget can book that match a search, found as the directory
    finds them: nearest first from a postcode, otherwise by name. Two to four queries,
    however many offers there are."""
    near = directory.near_postcode(query)

    def offers() -> QuerySet[Any]:
        if near is not None:
            at_places = {f"offer__{name}": value for name, value in BOOKABLE.items()}
            return directory.offer_place_search_queryset(query, near).filter(**at_places)
        return directory.offer_search_queryset(query).filter(**BOOKABLE)

    total, ranked = ranking.offers_and_groups_page(
        shape=("bookable", query.shape()),
        offers=offers,
        groups=lambda: None,
        near=near,
        offset=offset,
        limit=limit,
        few_offers=directory.few_offers_by_name(query, near),
    )
    found = Offer.objects.select_related("listing").in_bulk([row.pk for row in ranked])
    return total, [BookableOffer(found[row.pk], row.km) for row in ranked if row.pk in found]


def get_offer_for_booking(*, offer_id: Any) -> Offer:
    offer = Offer.objects.select_related("listing__organisation").filter(uuid=offer_id).first()
    if offer is None or offer.listing.state not in (ListingState.ACTIVE, ListingState.STALE):
        raise Http404
    return offer


def get_booking_for_budget(*, access: Access, pk: int) -> Booking:
    booking = (
        Booking.objects.select_related("offer__listing", "group", "booked_by", "payment", "paid_to")
        .filter(budget=access.budget, pk=pk)
        .first()
    )
    if booking is None:
        raise Http404
    return booking


def groups_led_by(*, user: Any) -> QuerySet[Organisation]:
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Role.GROUP_LEAD
    ).distinct()


def get_group_for_user(*, user: Any, slug: str) -> Organisation:
    """A group the person leads; 404 for anyone else."""
    group = groups_led_by(user=user).filter(slug=slug).first()
    if group is None:
        raise Http404
    return group


def group_bookings(*, group: Organisation) -> QuerySet[Booking]:
    """The bookings made with a group, newest first, with what the group may see."""
    return (
        Booking.objects.filter(group=group)
        .select_related("offer", "budget__person", "payment", "paid_to")
        .defer(*private_fields_of("budget__person"))
        .order_by("-created_at", "-id")
    )


def get_booking_for_group(*, group: Organisation, pk: int) -> Booking:
    booking = group_bookings(group=group).filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def get_receipt_for_user(*, user: Any, pk: int) -> Booking:
    """A paid booking's receipt: for the group it was paid to, and for everyone who may see
    the budget it came from."""
    booking = (
        Booking.objects.select_related(
            "offer__listing",
            "group",
            "budget__person",
            "budget__council",
            "payment",
            "reversal",
            "paid_to",
        )
        .filter(pk=pk, payment__isnull=False)
        .first()
    )
    if booking is None or not _signed_in(user):
        raise Http404
    if groups_led_by(user=user).filter(pk=booking.group_id).exists():
        return booking
    get_budget_for_user(user=user, pk=booking.budget_id)
    return booking


def get_invoice_for_user(*, user: Any, pk: int) -> Booking:
    """A booking's invoice, paid or not: for the group, and everyone who may see the budget."""
    booking = (
        Booking.objects.select_related(
            "offer__listing",
            "group",
            "budget__person",
            "budget__council",
            "payment",
            "reversal",
            "paid_to",
        )
        .filter(pk=pk)
        .first()
    )
    if booking is None or not _signed_in(user):
        raise Http404
    if groups_led_by(user=user).filter(pk=booking.group_id).exists():
        return booking
    get_budget_for_user(user=user, pk=booking.budget_id)
    return booking


def council_budgets(*, council: Organisation) -> QuerySet[Budget]:
    """The council's budgets with their holders and balances, in one query per page."""
    return (
        Budget.objects.filter(council=council)
        .select_related("person", "account")
        .defer(*private_fields_of("person"))
        .order_by("id")
    )


def council_budgets_count_key(*, council: Organisation) -> str:
    """Where the number of a council's budgets is kept (`page_of`): counting grows with
    the council, and the key changes with any budget saved or deleted anywhere."""
    return f"council-budgets:{council.pk}:{area_generation('budgets')}"


def budgets_acting_for(*, user: Any) -> QuerySet[Budget]:
    """Budgets whose holders have asked this person to act for them, while consent lasts."""
    if not _signed_in(user):
        return Budget.objects.none()
    # By name, as a broker looks for someone; each budget once however many consents.
    return (
        Budget.objects.filter(Exists(_consents_lasting(user, timezone.localdate())))
        .select_related("person")
        .defer(*private_fields_of("person"))
        .order_by("person__name", "pk")
    )


def broker_consents(*, budget: Budget) -> list[BrokerConsent]:
    return list(BrokerConsent.objects.filter(budget=budget).select_related("broker"))


def get_consent_for_person(*, access: Access, pk: int) -> BrokerConsent:
    consent = BrokerConsent.objects.filter(budget=access.budget, pk=pk).first()
    if consent is None or not access.is_person:
        raise Http404
    consent.budget = access.budget
    return consent


def groups_taking_bookings(*, user: Any) -> QuerySet[Organisation]:
    """The groups this person leads that have had bookings paid from personal budgets."""
    return groups_led_by(user=user).filter(budget_bookings__isnull=False).distinct()


@dataclass(frozen=True)
class PoolPlace:
    """How a person stands in a pool: as a member, or as a broker for one."""

    pool: Pool
    member: PoolMember
    as_broker: bool
    may_vote: bool


def get_pool_for_user(*, user: Any, pk: int) -> PoolPlace:
    """A pool, for its members and the brokers of its members; 404 for everyone else."""
    if not _signed_in(user):
        raise Http404
    pool = Pool.objects.select_related("account").filter(pk=pk).first()
    if pool is None:
        raise Http404
    members = PoolMember.objects.filter(pool=pool, left_at__isnull=True).select_related(
        "budget__account"
    )
    own = members.filter(budget__person=user).first()
    if own is not None:
        return PoolPlace(pool=pool, member=own, as_broker=False, may_vote=True)
    today = timezone.localdate()
    consent = (
        BrokerConsent.objects.filter(
            broker=user,
            withdrawn_at__isnull=True,
            ends_on__gte=today,
            budget__pool_places__pool=pool,
            budget__pool_places__left_at__isnull=True,
        )
        .order_by("-may_vote", "id")
        .first()
    )
    if consent is None:
        raise Http404
    acting = members.get(budget_id=consent.budget_id)
    return PoolPlace(pool=pool, member=acting, as_broker=True, may_vote=consent.may_vote)


def pools_for_budget(*, budget: Budget) -> list[PoolMember]:
    return list(
        PoolMember.objects.filter(budget=budget, left_at__isnull=True).select_related(
            "pool__account"
        )
    )


# What a pool decided, a page at a time: a pool that meets for years decides hundreds.
DECIDED_PER_PAGE = 25


def pool_page(*, place: PoolPlace, decided_page: Any = None) -> dict[str, Any]:
    """Everything a pool's page shows, in a fixed number of queries: every proposal still
    open for a vote, however old (none may drop out of sight before it is decided), and
    what was decided, newest first, a page at a time (`?decided=`)."""
    pool = place.pool
    proposals = (
        Proposal.objects.filter(pool=pool)
        .select_related("offer", "group", "proposed_by__budget__person", "paid_to")
        .defer(*private_fields_of("proposed_by__budget__person"))
        .order_by("-created_at", "-id")
    )
    open_now = list(proposals.filter(status=ProposalStatus.OPEN).prefetch_related("votes"))
    for proposal in open_now:
        votes = list(proposal.votes.all())
        proposal.yes = sum(1 for vote in votes if vote.in_favour)  # type: ignore[attr-defined]
        proposal.no = len(votes) - proposal.yes  # type: ignore[attr-defined]
        proposal.my_vote = next(  # type: ignore[attr-defined]
            (vote.in_favour for vote in votes if vote.member_id == place.member.pk), None
        )
    decided = proposals.exclude(status=ProposalStatus.OPEN)
    return {
        "members": list(
            PoolMember.objects.filter(pool=pool, left_at__isnull=True)
            .select_related("budget__person")
            .defer(*private_fields_of("budget__person"))
        ),
        "open": open_now,
        "decided": page_of(items=decided, number=decided_page, size=DECIDED_PER_PAGE),
        "balance": pool.account.balance if pool.account else 0,
    }


def get_proposal_for_place(*, place: PoolPlace, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.select_related("offer", "group").filter(pool=place.pool, pk=pk).first()
    )
    if proposal is None:
        raise Http404
    return proposal


def get_pool_for_joining(*, code: Any) -> Pool:
    pool = Pool.objects.filter(invite_code=code).first()
    if pool is None:
        raise Http404
    return pool


def budget_statement(
    *, budget: Budget, start: datetime.date, end: datetime.date
) -> QuerySet[LedgerEntry]:
    """The budget's movements in a month, with what each was for, in one query."""
    return (
        LedgerEntry.objects.filter(
            account_id=budget.account_id,
            transaction__posted_at__date__gte=start,
            transaction__posted_at__date__lt=end,
        )
        .select_related(
            "transaction__budget_booking__offer",
            "transaction__budget_booking__group",
            "transaction__budget_booking__booked_by",
            "transaction__budget_booking__spending_kind",
            "transaction__outside_spending",
            "statement_note",
        )
        .order_by("id")
    )


def get_statement_line_for_user(*, user: Any, pk: int, entry_pk: int) -> tuple[Access, LedgerEntry]:
    """A line of a budget's statement, for the person or a broker who may see the budget
    (they may add a note to it); 404 for everyone else, council staff included."""
    access = get_budget_for_user(user=user, pk=pk)
    if not (access.is_person or access.broker is not None):
        raise Http404
    entry = (
        LedgerEntry.objects.filter(account_id=access.budget.account_id, pk=entry_pk)
        .select_related(
            "transaction__budget_booking__offer",
            "transaction__budget_booking__group",
            "transaction__outside_spending",
            "statement_note",
        )
        .first()
    )
    if entry is None:
        raise Http404
    return access, entry


def outside_spending(*, budget: Budget) -> list[OutsideSpending]:
    """The latest spending recorded outside Flourish, newest first."""
    return list(
        OutsideSpending.objects.filter(budget=budget)
        .select_related("spending_kind")
        .order_by("-spent_on", "-id")[:10]
    )


def get_outside_spending(*, access: Access, pk: int) -> OutsideSpending:
    found = OutsideSpending.objects.filter(budget=access.budget, pk=pk).first()
    if found is None:
        raise Http404
    return found


def monthly_statements(*, council: Organisation) -> list[MonthlyStatement]:
    """The statements made for a council at each month's end, latest first (a year's)."""
    return list(MonthlyStatement.objects.filter(council=council).order_by("-period")[:12])


def get_monthly_statement(*, council: Organisation, period: str) -> MonthlyStatement:
    found = MonthlyStatement.objects.filter(council=council, period=period).first()
    if found is None:
        raise Http404
    return found
