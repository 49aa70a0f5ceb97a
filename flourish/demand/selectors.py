"""Every read demand's pages need: finding a service or board for a person (404 for anyone
who may not see it), and a service's chart, kinds, causes and words in a fixed number of
queries, whatever the number of contacts."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache, partial
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek
from django.http import Http404
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from flourish.accounts.models import Membership, Organisation, Role
from flourish.accounts.selectors import private_fields_of, roles_in
from flourish.budgets.models import Pool
from flourish.core.written import read_written_once
from flourish.demand import xmr
from flourish.demand.models import (
    Board,
    ChangeNote,
    Contact,
    DemandType,
    FailureKind,
    Period,
    Proposal,
    ProposalStatus,
    Service,
    Vote,
)
from flourish.demand.rules import (
    FUNDER_OWNERS,
    LEADING_ROLES,
    board_standing,
    boards_taken_part_in,
)
from flourish.grants.models import Programme
from flourish.timebank.models import Timebank

WEEKS_SHOWN = 52
MONTHS_SHOWN = 24


@dataclass(frozen=True)
class ServiceView:
    """A service as one person sees it: the team sees everything, anyone else the public chart."""

    service: Service
    is_team: bool
    leads: bool


def _service(slug: str) -> Service:
    found = read_written_once(_service_named, [slug], name="service", model=Service)
    if not found:
        raise Http404
    return found[0]


def _service_named(slug: str) -> QuerySet[Service]:
    return Service.objects.select_related("organisation", "programme").filter(slug=slug)[:1]


def get_service_for_user(*, user: Any, slug: str, team: bool = False) -> ServiceView:
    """The service, for its team; for anyone, if its chart is public. 404 for anyone else."""
    service = _service(slug)
    # From the memberships already read for this request: the services that change
    # anything check them afresh (`rules.organisation_roles`).
    roles = roles_in(user, service.organisation_id)
    if not roles and (team or not service.chart_is_public):
        raise Http404
    return ServiceView(service=service, is_team=bool(roles), leads=bool(roles & LEADING_ROLES))


def get_service_for_lead(*, user: Any, slug: str) -> ServiceView:
    view = get_service_for_user(user=user, slug=slug, team=True)
    if not view.leads:
        raise Http404
    return view


def organisations_led_by(*, user: Any) -> QuerySet[Organisation]:
    """The organisations in which a person may start a service or a board."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role__in=LEADING_ROLES
    ).distinct()


def service_list_for_user(*, user: Any) -> QuerySet[Service]:
    """The services of every organisation the person belongs to, by name (each once,
    however many roles they hold there)."""
    theirs = Membership.objects.filter(user=user).values("organisation_id")
    return (
        Service.objects.filter(organisation_id__in=theirs)
        .select_related("organisation")
        .order_by("name", "pk")
    )


BOARD_HOMES = ("organisation", "programme", "timebank", "pool")


def board_list_for_user(*, user: Any) -> QuerySet[Board]:
    """The boards a person takes part in, whatever their home, by name (one query)."""
    return (
        Board.objects.filter(boards_taken_part_in(user))
        .select_related(*BOARD_HOMES)
        .order_by("name", "pk")
    )


def boards_readable_by(user: Any) -> Q:
    """A filter on boards for those a person may open: public ones and those they take part
    in (the same rule as `get_board_for_user`)."""
    return Q(is_public=True) | boards_taken_part_in(user)


def public_board_list() -> QuerySet[Board]:
    return Board.objects.filter(is_public=True).select_related(*BOARD_HOMES).order_by("name", "pk")


@dataclass(frozen=True)
class BoardHome:
    """Somewhere a person may open a board: `key` is what the form posts back."""

    key: str
    label: str
    home: dict[str, Any]


