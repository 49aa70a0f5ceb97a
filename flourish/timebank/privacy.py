"""The timebank's part in a person's rights: what it holds about them (for their copy), and
what erasing them removes.

Erasure takes out everything in their own words (their profile, their offers and requests,
what they wrote as a mentor or mentee, a coordinator's notes on their checks) but keeps
their place, their balance and every ledger entry: time given and received is never
deleted, so every other member's statement and the timebank's totals stay whole."""

from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.core.formatting import format_day, format_minutes
from flourish.core.privacy import ERASED
from flourish.core.services import audit_record
from flourish.timebank import events
from flourish.timebank.models import (
    ApplicationStatus,
    Concern,
    Listing,
    MemberCheck,
    MemberStatus,
    MenteeRequest,
    MentorApplication,
    MentoringPair,
    MentoringSession,
    PairStatus,
    RequestStatus,
    TimebankMember,
)

Row = dict[str, str]

# Titles of the sections this app adds to a person's copy of their data.
SECTION_TITLES = {
    "timebank_places": gettext_lazy("Your timebanks"),
    "timebank_listings": gettext_lazy("Your timebank offers and requests"),
    "timebank_checks": gettext_lazy("Checks a timebank coordinator recorded for you"),
    "timebank_mentoring": gettext_lazy("Your peer mentoring"),
}


_day = format_day


def _balance(member: TimebankMember) -> str:
    return format_minutes(member.account.balance) if member.account is not None else ""


def _mentoring_rows(person: Any) -> list[Row]:
    applications = MentorApplication.objects.filter(member__user=person).select_related("scheme")
    requests = MenteeRequest.objects.filter(member__user=person).select_related("scheme")
    pairs = MentoringPair.objects.filter(
        Q(mentor__member__user=person) | Q(mentee__member__user=person)
    ).select_related("scheme", "mentor__member__user", "mentee__member__user")
    sessions = MentoringSession.objects.filter(logged_by=person).select_related("pair__scheme")
    concerns = Concern.objects.filter(raised_by=person).select_related("pair__scheme")
    rows: list[Row] = []
    rows += [
        {
            _("Scheme"): application.scheme.name,
            _("What"): _("You offered to mentor"),
            _("In your words"): application.why,
            _("Languages"): application.languages,
            _("Interests"): application.interests,
        }
        for application in applications
    ]
    rows += [
        {
            _("Scheme"): request.scheme.name,
            _("What"): _("You asked for a mentor"),
            _("In your words"): request.hopes,
            _("Languages"): request.languages,
            _("Interests"): request.interests,
        }
        for request in requests
    ]
    for pair in pairs:
        mine = pair.mentor.member.user_id == person.pk
        rows.append(
            {
                _("Scheme"): pair.scheme.name,
                _("What"): _("Your mentoring pair with %(name)s")
                % {"name": pair.mentee.member if mine else pair.mentor.member},
                _("In your words"): pair.aims,
                _("Your reflection"): pair.mentor_reflection if mine else pair.mentee_reflection,
            }
        )
    rows += [
        {
            _("Scheme"): session.pair.scheme.name,
            _("What"): _("A session you logged on %(day)s") % {"day": _day(session.happened_on)},
            _("In your words"): session.summary,
            _("Private note"): session.private_note,
        }
        for session in sessions
    ]
    rows += [
        {
            _("Scheme"): concern.pair.scheme.name,
            _("What"): _("A concern you raised on %(day)s") % {"day": _day(concern.created_at)},
            _("In your words"): concern.details,
        }
        for concern in concerns
    ]
    return rows


