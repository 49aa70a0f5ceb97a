"""Outcomes' part in a person's rights: everything held about their goals, reviews,
check-ins and sharing, for their copy (erasure is services/privacy.py)."""

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.core.formatting import format_day, format_moment
from flourish.outcomes.instruments import item_text
from flourish.outcomes.models import (
    CheckIn,
    Goal,
    GoalHelper,
    GoalLink,
    GoalVersion,
    GroupShare,
    Review,
    SeriesShare,
    TotalsConsent,
)

Row = dict[str, str]

# Titles of the sections this app adds to a person's copy of their data.
SECTION_TITLES = {
    "outcomes_goals": gettext_lazy("Your goals, each version of their words"),
    "outcomes_reviews": gettext_lazy("Your goal reviews"),
    "outcomes_checkins": gettext_lazy("Your wellbeing check-ins"),
    "outcomes_shares": gettext_lazy("Who you shared your goals and check-ins with"),
    "outcomes_totals": gettext_lazy("Totals you chose to be counted in"),
}


_when, _day = format_moment, format_day


def _scores_in_words(checkin: Any) -> str:
    """Each score named by its question ("How satisfied are you with your life nowadays?:
    7"), as the check-in page asks it, not by the key it is stored under; a score of the
    whole measure by the measure's name."""
    definition, measure = checkin.instrument.definition, checkin.instrument.name
    scores = []
    for score in checkin.scores.all():
        words = item_text(definition, score.key)
        scores.append(f"{measure if words == score.key else words}: {score.value:g}")
    return "; ".join(scores)


def _goal_rows(goals: list[Goal]) -> list[Row]:
    return [
        {
            _("Goal"): str(goal.pk),
            _("Version"): str(version.number),
            _("Your goal, in your own words"): version.wording,
            _("Much better than I expect"): version.much_better,
            _("A bit better than I expect"): version.better,
            _("About where I expect"): version.expected,
            _("A bit worse than I expect"): version.worse,
            _("Much worse than I expect"): version.much_worse,
            _("Weight"): str(version.weight),
            _("Written by"): str(version.written_by),
            _("Written on"): _when(version.written_at),
            _("Status"): goal.get_status_display(),
            _("Counted in anonymous totals"): _("Yes") if goal.in_totals else _("No"),
            _("Review reminder"): _day(goal.remind_on),
        }
        for goal in goals
        for version in goal.versions.all()
    ]


def _review_rows(goals: list[Goal]) -> list[Row]:
    return [
        {
            _("Goal"): str(goal.pk),
            _("Version"): str(version.number),
            _("Date"): _day(review.reviewed_on),
            _("Where you were"): review.get_level_display(),
            _("Note"): review.note,
            _("Recorded by"): str(review.recorded_by),
        }
        for goal in goals
        for version in goal.versions.all()
        for review in version.reviews.all()
    ]


def _share_rows(person: Any) -> list[Row]:
    helpers = GoalHelper.objects.filter(goal__owner=person).select_related("helper")
    series = SeriesShare.objects.filter(person=person).select_related("viewer", "instrument")
    links = GoalLink.objects.filter(goal__owner=person)
    groups = GroupShare.objects.filter(person=person).select_related("group", "instrument")
    return [
        *(
            {
                _("What"): _("Goal %(goal)s") % {"goal": share.goal_id}
                if share.goal_id
                else _("Check-ins: %(measure)s")
                % {"measure": share.instrument.name if share.instrument else ""},
                _("Shared with"): str(share.who()),
                _("Since"): _when(share.created_at),
                _("Withdrawn on"): _when(share.withdrawn_at),
            }
            for share in groups
        ),
        *(
            {
                _("What"): _("Goal %(goal)s") % {"goal": helper.goal_id},
                _("Shared with"): str(helper.helper),
                _("Since"): _when(helper.created_at),
                _("Withdrawn on"): _when(helper.withdrawn_at),
            }
            for helper in helpers
        ),
        *(
            {
                _("What"): _("Check-ins: %(measure)s") % {"measure": share.instrument.name},
                _("Shared with"): str(share.viewer),
                _("Since"): _when(share.created_at),
                _("Withdrawn on"): _when(share.withdrawn_at),
            }
            for share in series
        ),
        *(
            {
                _("What"): _("Goal %(goal)s") % {"goal": link.goal_id},
                _("Shared with"): f"{link.get_kind_display()} {link.object_id}",
                _("Since"): _when(link.created_at),
                _("Withdrawn on"): _when(link.withdrawn_at),
            }
            for link in links
        ),
    ]


def held_about(*, person: Any) -> dict[str, list[Row]]:
    """What outcomes holds about a person, as they read it in their copy, in a fixed number
    of queries however much there is."""
    versions = GoalVersion.objects.select_related("written_by").prefetch_related(
        Prefetch("reviews", queryset=Review.objects.select_related("recorded_by"))
    )
    goals = list(
        Goal.objects.filter(owner=person)
        .prefetch_related(Prefetch("versions", queryset=versions))
        .order_by("created_at", "pk")
    )
    checkins = (
        CheckIn.objects.filter(person=person)
        .select_related("instrument")
        .prefetch_related("scores")
        .order_by("taken_at", "pk")
    )
    consents = TotalsConsent.objects.filter(person=person).select_related("programme", "group")
    return {
        "outcomes_goals": _goal_rows(goals),
        "outcomes_reviews": _review_rows(goals),
        "outcomes_checkins": [
            {
                _("When"): _when(checkin.taken_at),
                _("Measure"): checkin.instrument.name,
                _("Scores"): _scores_in_words(checkin),
            }
            for checkin in checkins
        ],
        "outcomes_shares": _share_rows(person),
        "outcomes_totals": [
            {
                _("Counted in"): str(consent.programme or consent.group),
                _("Since"): _when(consent.created_at),
                _("Withdrawn on"): _when(consent.withdrawn_at),
            }
            for consent in consents
        ],
    }