def board_homes_for(*, user: Any) -> list[BoardHome]:
    """Where a person may open a board: each home whose board they would own (four queries)."""
    if not getattr(user, "is_authenticated", False):
        return []
    roles = Membership.objects.filter(user=user)
    homes = [
        BoardHome(f"organisation-{org.pk}", org.name, {"organisation": org})
        for org in organisations_led_by(user=user)
    ]
    programmes = Programme.objects.filter(
        funder__in=roles.filter(role__in=FUNDER_OWNERS).values("organisation_id")
    )
    homes += [
        BoardHome(
            f"programme-{programme.pk}",
            _("The groups funded by %(programme)s") % {"programme": programme.title},
            {"programme": programme},
        )
        for programme in programmes.select_related("funder")
    ]
    timebanks = Timebank.objects.filter(
        organisation__in=roles.filter(role=Role.TIMEBANK_COORDINATOR).values("organisation_id")
    )
    homes += [
        BoardHome(
            f"timebank-{timebank.pk}",
            _("The members of %(timebank)s") % {"timebank": timebank.name},
            {"timebank": timebank},
        )
        for timebank in timebanks.select_related("organisation")
    ]
    pools = Pool.objects.filter(
        members__budget__person=user, members__left_at__isnull=True
    ).distinct()
    homes += [
        BoardHome(
            f"pool-{pool.pk}",
            _("The people in the pool %(pool)s") % {"pool": pool.name},
            {"pool": pool},
        )
        for pool in pools
    ]
    return homes


def public_service_list() -> QuerySet[Service]:
    return (
        Service.objects.filter(chart_is_public=True)
        .select_related("organisation")
        .order_by("name", "pk")
    )


def known_causes(*, service: Service) -> list[str]:
    """Causes the team has named before, to offer as they type (most used first)."""
    rows = read_written_once(_causes_named, [service.pk], name="causes named", model=Contact)
    return [row["cause"] for row in rows]


def _causes_named(service: int) -> QuerySet[Any, Any]:
    return (
        Contact.objects.filter(service=service)
        .exclude(cause="")
        .values("cause")
        .annotate(uses=Count("id"))
        .order_by("-uses", "cause")[:30]
    )


# The chart ------------------------------------------------------------------------------


@dataclass
class Row:
    """One period of the chart, with its figures and what the limits say about it."""

    start: datetime.date
    label: str
    contacts: int
    failure: int
    point: xmr.Point
    notes: list[ChangeNote] = field(default_factory=list)

    @property
    def share(self) -> Decimal | None:
        return self.point.value


@dataclass
class Tally:
    label: str
    count: int
    share: int  # whole per cent of the failure demand


@dataclass
class ServiceReport:
    period: str
    rows: list[Row]
    chart: xmr.Chart
    notes: list[ChangeNote]
    total: int
    failure: int
    resolved_first_time: int
    kinds: list[Tally]
    causes: list[Tally]
    words: list[Contact]

    @property
    def failure_share(self) -> int | None:
        return round(100 * self.failure / self.total) if self.total else None

    @property
    def first_contact_share(self) -> int | None:
        return round(100 * self.resolved_first_time / self.total) if self.total else None

    @property
    def last_limits(self) -> xmr.Limits | None:
        plotted = self.chart.plotted
        return plotted[-1].limits if plotted else None


def period_starts(*, period: str, today: datetime.date) -> list[datetime.date]:
    """The first day of each period the chart shows, oldest first, ending with today's."""
    if period == Period.MONTH:
        starts = []
        year, month = today.year, today.month
        for _step in range(MONTHS_SHOWN):
            starts.append(datetime.date(year, month, 1))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return starts[::-1]
    monday = today - datetime.timedelta(days=today.weekday())
    return [monday - datetime.timedelta(weeks=weeks) for weeks in range(WEEKS_SHOWN - 1, -1, -1)]


def _label(start: datetime.date, period: str) -> str:
    return _worded_label(start, period, get_language())


@lru_cache(maxsize=1024)
def _worded_label(start: datetime.date, period: str, language: str | None) -> str:
    """A period's label in the reader's language (`language` keys the memo: the words are
    read in the active one). A chart of a year's weeks worded 52 dates afresh for every
    reader, a fifth of its page."""
    if period == Period.MONTH:
        return date_format(start, "M Y")
    return _("w/c %(date)s") % {"date": date_format(start, "j M Y")}


def _as_date(value: Any) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def _tallies(rows: list[dict[str, Any]], key: str, failure: int, labels: dict[str, str]) -> list:
    return [
        Tally(
            label=labels.get(row[key], row[key]),
            count=row["count"],
            share=round(100 * row["count"] / failure) if failure else 0,
        )
        for row in rows
    ]


FAILURE_ONLY = Q(demand=DemandType.FAILURE)