def held_about(*, person: Any) -> dict[str, list[Row]]:
    """What the timebank holds about a person, as they read it in their copy, in a fixed
    number of queries however much there is."""
    places = TimebankMember.objects.filter(user=person).select_related("timebank", "account")
    listings = Listing.objects.filter(member__user=person).select_related("timebank")
    checks = MemberCheck.objects.filter(member__user=person).select_related("member__timebank")
    return {
        "timebank_places": [
            {
                _("Timebank"): place.timebank.name,
                _("Where you are"): place.get_status_display(),
                _("Area"): place.area,
                _("A little about you"): place.about,
                _("Languages"): place.languages,
                _("Interests"): place.interests,
                _("Balance"): _balance(place),
            }
            for place in places
        ],
        "timebank_listings": [
            {
                _("Timebank"): listing.timebank.name,
                _("Offer or request"): listing.get_direction_display(),
                _("In a few words"): listing.title,
                _("More about it"): listing.description,
                _("When"): listing.when,
                _("Area"): listing.area,
            }
            for listing in listings
        ],
        "timebank_checks": [
            {
                _("Timebank"): check.member.timebank.name,
                _("Check"): check.get_kind_display(),
                _("Date done"): _day(check.done_on),
                _("Date it runs out"): _day(check.expires_on),
                _("Notes"): check.notes,
            }
            for check in checks
        ],
        "timebank_mentoring": _mentoring_rows(person),
    }


def _forget_mentoring(person: Any, now: Any) -> None:
    profile = {"languages": "", "interests": "", "days": "", "gender": "", "community": ""}
    MentorApplication.objects.filter(member__user=person).update(why=ERASED, **profile)
    MentorApplication.objects.filter(member__user=person, status=ApplicationStatus.APPLIED).update(
        status=ApplicationStatus.WITHDRAWN
    )
    MenteeRequest.objects.filter(member__user=person).update(hopes=ERASED, **profile)
    MenteeRequest.objects.filter(member__user=person, status=RequestStatus.WAITING).update(
        status=RequestStatus.WITHDRAWN
    )
    as_mentor = Q(mentor__member__user=person)
    as_mentee = Q(mentee__member__user=person)
    # A pair's aims are both people's words, so they go; a pair still meeting ends.
    for pair in MentoringPair.objects.filter(as_mentor | as_mentee).select_for_update():
        pair.aims = ""
        if pair.mentor.member.user_id == person.pk:
            pair.mentor_reflection = ""
        else:
            pair.mentee_reflection = ""
        if pair.status in (PairStatus.PROPOSED, PairStatus.ACTIVE):
            pair.status = PairStatus.ENDED if pair.started_at else PairStatus.DECLINED
            pair.ended_at = now
        pair.full_clean()
        pair.save()
    # Encrypted fields are written one by one, through the field, never by update().
    for session in MentoringSession.objects.filter(
        Q(logged_by=person)
        | Q(pair__mentor__member__user=person)
        | Q(pair__mentee__member__user=person)
    ):
        session.private_note = ""
        if session.logged_by_id == person.pk:
            session.summary = ERASED
        session.save(update_fields=["private_note", "summary", "updated_at"])
    for concern in Concern.objects.filter(raised_by=person):
        concern.details = ERASED
        concern.save(update_fields=["details", "updated_at"])


@transaction.atomic
def erase_person(*, person: Any, actor: Any) -> int:
    """Take a person's own words out of every timebank they were in; their places are
    marked as left, their balances and ledger entries kept. Returns how many places."""
    now = timezone.now()
    places = list(TimebankMember.objects.filter(user=person).select_for_update())
    for place in places:
        place.area = ERASED
        place.about = ""
        place.languages = ""
        place.interests = ""
        place.prefers_phone = False
        if place.status != MemberStatus.LEFT:
            place.status = MemberStatus.LEFT
            place.left_at = now
        place.full_clean()
        place.save()
        audit_record(actor=actor, action=events.MEMBER_ERASED, target=place)
    Listing.objects.filter(member__user=person).update(
        title=ERASED, description="", when="", days="", area=ERASED, is_open=False, updated_at=now
    )
    MemberCheck.objects.filter(member__user=person).update(notes="", updated_at=now)
    _forget_mentoring(person, now)
    return len(places)
