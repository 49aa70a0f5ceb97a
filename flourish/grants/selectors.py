"""Reads for grants. Each get_<thing>_for_user raises Http404 for anyone not allowed."""

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any, TypeVar

from django.core.cache import caches
from django.core.paginator import Page
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone

from flourish.accounts.models import Membership, Organisation, Role
from flourish.accounts.selectors import organisations_where, private_fields_of
from flourish.core.pagination import COUNT_SECONDS, page_of, page_written_once
from flourish.core.public_cache import area_generation, remembered
from flourish.core.written import read_written_once
from flourish.demand.models import Board
from flourish.demand.selectors import boards_readable_by
from flourish.grants.models import (
    Application,
    ApplicationStatus,
    Award,
    ConflictDeclaration,
    EligibilityQuestion,
    GrantReport,
    Panel,
    PanelVote,
    Payment,
    PlanningSession,
    Programme,
    ProgrammeCategory,
    ReportSpend,
    SessionBooking,
    SpendLine,
)
from flourish.grants.models.applications import DECIDED_STATUSES
from flourish.grants.rules import application_readers, funder_role

GROUP_ROLES = (Role.GROUP_LEAD, Role.GROUP_MEMBER)
T = TypeVar("T")
# How long a programme read for everyone is kept at most: the backstop for a change
# made around the ORM, which starts no new generation.
KEPT_SECONDS = 10 * 60


def programme_list_open() -> QuerySet[Programme]:
    """Published programmes, newest first, for anyone to read."""
    return Programme.objects.filter(is_published=True).select_related("funder")


def programme_list_to_apply_to(*, today: Any = None) -> QuerySet[Programme]:
    """Published programmes as someone looking for money wants them (`open_ones_first`)."""
    return open_ones_first(programme_list_open(), today=today)


def open_ones_first(programmes: QuerySet[Programme], *, today: Any = None) -> QuerySet[Programme]:
    """Open programmes first, closing soonest first; then those opening later, soonest
    first; then closed ones, most recently closed first (their pages still say who they
    funded). Applicants and the staff who run the programmes both start from what is open."""
    day = today or timezone.localdate()
    opened = Q(opens_on__isnull=True) | Q(opens_on__lte=day)
    not_closed = Q(closes_on__isnull=True) | Q(closes_on__gte=day)
    group = Case(
        When(opened & not_closed, then=Value(0)),
        When(not_closed, then=Value(1)),
        default=Value(2),
    )
    return programmes.annotate(
        when_group=group,
        open_until=Case(When(opened & not_closed, then=F("closes_on"))),
        opens_from=Case(When(~opened & not_closed, then=F("opens_on"))),
        closed_on=Case(When(~not_closed, then=F("closes_on"))),
    ).order_by(
        "when_group",
        F("open_until").asc(nulls_last=True),
        F("opens_from").asc(nulls_last=True),
        F("closed_on").desc(nulls_last=True),
        "title",
        "pk",
    )


def programme_list_count_key() -> str:
    """Where the number of published programmes is kept: under the generation of the
    grants pages, so it is counted again after any change to a programme."""
    return f"published-programmes:{area_generation('grants')}"


def get_programme_public(*, slug: str) -> Programme:
    """A published programme."""
    return _get_or_404(programme_list_open(), slug=slug)


def get_programme_page_public(*, slug: str, reader: Any) -> Programme:
    """A published programme with what its public page shows besides:
    `first_question` (the position of its first eligibility question, None if it asks
    none), `offers_planning_sessions`, and `board_slug`, the address of its board if
    `reader` may open it, else None. All but the board is kept (`_kept`)."""

    def read() -> Programme:
        return _one_or_404(_programme_page, slug, name="programme page")

    programme = _kept(f"programme-page:{slug}", read)
    if getattr(reader, "is_authenticated", False):
        # A private board is open to the groups it funded and its own staff.
        boards = Board.objects.filter(boards_readable_by(reader), programme=programme)
        programme.board_slug = boards.order_by("name").values_list("slug", flat=True).first()  # type: ignore[attr-defined]
    else:
        programme.board_slug = programme.public_board_slug  # type: ignore[attr-defined]
    return programme


