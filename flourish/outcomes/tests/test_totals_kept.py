"""A population's totals are counted once and kept, and counted afresh as soon as anyone's
outcomes change: a check-in, a review, someone joining or leaving the count, or erasing
what they recorded."""

import pytest

from flourish.accounts.factories import UserFactory
from flourish.outcomes.factories import goal_make, ons4_checkin_make, review_make
from flourish.outcomes.models import TotalsConsent
from flourish.outcomes.selectors.totals import count_totals, totals_for
from flourish.outcomes.services.privacy import outcomes_erase
from flourish.outcomes.services.totals import totals_join, totals_leave
from flourish.outcomes.tests.test_totals import YEAR_AGO, counted, group, programme  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted_afresh(django_assert_num_queries):
    """Assert that the totals are counted again now (their two queries), and come out as
    counting them directly does."""

    def check(**population):
        with django_assert_num_queries(2):
            kept = totals_for(**population)
        assert kept == count_totals(**population)
        return kept

    return check


@pytest.fixture
def six_kept(group, programme):  # noqa: F811
    """Six people counted for the programme, with their totals read once and kept."""
    people = counted(group, programme, 6)
    totals_for(programme=programme)
    return people


def test_the_totals_are_counted_once_until_someone_checks_in(
    group,  # noqa: F811
    programme,  # noqa: F811
    counted_afresh,
    django_assert_num_queries,
):
    people = counted(group, programme, 6)
    first = counted_afresh(programme=programme)
    with django_assert_num_queries(0):
        assert totals_for(programme=programme) == first

    ons4_checkin_make(people[0], 9, 9, 9, 1)
    counted_afresh(programme=programme)


def test_a_review_moves_the_figures_at_once(group, programme, counted_afresh):  # noqa: F811
    people = counted(group, programme, 8, level=-2)
    assert counted_afresh(programme=programme).at_or_above.value in (0, None)
    for person in people:
        review_make(person.goals.get(), 2, YEAR_AGO)
    assert counted_afresh(programme=programme).at_or_above.value >= 6


def test_someone_leaving_or_joining_the_count_is_counted_at_once(
    six_kept,
    programme,  # noqa: F811
    counted_afresh,
):
    consent = TotalsConsent.objects.get(person=six_kept[0], programme=programme)
    totals_leave(consent=consent, actor=six_kept[0])
    counted_afresh(programme=programme)

    newcomer = UserFactory()
    review_make(goal_make(newcomer), 1, YEAR_AGO)
    totals_join(person=newcomer, actor=newcomer, programme=programme)
    counted_afresh(programme=programme)


def test_someone_erasing_their_outcomes_is_counted_at_once(
    six_kept,
    programme,  # noqa: F811
    counted_afresh,
):
    outcomes_erase(person=six_kept[0])
    counted_afresh(programme=programme)


def test_each_population_keeps_its_own_totals(group, programme):  # noqa: F811
    counted(group, programme, 8)
    for _ in range(8):  # counted for the programme, not the group
        person = UserFactory()
        review_make(goal_make(person), 1, YEAR_AGO)
        totals_join(person=person, actor=person, programme=programme)

    for_programme, for_group = totals_for(programme=programme), totals_for(group=group)
    assert for_programme.people.value - for_group.people.value >= 4  # 16 and 8, give or take 2
    assert for_group == count_totals(group=group)