def service_report(
    *, service: Service, today: datetime.date, period: str = "", words_shown: int = 10
) -> ServiceReport:
    """The service's page: the failure share by period as an XmR chart with change notes,
    top kinds and causes, first-contact resolution, and recent words. Five queries."""
    period = period if period in Period.values else service.period
    starts = period_starts(period=period, today=today)
    # Each read is written once for every service and day (`core/written.py`).
    asked = [service.pk, starts[0]]
    by_period = {
        _as_date(row["start"]): row
        for row in read_written_once(
            partial(_periods, period), asked, name=f"service periods {period}", model=Contact
        )
    }
    notes = read_written_once(_notes, asked, name="service notes", model=ChangeNote)
    kinds = read_written_once(_kinds, asked, name="service kinds", model=Contact)
    causes = read_written_once(_causes, asked, name="service causes", model=Contact)
    words = []
    if words_shown:
        words = read_written_once(
            partial(_words, words_shown), asked, name=f"service words {words_shown}", model=Contact
        )
    return _report(period, starts, by_period, notes, kinds, causes, words)


def _window(service: int, since: datetime.date) -> QuerySet[Contact]:
    return Contact.objects.filter(service=service, received_on__gte=since)


def _periods(period: str, service: int, since: datetime.date) -> QuerySet[Any, Any]:
    truncate = TruncMonth if period == Period.MONTH else TruncWeek
    return (
        _window(service, since)
        .annotate(start=truncate("received_on"))
        .values("start")
        .annotate(
            contacts=Count("id"),
            failure=Count("id", filter=FAILURE_ONLY),
            resolved=Count("id", filter=Q(resolved_first_time=True)),
        )
        .order_by()
    )


def _notes(service: int, since: datetime.date) -> QuerySet[ChangeNote]:
    return ChangeNote.objects.filter(service=service, made_on__gte=since)


def _kinds(service: int, since: datetime.date) -> QuerySet[Any, Any]:
    return (
        _window(service, since)
        .filter(FAILURE_ONLY)
        .values("failure_kind")
        .annotate(count=Count("id"))
        .order_by("-count", "failure_kind")
    )


def _causes(service: int, since: datetime.date) -> QuerySet[Any, Any]:
    return (
        _window(service, since)
        .filter(FAILURE_ONLY)
        .exclude(cause="")
        .values("cause")
        .annotate(count=Count("id"))
        .order_by("-count", "cause")[:10]
    )


def _words(shown: int, service: int, since: datetime.date) -> QuerySet[Contact]:
    return _window(service, since).order_by("-received_on", "-id")[:shown]


def _report(
    period: str,
    starts: list[datetime.date],
    by_period: dict[datetime.date, dict[str, Any]],
    notes: list[ChangeNote],
    kinds: list[dict[str, Any]],
    causes: list[dict[str, Any]],
    words: list[Contact],
) -> ServiceReport:
    values: list[Decimal | None] = []
    for start in starts:
        row = by_period.get(start)
        share = None
        if row and row["contacts"]:
            share = (Decimal(100) * row["failure"] / row["contacts"]).quantize(Decimal("0.1"))
        values.append(share)
    stage_starts = []
    notes_at: dict[int, list[ChangeNote]] = {}
    for note in notes:
        index = max(i for i, start in enumerate(starts) if start <= note.made_on)
        notes_at.setdefault(index, []).append(note)
        # The period the change was made in is the first of the new stage.
        stage_starts.append(index)
    labels = [_label(start, period) for start in starts]
    chart = xmr.chart(labels, values, stage_starts=stage_starts)
    rows = [
        Row(
            start=start,
            label=labels[i],
            contacts=by_period.get(start, {}).get("contacts", 0),
            failure=by_period.get(start, {}).get("failure", 0),
            point=chart.points[i],
            notes=notes_at.get(i, []),
        )
        for i, start in enumerate(starts)
    ]
    total = sum(row.contacts for row in rows)
    failure = sum(row.failure for row in rows)
    resolved = sum(row.get("resolved", 0) for row in by_period.values())
    return ServiceReport(
        period=period,
        rows=rows,
        chart=chart,
        notes=notes,
        total=total,
        failure=failure,
        resolved_first_time=resolved,
        kinds=_tallies(kinds, "failure_kind", failure, {k: str(v) for k, v in FailureKind.choices}),
        causes=_tallies(causes, "cause", failure, {}),
        words=words,
    )