def _programme_page(slug: str) -> QuerySet[Programme]:
    public_boards = Board.objects.filter(is_public=True, programme=OuterRef("pk"))
    questions = EligibilityQuestion.objects.filter(programme=OuterRef("pk"))
    return (
        programme_list_open()
        .annotate(
            public_board_slug=Subquery(public_boards.order_by("name").values("slug")[:1]),
            first_question=Subquery(questions.order_by("position", "pk").values("position")[:1]),
            offers_planning_sessions=Exists(
                PlanningSession.objects.filter(programme=OuterRef("pk"))
            ),
        )
        .filter(slug=slug)
    )


def get_programme_kept_public(*, slug: str) -> Programme:
    """A published programme, for public pages that only read it (`_programme_kept`)."""
    programme = _programme_kept(slug)
    if not programme.is_published:
        raise Http404
    return programme


def get_programme_to_read_for_staff(*, user: Any, slug: str) -> Programme:
    """`get_programme_for_staff` for pages that only read the programme (its list of
    applications): kept (`_programme_kept`), and the staff checked against the roles the
    person's sign-in has already read, so it asks no query of its own."""
    programme = _programme_kept(slug)
    if programme.funder_id not in organisations_where(user, Role.FUNDER_STAFF):
        raise Http404
    return programme


def _programme_kept(slug: str) -> Programme:
    """A programme and its funder, published or not: one copy kept for both readers."""

    def read() -> Programme:
        return _one_or_404(_programme_with_funder, slug, name="programme")

    return _kept(f"programme:{slug}", read)


def _programme_with_funder(slug: str) -> QuerySet[Programme]:
    return Programme.objects.select_related("funder").filter(slug=slug)


def categories_kept(*, programme: Programme) -> list[ProgrammeCategory]:
    """A programme's categories in order, for reading (`_kept`)."""

    def read() -> list[ProgrammeCategory]:
        return read_written_once(
            _categories_of,
            [programme.pk],
            name="programme categories",
            model=ProgrammeCategory,
            prepare=True,
        )

    return _kept(f"programme-categories:{programme.pk}", read)


def _categories_of(programme_pk: int) -> QuerySet[ProgrammeCategory]:
    return ProgrammeCategory.objects.filter(programme_id=programme_pk)


def _one_or_404(rows: Callable[[str], QuerySet[Programme]], slug: str, *, name: str) -> Programme:
    """The programme `rows(slug)` reads, its SQL written once (`core/written.py`): what
    is kept for everyone is read afresh after every change to any programme, by the first
    person who asks."""
    found = read_written_once(rows, [slug], name=name, model=Programme, prepare=True)
    if not found:
        raise Http404
    return found[0]


def _kept(name: str, read: Callable[[], T]) -> T:
    """What `read()` returns, read once for every reader and kept under the grants area's
    generation, which any change to programmes and what their pages show starts again
    (`GrantsConfig.ready`). Only for reading: a page that changes a programme reads it
    afresh. An unknown programme raises Http404 and is never kept, so made-up
    addresses cannot fill the cache."""
    key = f"grants-kept:{name}:{_programme_shape()}:{area_generation('grants')}"
    return remembered(key, read, seconds=KEPT_SECONDS, store=caches["fragments"])


@cache
def _programme_shape() -> str:
    """The columns of what is kept, in its key: a deploy that adds one is never answered
    with programmes kept before it, which would lack it."""
    columns = [
        field.attname
        for model in (Programme, ProgrammeCategory, Organisation)
        for field in model._meta.concrete_fields
    ]
    return hashlib.sha256(",".join(columns).encode()).hexdigest()[:12]


def _get_or_404(programmes: QuerySet[Programme], *, slug: str) -> Programme:
    try:
        return programmes.get(slug=slug)
    except Programme.DoesNotExist as error:
        raise Http404 from error


def programme_list_for_staff(*, user: Any) -> QuerySet[Programme]:
    """The programmes run by funders this person works for."""
    if not user.is_authenticated:
        return Programme.objects.none()
    return Programme.objects.filter(
        funder_role(user, Role.FUNDER_STAFF, "funder_id")
    ).select_related("funder")


def get_programme_for_staff(*, user: Any, slug: str) -> Programme:
    try:
        return programme_list_for_staff(user=user).get(slug=slug)
    except Programme.DoesNotExist as error:
        raise Http404 from error


