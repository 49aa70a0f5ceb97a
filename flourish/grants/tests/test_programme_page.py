"""A programme's public page: where to start applying and whether there are planning
sessions to book come with the programme itself, in one query."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

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


def test_the_page_reads_the_programme_and_its_categories_and_nothing_else(
    client, programme, django_assert_num_queries
):
    EligibilityQuestionFactory(programme=programme, position=1)
    PlanningSession.objects.create(
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Leeds Civic Hall",
        places=10,
    )
    _page(client, programme)  # the language and the cache's generations, settled once

    with django_assert_num_queries(2):
        page = _page(client, programme)

    assert "Check you can apply" in page and SESSIONS_LINK in page
