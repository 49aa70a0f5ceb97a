"""Members of a timebank, and mentors and mentees of one of its mentoring schemes, can choose
to be counted in its totals and stop; the timebank's coordinators see those totals only for
5 or more people, in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.outcomes.factories import goal_make, ons4_checkin_make, review_make
from flourish.outcomes.models import TotalsConsent
from flourish.outcomes.selectors.totals import totals_for
from flourish.outcomes.services.totals import totals_join, totals_leave
from flourish.timebank.factories import (
    TimebankFactory,
    coordinator_make,
    member_make,
    mentee_make,
    mentor_make,
    scheme_make,
)

pytestmark = pytest.mark.django_db
DAY = datetime.date.today() - datetime.timedelta(days=30)
TIMEBANK_TOTALS_QUERIES = 10  # the coordinator finds the timebank and their own place in it
SCHEME_TOTALS_QUERIES = 11  # and the scheme


@pytest.fixture
def timebank():
    return TimebankFactory(name="Chapeltown Timebank", slug="chapeltown")


@pytest.fixture
def scheme(timebank):
    return scheme_make(timebank, name="After hospital", slug="after-hospital")


@pytest.fixture
def coordinator(timebank):
    return coordinator_make(timebank)


def _member(timebank, level=1):
    member = member_make(timebank)
    person = member.user
    review_make(goal_make(person), level, DAY)
    ons4_checkin_make(person, 5, 5, 5, 5)
    ons4_checkin_make(person, 7, 7, 7, 3)
    return member


def test_a_member_chooses_their_timebank_and_scheme_and_can_stop(client, timebank, scheme):
    member = _member(timebank)
    mentee_make(scheme, member=member)
    client.force_login(member.user)
    page = client.get(reverse("outcomes:totals")).content.decode()
    assert "Chapeltown Timebank (timebank)" in page
    assert "After hospital (mentoring scheme of Chapeltown Timebank)" in page
    chosen = [f"timebank-{timebank.pk}", f"scheme-{scheme.pk}"]
    client.post(reverse("outcomes:totals"), {"places": chosen})
    consents = TotalsConsent.objects.filter(person=member.user, withdrawn_at__isnull=True)
    assert {consent.place for consent in consents} == {timebank, scheme}
    client.post(reverse("outcomes:totals"), {"places": [f"scheme-{scheme.pk}"]})
    still = TotalsConsent.objects.filter(person=member.user, withdrawn_at__isnull=True)
    assert [consent.place for consent in still] == [scheme]


def test_someone_outside_a_timebank_is_not_offered_it(client, timebank, scheme, other):
    client.force_login(other)
    page = client.get(reverse("outcomes:totals")).content.decode()
    assert "Chapeltown Timebank" not in page
    response = client.post(reverse("outcomes:totals"), {"places": [f"timebank-{timebank.pk}"]})
    assert response.status_code == 200
    assert not TotalsConsent.objects.filter(person=other).exists()


def test_coordinators_see_a_timebanks_totals_for_5_or_more_and_nothing_for_fewer(
    client, timebank, coordinator
):
    client.force_login(coordinator)
    url = reverse("outcomes:timebank_totals", args=["chapeltown"])
    people = []
    for _n in range(4):
        person = _member(timebank).user
        people.append(totals_join(person=person, actor=person, timebank=timebank))
    page = client.get(url).content.decode()
    assert "Fewer than 5 people have chosen to be counted here" in page
    assert 'id="totals"' not in page
    for _n in range(4):
        person = _member(timebank).user
        people.append(totals_join(person=person, actor=person, timebank=timebank))
    page = client.get(url).content.decode()
    assert 'id="totals"' in page
    assert "Outcomes totals: Chapeltown Timebank" in page
    # Withdrawing takes people out at once: back under 5, nothing is shown.
    for consent in people[:4]:
        totals_leave(consent=consent, actor=consent.person)
    assert totals_for(timebank=timebank).too_few


def test_a_schemes_totals_count_only_its_own_mentors_and_mentees(
    client, timebank, scheme, coordinator
):
    # Eight people: the noise (at most ±2) can never take the count under 5.
    for _n in range(4):
        mentor = mentor_make(scheme, member=_member(timebank))
        totals_join(person=mentor.member.user, actor=mentor.member.user, scheme=scheme)
        mentee = mentee_make(scheme, member=_member(timebank))
        totals_join(person=mentee.member.user, actor=mentee.member.user, scheme=scheme)
    for _n in range(2):
        person = _member(timebank).user
        totals_join(person=person, actor=person, timebank=timebank)
    assert totals_for(timebank=timebank).too_few
    totals = totals_for(scheme=scheme)
    assert not totals.too_few
    assert totals.people.value is not None and 6 <= totals.people.value <= 10
    client.force_login(coordinator)
    page = client.get(reverse("outcomes:scheme_totals", args=["chapeltown", "after-hospital"]))
    assert 'id="totals"' in page.content.decode()


def test_nobody_but_the_coordinators_sees_a_timebanks_or_schemes_totals(
    client, timebank, scheme, other
):
    member = _member(timebank)
    other_timebank = TimebankFactory(slug="elsewhere")
    elsewhere = coordinator_make(other_timebank)
    urls = [
        reverse("outcomes:timebank_totals", args=["chapeltown"]),
        reverse("outcomes:scheme_totals", args=["chapeltown", "after-hospital"]),
    ]
    for someone in (member.user, other, elsewhere):
        client.force_login(someone)
        for url in urls:
            assert client.get(url).status_code == 404


def test_a_timebank_and_a_scheme_totals_page_make_a_fixed_number_of_queries(
    client, timebank, scheme, coordinator
):
    client.force_login(coordinator)

    def people(how_many):
        for _ in range(how_many):
            member = _member(timebank)
            mentee_make(scheme, member=member)
            totals_join(person=member.user, actor=member.user, timebank=timebank)
            totals_join(person=member.user, actor=member.user, scheme=scheme)

    def count(address):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        return len(captured.captured_queries)

    for address, queries in (
        (reverse("outcomes:timebank_totals", args=["chapeltown"]), TIMEBANK_TOTALS_QUERIES),
        (
            reverse("outcomes:scheme_totals", args=["chapeltown", "after-hospital"]),
            SCHEME_TOTALS_QUERIES,
        ),
    ):
        client.get(address)  # the first look also caches what kind of thing the audit is about
        people(6)
        small = count(address)
        people(10)
        assert small == count(address) == queries


def test_only_the_person_joins_their_timebanks_totals(timebank):
    from django.core.exceptions import ValidationError

    member = _member(timebank)
    with pytest.raises(ValidationError):
        totals_join(person=member.user, actor=UserFactory(), timebank=timebank)
    assert not TotalsConsent.objects.exists()