def programme_list_for_phone_applications(*, user: Any) -> QuerySet[Programme]:
    """Programmes this person may apply to for a group after a call: their funder's staff
    and associates (who make most of these calls)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    staff = funder_role(user, Role.FUNDER_STAFF, "funder_id")
    associate = funder_role(user, Role.ASSOCIATE, "funder_id")
    return Programme.objects.filter(staff | associate).select_related("funder")


def get_programme_for_phone_application(*, user: Any, slug: str) -> Programme:
    try:
        return programme_list_for_phone_applications(user=user).get(slug=slug)
    except Programme.DoesNotExist as error:
        raise Http404 from error


def application_list_for_applicant(*, user: Any) -> QuerySet[Application]:
    """Applications a person started, or that belong to a group they are part of."""
    if not user.is_authenticated:
        return Application.objects.none()
    groups = Membership.objects.filter(user=user, role__in=GROUP_ROLES).values("organisation_id")
    # Two lists, each found by its own index, then joined: with the two conditions ORed
    # in one filter, PostgreSQL read every application in the country to find a
    # person's few (89 ms at 110,000 applications, against 1 ms).
    # Unsorted: SQLite refuses an ORDER BY inside either half of a UNION.
    theirs = (
        Application.objects.filter(submitted_by=user)
        .order_by()
        .values("pk")
        .union(Application.objects.filter(group_id__in=groups).order_by().values("pk"))
    )
    return (
        Application.objects.filter(pk__in=theirs)
        .select_related("programme", "group")
        .order_by("-created_at", "-pk")
    )


def get_application_for_applicant(*, user: Any, pk: int) -> Application:
    try:
        return application_list_for_applicant(user=user).get(pk=pk)
    except Application.DoesNotExist as error:
        raise Http404 from error


def application_list_for_reviewer(*, user: Any) -> QuerySet[Application]:
    """The sent applications this person may read (the rule is `rules.application_readers`)."""
    return Application.objects.filter(application_readers(user)).select_related(
        "programme", "programme__funder", "group", "associate"
    )


def get_application_for_reviewer(*, user: Any, pk: int) -> Application:
    try:
        return application_list_for_reviewer(user=user).get(pk=pk)
    except Application.DoesNotExist as error:
        raise Http404 from error


def get_application_for_staff(*, user: Any, pk: int) -> Application:
    """Only the funder's own staff may sift, assign, decide and pay."""
    staff = funder_role(user, Role.FUNDER_STAFF, "programme__funder_id")
    try:
        return application_list_for_reviewer(user=user).filter(staff).get(pk=pk)
    except Application.DoesNotExist as error:
        raise Http404 from error


@dataclass(frozen=True)
class ApplicationFilters:
    status: str = ""
    category: int | None = None
    local_authority: str = ""
    search: str = ""


# What a row of the staff list shows: the group, council area, status, associate, amount
# asked for and when it was sent (and the id, for the link to the application).
APPLICATION_LIST_FIELDS = (
    "id",
    "programme_id",
    "status",
    "local_authority",
    "amount_requested_pence",
    "submitted_at",
    "group__name",
    "associate__name",
    "associate__email",
)


def application_page_for_programme(
    *, programme: Programme, filters: ApplicationFilters, number: Any, size: int
) -> Page:
    """A page of the staff list: sent applications in one programme, filtered and
    searched, in one query, and the total (kept, `application_count_key`).

    The page is written once for each set of filters used (`core/pagination`): writing
    it, with its joins and the test for a spend line in a category, took longer than
    running it. A search by group name is written each time, as its words go into the
    statement inside a pattern."""
    count_key = application_count_key(programme=programme, filters=filters)
    if filters.search:
        return page_of(
            items=application_list_for_programme(programme=programme.pk, filters=filters),
            number=number,
            size=size,
            count_key=count_key,
            rows=_applications_shown(programme.pk),
        )
    used = {name: value for name, value in asdict(filters).items() if value}

    def filtered(programme_pk: int, *given: Any) -> QuerySet[Application]:
        asked = ApplicationFilters(**dict(zip(used, given, strict=True)))
        return application_list_for_programme(programme=programme_pk, filters=asked)

    def shown(ids: QuerySet[Application], programme_pk: int, *_given: Any) -> QuerySet[Application]:
        # Every row of the page is already filtered: filtering it again would make the
        # database plan each filter twice.
        return _applications_shown(programme_pk).filter(pk__in=ids)

    return page_written_once(
        filtered,
        [programme.pk, *used.values()],
        shown=shown,
        name=f"staff applications by {', '.join(used) or 'nothing'}",
        number=number,
        size=size,
        count_key=count_key,
    )


