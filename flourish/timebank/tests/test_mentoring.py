"""Peer mentoring: checked mentors, matches that fit, both accept, sessions, concerns, endings."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from flourish.ledger.selectors import account_balance
from flourish.timebank.factories import mentee_make, mentor_make, scheme_make
from flourish.timebank.models import MentorApplication, PairStatus, RequestStatus, SessionMode
from flourish.timebank.selectors.mentoring import match_suggestions, mentoring_overview
from flourish.timebank.services import mentoring

TODAY = datetime.date.today()


@pytest.fixture
def scheme(timebank):
    return scheme_make(timebank)


def active_pair(scheme, coordinator, mentor=None, mentee=None):
    mentor = mentor or mentor_make(scheme)
    mentee = mentee or mentee_make(scheme)
    pair = mentoring.pair_propose(mentor=mentor, mentee=mentee, actor=coordinator)
    mentoring.pair_accept(pair=pair, actor=mentor.member.user)
    mentoring.pair_accept(pair=pair, actor=mentee.member.user)
    return pair


def test_a_mentor_is_approved_only_with_training_and_a_safeguarding_check(
    scheme, alice, coordinator
):
    application = mentoring.mentor_apply(
        scheme=scheme, member=alice, why="Been there", actor=alice.user
    )
    with pytest.raises(ValidationError, match="mentor training"):
        mentoring.mentor_approve(application=application, actor=coordinator)


def test_a_referral_needs_the_persons_consent(scheme, bob, coordinator):
    with pytest.raises(ValidationError, match="consent"):
        mentoring.mentee_ask(
            scheme=scheme,
            member=bob,
            hopes="x",
            actor=coordinator,
            referred_by=coordinator,
            consent_given=False,
        )


def test_a_match_for_a_mentor_at_capacity_is_refused(scheme, coordinator):
    mentor = mentor_make(scheme, capacity=1)
    mentoring.pair_propose(mentor=mentor, mentee=mentee_make(scheme), actor=coordinator)
    second = mentee_make(scheme)
    with pytest.raises(ValidationError, match="as many people as they can"):
        mentoring.pair_propose(mentor=mentor, mentee=second, actor=coordinator)
    second.refresh_from_db()
    assert second.status == RequestStatus.WAITING


def test_suggestions_put_shared_languages_first_and_keep_to_stated_preferences(scheme):
    urdu = mentor_make(scheme, languages="English, Urdu", gender="woman")
    mentor_make(scheme, languages="English", gender="man")
    full = mentor_make(scheme, languages="Urdu", gender="woman", capacity=1)
    mentoring.pair_propose(mentor=full, mentee=mentee_make(scheme), actor=full.member.user)
    mentee = mentee_make(scheme, languages="Urdu", gender="woman", same_gender=True)

    suggestions = match_suggestions(mentee=mentee)

    assert [s.mentor for s in suggestions] == [urdu]


def test_suggested_mentors_are_read_by_name_without_their_private_details(scheme):
    mentor_make(scheme, languages="English, Urdu")
    mentee = mentee_make(scheme, languages="Urdu")

    with CaptureQueriesContext(connection) as captured:
        suggestions = match_suggestions(mentee=mentee)

    assert suggestions[0].mentor.member.user.name
    (read,) = [q["sql"] for q in captured.captured_queries if "accounts_user" in q["sql"]]
    assert '"accounts_user"."phone"' not in read
    assert '"accounts_user"."access_needs"' not in read


def test_a_pair_starts_when_both_accept_and_logs_three_sessions_as_exchanges(scheme, coordinator):
    pair = active_pair(scheme, coordinator)
    assert pair.status == PairStatus.ACTIVE
    mentoring.pair_aims_set(
        pair=pair, aims="Get back to the allotment", actor=pair.mentee.member.user
    )
    for _ in range(3):
        mentoring.session_log(
            pair=pair,
            happened_on=TODAY,
            minutes=60,
            mode=SessionMode.PHONE,
            summary="A good talk",
            private_note="Ours only",
            actor=pair.mentee.member.user,
        )
    assert account_balance(account=pair.mentor.member.account) == 180
    overview = mentoring_overview(scheme=scheme)
    assert overview.sessions_by_month == [(TODAY.strftime("%Y-%m"), 3)]


def test_a_concern_reaches_the_coordinator_by_email(
    scheme, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    pair = active_pair(scheme, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        mentoring.concern_raise(
            pair=pair, details="They sounded very low", actor=pair.mentor.member.user
        )
    assert [m.to for m in mailoutbox] == [[coordinator.email]]


def test_someone_outside_the_pair_cannot_log_or_raise_anything(scheme, coordinator, carol):
    pair = active_pair(scheme, coordinator)
    with pytest.raises(ValidationError, match="Only the two people"):
        mentoring.concern_raise(pair=pair, details="x", actor=carol.user)


def test_a_pair_ends_with_reflections_and_the_mentee_can_ask_again(scheme, coordinator):
    pair = active_pair(scheme, coordinator)
    mentoring.pair_end(
        pair=pair, reflection="It helped", actor=pair.mentee.member.user, another_match=True
    )
    mentoring.pair_end(pair=pair, reflection="Proud of them", actor=pair.mentor.member.user)
    assert pair.status == PairStatus.ENDED and pair.mentor_reflection == "Proud of them"
    assert mentoring_overview(scheme=scheme).waiting[0].request.member == pair.mentee.member
    assert MentorApplication.objects.count() == 1


def test_a_session_logged_in_welsh_reads_in_urdu_for_the_mentor(scheme, coordinator, client):
    """Only the summary is the mentor's words; "Mentoring session" is said in each reader's
    language, on the exchange's page and on the statement."""
    pair = active_pair(scheme, coordinator)
    mentoring.pair_aims_set(pair=pair, aims="Cerdded", actor=pair.mentee.member.user)
    with translation.override("cy"):
        session = mentoring.session_log(
            pair=pair,
            happened_on=TODAY,
            minutes=60,
            mode=SessionMode.PHONE,
            summary="Sgwrs dda",
            actor=pair.mentee.member.user,  # so it is confirmed at once
        )
    assert session.exchange.description == "Sgwrs dda"
    with translation.override("ur"):
        said = translation.gettext("Mentoring session: %(summary)s") % {"summary": "Sgwrs dda"}
    with translation.override("cy"):
        welsh = translation.gettext("Mentoring session: %(summary)s") % {"summary": "Sgwrs dda"}
    assert said != welsh
    client.force_login(pair.mentor.member.user)
    client.cookies["django_language"] = "ur"
    timebank = scheme.timebank.slug
    page = client.get(reverse("timebank:exchange", args=[timebank, session.exchange.pk]))
    statement = client.get(reverse("timebank:statement", args=[timebank]))
    for shown in (page.content.decode(), statement.content.decode()):
        assert said in shown
        assert welsh not in shown
