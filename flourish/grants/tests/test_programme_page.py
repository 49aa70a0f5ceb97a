"""A programme's public page: where to start applying and whether there are planning
sessions to book come with the programme itself, in one query."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import UserFactory
from flourish.grants.factories import EligibilityQuestionFactory
from flourish.grants.models import PlanningSession

pytestmark = pytest.mark.django_db
SESSIONS_LINK = "Book a planning session before you apply"


@pytest.fixture(autouse=True)
def each_page_built_afresh(settings):
    settings.PUBLIC_PAGE_CACHE = False


def _page(client, programme) -> str:
    return client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()


def test_check_you_can_apply_starts_at_the_first_question(client, programme):
    EligibilityQuestionFactory(programme=programme, position=3)
    EligibilityQuestionFactory(programme=programme, position=2)

    page = _page(client, programme)

    assert "Check you can apply" in page
    assert reverse("grants:eligibility", args=[programme.slug, 2]) in page
    assert "Start your application" not in page


def test_with_no_questions_the_page_starts_the_application(client, programme):
    page = _page(client, programme)

    assert "Check you can apply" not in page
    assert reverse("grants:application_start", args=[programme.slug]) in page


def test_planning_sessions_are_linked_only_when_there_are_some(client, programme):
    assert SESSIONS_LINK not in _page(client, programme)

    PlanningSession.objects.create(
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Leeds Civic Hall",
        places=10,
    )

    page = _page(client, programme)
    assert SESSIONS_LINK in page
    assert reverse("grants:planning_sessions", args=[programme.slug]) in page


def test_the_page_reads_the_programme_and_its_categories_once_then_asks_nothing(
    client, programme, django_assert_num_queries
):
    """A programme and its page are the same for everyone who is not signed in: read and
    drawn once, and kept until the programme changes."""
    EligibilityQuestionFactory(programme=programme, position=1)
    PlanningSession.objects.create(
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Leeds Civic Hall",
        places=10,
    )
    _page(client, programme)  # the language and the cache's generations, settled once
    caches["fragments"].clear()

    with django_assert_num_queries(2):
        first = _page(client, programme)
    with django_assert_num_queries(0):
        again = _page(client, programme)

    def main(page):
        return page[page.index("<main") : page.index("</main>")]

    assert main(first) == main(again)
    assert "Check you can apply" in again and SESSIONS_LINK in again


def test_a_signed_in_reader_asks_only_which_board_they_may_open(
    client, programme, django_assert_num_queries
):
    client.force_login(UserFactory(email="reader@example.org"))
    _page(client, programme)  # the programme read and kept, the page drawn

    # Three to sign in (session, person, roles), then the board.
    with django_assert_num_queries(4):
        page = _page(client, programme)
    assert programme.title in page


def test_an_unpublished_programme_is_not_found_even_when_its_staff_have_read_it(
    client, programme, staff
):
    programme.is_published = False
    programme.save()
    client.force_login(staff)
    assert (
        client.get(reverse("grants:programme_applications", args=[programme.slug])).status_code
        == 200
    )
    client.logout()

    response = client.get(reverse("grants:programme_detail", args=[programme.slug]))

    assert response.status_code == 404


def test_a_change_to_the_programme_shows_on_its_page_at_once(client, programme, staff):
    assert "Leeds Civic Hall" not in _page(client, programme)

    PlanningSession.objects.create(
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Leeds Civic Hall",
        places=10,
    )
    programme.description = "Money for groups that meet in person."
    programme.save()

    page = _page(client, programme)
    assert SESSIONS_LINK in page and "Money for groups that meet in person." in page