def _applications_shown(programme_pk: int) -> QuerySet[Application]:
    return application_list_for_programme(programme=programme_pk, filters=ApplicationFilters())


def application_list_for_programme(
    *, programme: int, filters: ApplicationFilters
) -> QuerySet[Application]:
    """Sent applications in one programme (its id), filtered and searched."""
    applications = (
        Application.objects.filter(programme_id=programme)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("group", "associate")
        # Only what the list shows: nothing encrypted is read, so nothing is decrypted.
        .only(*APPLICATION_LIST_FIELDS)
    )
    if filters.status:
        applications = applications.filter(status=filters.status)
    if filters.category:
        # Exists, not a join, so an application with two lines in a category appears once.
        applications = applications.filter(
            Exists(
                SpendLine.objects.filter(
                    application_id=OuterRef("pk"), category_id=filters.category
                )
            )
        )
    if filters.local_authority:
        # Upper case on both sides, as `iexact` is on PostgreSQL (and the index
        # `application_area_staff_order` is): on SQLite `iexact` is LIKE, whose pattern
        # would not be the place as it was typed.
        applications = applications.alias(area=Upper("local_authority")).filter(
            area=Upper(Value(filters.local_authority))
        )
    if filters.search:
        text = filters.search
        # Group names only: what a group wants to do and who it helps are encrypted
        # at rest, and the database cannot search ciphertext.
        applications = applications.filter(group__name__icontains=text)
    return applications.order_by("-submitted_at", "-id")


def application_count_key(*, programme: Programme, filters: ApplicationFilters) -> str:
    """Where the staff list keeps its total for these filters, so paging through a list
    of 10,000 counts it once. The key changes whenever an application, a spend line or a
    group's name changes anywhere (the "applications" generation, `apps.py`), and again
    when that change commits, so a total counted from rows as they were is never given
    out after it."""
    asked = repr([programme.pk, asdict(filters)])
    digest = hashlib.sha256(asked.encode()).hexdigest()
    return f"staff-list-count:{area_generation('applications')}:{digest}"


def with_status_labels(applications: Iterable[Application]) -> list[Application]:
    """The applications, each with its status in the reader's language as `status_label`:
    each label is translated once for the page, not once for every row."""
    labels = {value: str(label) for value, label in ApplicationStatus.choices}
    rows = list(applications)
    for application in rows:
        application.status_label = labels.get(application.status, application.status)  # type: ignore[attr-defined]
    return rows


def programme_awarded_pence(*, programme: Programme) -> int:
    total = Award.objects.filter(programme=programme).aggregate(total=Sum("amount_pence"))
    return int(total["total"] or 0)


# Only what is published; the applicant's own words and encrypted details are never read.
PUBLISHED_AWARD_FIELDS = (
    "id",
    "amount_pence",
    "paid_pence",
    "awarded_on",
    "updated_at",
    "application_id",
    "application__amount_requested_pence",
    "application__local_authority",
    "application__group_id",
    "application__group__name",
    "application__group__slug",
    "application__group__charity_number",
    "application__group__company_number",
    "programme__title",
    "programme__slug",
    "programme__identifier_prefix",
    "programme__funder_id",
    "programme__funder__name",
    "programme__funder__slug",
    "programme__funder__charity_number",
    "programme__funder__company_number",
)


def award_rows_published(*, programme_slug: str = "") -> QuerySet[Award, Any]:
    """Awards of published programmes, for open data, as plain rows (no model instances,
    so a large export spends its time writing, not building objects)."""
    awards = Award.objects.filter(programme__is_published=True)
    if programme_slug:
        awards = awards.filter(programme__slug=programme_slug)
    return awards.order_by("id").values(*PUBLISHED_AWARD_FIELDS)