def contact_rows(*, service: Service) -> Iterator[list[Any]]:
    """Every contact as a spreadsheet row, streamed in constant memory. The headings and
    codes stay in English in every language: they are the columns the import reads."""
    yield ["date", "words", "channel", "demand", "kind", "cause", "sorted at first contact"]
    contacts = Contact.objects.filter(service=service).order_by("received_on", "id")
    for contact in contacts.iterator(chunk_size=2000):
        yield [
            contact.received_on.isoformat(),
            contact.words,
            contact.channel,
            contact.demand,
            contact.failure_kind,
            contact.cause,
            "yes" if contact.resolved_first_time else "no",
        ]


def chart_rows(*, report: ServiceReport) -> Iterator[list[Any]]:
    """The chart's figures as a spreadsheet: one row a period, with its limits."""
    yield [
        _("period starting"),
        _("contacts"),
        _("failure demand"),
        _("failure share (%)"),
        _("mean (%)"),
        _("lower limit (%)"),
        _("upper limit (%)"),
        _("signal"),
        _("changes made"),
    ]
    for row in report.rows:
        limits = row.point.limits
        yield [
            row.start.isoformat(),
            row.contacts,
            row.failure,
            "" if row.share is None else str(row.share),
            "" if limits is None else str(limits.mean),
            "" if limits is None else str(limits.lower),
            "" if limits is None else str(limits.upper),
            "yes" if row.point.is_signal else "",
            "; ".join(note.text for note in row.notes),
        ]


# Boards ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoardView:
    board: Board
    is_member: bool
    moderates: bool


def get_board_for_user(*, user: Any, slug: str, member: bool = False) -> BoardView:
    """The board, for those who take part; for anyone, if it is public. 404 for anyone else."""
    board = Board.objects.select_related(*BOARD_HOMES).filter(slug=slug).first()
    if board is None:
        raise Http404
    standing = board_standing(user, board)
    if not standing.takes_part and (member or not board.is_public):
        raise Http404
    return BoardView(board=board, is_member=standing.takes_part, moderates=standing.owns)


def proposals_on(*, view: BoardView, user: Any) -> QuerySet[Proposal]:
    """A board's proposals; a hidden one only to its author and the board's owners. No page
    shows who proposed an idea, so the author is not read with it."""
    proposals = Proposal.objects.filter(board=view.board)
    if not view.moderates:
        visible = Q(hidden_reason="")
        if getattr(user, "is_authenticated", False):
            visible |= Q(author=user)
        proposals = proposals.filter(visible)
    return proposals


def get_proposal_for_user(*, view: BoardView, user: Any, pk: int) -> Proposal:
    proposal = proposals_on(view=view, user=user).filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def comments_on(*, proposal: Proposal, view: BoardView, user: Any) -> QuerySet[Any]:
    """A proposal's comments, oldest first; a hidden one only to its author and the
    board's owners. A popular idea gathers hundreds: page through them."""
    comments = proposal.comments.select_related("author").defer(*private_fields_of("author"))
    if not view.moderates:
        visible = Q(hidden_reason="")
        if getattr(user, "is_authenticated", False):
            visible |= Q(author=user)
        comments = comments.filter(visible)
    return comments.order_by("created_at", "pk")


def votes_of(*, user: Any, proposals: list[Proposal]) -> set[int]:
    """Which of these proposals the person supports: their own votes, no one else's."""
    if not getattr(user, "is_authenticated", False) or not proposals:
        return set()
    return set(
        Vote.objects.filter(voter=user, proposal__in=proposals).values_list(
            "proposal_id", flat=True
        )
    )


def board_counts(*, board: Board) -> dict[str, int]:
    rows = (
        Proposal.objects.filter(board=board, hidden_reason="")
        .values("status")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(ProposalStatus.values, 0)
    counts.update({row["status"]: row["count"] for row in rows})
    return counts


def you_said_we_did(*, board: Board) -> QuerySet[Proposal]:
    """The finished proposals, newest first, each with the chart that shows whether it helped."""
    return (
        Proposal.objects.filter(board=board, status=ProposalStatus.DONE, hidden_reason="")
        .select_related("outcome_service")
        .order_by("-decided_on", "-id")
    )