def published_programme_exists(*, slug: str) -> bool:
    return Programme.objects.filter(is_published=True, slug=slug).exists()


def published_category_count_most(*, programme_slug: str = "") -> int:
    """The most kinds of spending any published programme offers: an award can have each
    once, so the spreadsheet needs that many sets of classification columns."""
    programmes = Programme.objects.filter(is_published=True)
    if programme_slug:
        programmes = programmes.filter(slug=programme_slug)
    counts = programmes.annotate(kinds=Count("categories")).values_list("kinds", flat=True)
    return max(counts, default=0)


def award_categories(*, award_ids: list[int]) -> dict[int, list[str]]:
    """The category names each award's application spends on, for a chunk of awards."""
    names: dict[int, list[str]] = {}
    lines = SpendLine.objects.filter(application__award__in=award_ids).values_list(
        "application__award", "category__name"
    )
    for award_id, name in lines.order_by("application__award", "category__position"):
        if name not in names.setdefault(award_id, []):
            names[award_id].append(name)
    return names


def chunked(queryset: QuerySet[Any], size: int) -> Iterator[list[Any]]:
    """Read a queryset in chunks with a server-side cursor, so memory stays flat."""
    chunk: list[Any] = []
    for row in queryset.iterator(chunk_size=size):
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def panel_list_for_user(*, user: Any) -> QuerySet[Panel]:
    """Panels a person sits on, and every panel of the programmes they run."""
    if not user.is_authenticated:
        return Panel.objects.none()
    staff = funder_role(user, Role.FUNDER_STAFF, "programme__funder_id")
    sits_on = Exists(Panel.members.through.objects.filter(panel_id=OuterRef("pk"), user=user))
    return Panel.objects.filter(staff | sits_on).select_related("programme")


def coming_ones_first(panels: QuerySet[Panel], *, today: Any = None) -> QuerySet[Panel]:
    """Panels still to meet, soonest first, then those that have met, most recent first."""
    day = today or timezone.localdate()
    to_come = Q(meets_on__gte=day)
    return panels.annotate(
        has_met=Case(When(to_come, then=Value(0)), default=Value(1)),
        meets=Case(When(to_come, then=F("meets_on"))),
        met=Case(When(~to_come, then=F("meets_on"))),
    ).order_by("has_met", F("meets").asc(nulls_last=True), F("met").desc(nulls_last=True), "pk")


def application_list_to_follow_up(*, user: Any) -> QuerySet[Application]:
    """The applications assigned to this associate: those still waiting for a decision
    first, longest waiting first; then decided ones, most recently sent first."""
    decided = Q(status__in=DECIDED_STATUSES)
    return (
        application_list_for_reviewer(user=user)
        .filter(associate_id=user.pk)
        .annotate(
            is_decided=Case(When(decided, then=Value(1)), default=Value(0)),
            waiting_since=Case(When(~decided, then=F("submitted_at"))),
            sent_at=Case(When(decided, then=F("submitted_at"))),
        )
        .order_by(
            "is_decided",
            F("waiting_since").asc(nulls_last=True),
            F("sent_at").desc(nulls_last=True),
            "pk",
        )
    )


def get_panel_for_user(*, user: Any, pk: int) -> Panel:
    try:
        return panel_list_for_user(user=user).get(pk=pk)
    except Panel.DoesNotExist as error:
        raise Http404 from error


@dataclass
class PackItem:
    application: Application
    declaration: ConflictDeclaration | None
    votes: list[PanelVote]
    # False once a member declares a conflict: the pack then names the group and no more.
    readable: bool = True

    @property
    def conflicted(self) -> bool:
        return self.declaration is not None and self.declaration.has_conflict


def panel_pack(*, panel: Panel, user: Any, only: int | None = None) -> list[PackItem]:
    """The shortlist with recommendations. A member sees others' votes only after declaring
    no conflict on that application; staff who are not members see them all. Given `only`,
    that one application of the shortlist, read without the rest."""
    # Given `only`, the application, its declaration and its votes; otherwise all.
    scope = {} if only is None else {"application_id": only}
    shortlist = Application.objects.filter(
        programme=panel.programme, status=ApplicationStatus.SHORTLISTED
    )
    if only is not None:
        shortlist = shortlist.filter(pk=only)
    applications = list(
        shortlist.annotate(readable=ExpressionWrapper(application_readers(user), BooleanField()))
        .select_related("group", "recommendation")
        .order_by("group__name")
    )
    declarations = {
        d.application_id: d
        for d in ConflictDeclaration.objects.filter(panel=panel, member=user, **scope)
    }
    votes: dict[int, list[PanelVote]] = {}
    shown = PanelVote.objects.filter(panel=panel, **scope).select_related("member")
    for vote in shown.defer(*private_fields_of("member")):
        votes.setdefault(vote.application_id, []).append(vote)
    is_member = panel.members.filter(pk=user.pk).exists()
    items = []
    for application in applications:
        declaration = declarations.get(application.pk)
        may_see_votes = not is_member or (declaration is not None and not declaration.has_conflict)
        seen = votes.get(application.pk, []) if may_see_votes else []
        items.append(PackItem(application, declaration, seen, application.readable))
    return items


def awards_funded_public(programme_pk: int) -> QuerySet[Award]:
    """Who a programme funded, for the public page, newest first (`award_funded_order`)."""
    return Award.objects.filter(programme_id=programme_pk).order_by("-awarded_on", "-id")


def award_page_public(ids: QuerySet[Award, Any], programme_pk: int) -> QuerySet[Award, Any]:
    """What the public page shows of a page of awards: groups, amounts and places only.

    Plain rows, not models: the page lists fifty, and making three models for each
    (award, application, group) took longer than reading them."""
    return (
        awards_funded_public(programme_pk)
        .filter(pk__in=ids)
        .values(
            "amount_pence",
            "awarded_on",
            group_name=F("application__group__name"),
            local_authority=F("application__local_authority"),
        )
    )


# Fewer decided applications than this and a success rate could point at one group.
SMALLEST_PUBLISHED_TOTAL = 5


@dataclass(frozen=True)
class SuccessRate:
    decided: int
    funded: int

    @property
    def percent(self) -> int:
        return round(100 * self.funded / self.decided) if self.decided else 0

    @property
    def publishable(self) -> bool:
        return self.decided >= SMALLEST_PUBLISHED_TOTAL


def published_count_key(what: str, *, programme: Programme) -> str:
    """Where a total published on a programme's public pages is kept: under the
    generation of those pages (`apps.py`), so it is counted once for every page and
    language of them, and again after any change to what they show."""
    return f"published-{what}:{area_generation('grants')}:{programme.pk}"


def programme_success_rate(*, programme: Programme) -> SuccessRate:
    """How many decided applications were funded: one query, then kept (see above)."""
    funded = (ApplicationStatus.AWARDED, ApplicationStatus.PAID)

    def count() -> tuple[int, int]:
        totals = Application.objects.filter(programme=programme).aggregate(
            decided=Count("pk", filter=Q(status__in=DECIDED_STATUSES)),
            funded=Count("pk", filter=Q(status__in=funded)),
        )
        return totals["decided"], totals["funded"]

    key = published_count_key("success-rate", programme=programme)
    decided, funded_count = remembered(key, count, seconds=COUNT_SECONDS)
    return SuccessRate(decided=decided, funded=funded_count)


def planning_session_list(*, programme: Programme, user: Any) -> QuerySet[PlanningSession]:
    """Sessions still to come, with places taken and whether this person has one."""
    booked = SessionBooking.objects.filter(
        session_id=OuterRef("pk"), person_id=getattr(user, "pk", None)
    )
    return (
        PlanningSession.objects.filter(programme=programme, starts_at__gt=timezone.now())
        .annotate(taken=Count("bookings"), booked=Exists(booked))
        .order_by("starts_at")
    )


def application_report(*, application: Application) -> GrantReport | None:
    """The group's report on its award, with what it spent on each kind of thing."""
    return (
        GrantReport.objects.filter(award__application=application)
        .select_related("recorded_by")
        .prefetch_related(
            Prefetch("spending", ReportSpend.objects.select_related("category").order_by("pk"))
        )
        .first()
    )


def application_payments(*, application: Application) -> QuerySet[Payment]:
    """The payments of an application's award, oldest first, with who was paid."""
    return (
        Payment.objects.filter(award__application=application)
        .select_related("paid_to")
        .order_by("created_at", "pk")
    )
