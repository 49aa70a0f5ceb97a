"""Two promises on the public side: the limit on anonymous writes counts the
address the server saw, not a header the visitor writes, and a visitor with a session never
gets or leaves a page in the public page cache."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from flourish.directory.models import Listing
from flourish.directory.tests.test_abuse import suggestion
from flourish.grants.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

SUGGEST = reverse("directory:suggest")
CACHED = "X-Flourish-Cache"


def test_a_new_forwarded_for_header_on_each_suggestion_does_not_get_round_the_limit(settings):
    settings.PUBLIC_WRITES_PER_HOUR = 5
    plain, disguised = Client(), Client()

    without_header = [
        plain.post(SUGGEST, suggestion(n), REMOTE_ADDR="192.0.2.10").status_code for n in range(30)
    ]
    with_header = [
        disguised.post(
            SUGGEST,
            suggestion(100 + n),
            REMOTE_ADDR="192.0.2.20",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(30)
    ]

    assert without_header == [302] * 5 + [429] * 25
    assert with_header == without_header
    assert Listing.objects.count() == 10


@pytest.fixture
def programme_page(db):
    programme = ProgrammeFactory(title="Keep Connected Fund", slug="keep-connected")
    return reverse("grants:programme_detail", args=[programme.slug])


@pytest.fixture
def visitor_with_a_session(db):
    """Someone not signed in who suggested a group: what they suggested is kept in their
    session, so they carry a session cookie and no messages."""
    visitor = Client()
    response = visitor.post(SUGGEST, suggestion(1))
    assert response.status_code == 302 and response["Location"] == reverse("directory:suggested")
    assert settings.SESSION_COOKIE_NAME in visitor.cookies
    assert "messages" not in visitor.cookies
    return visitor


def test_a_visitor_with_a_session_does_not_get_a_page_from_the_public_cache(
    programme_page, visitor_with_a_session
):
    first = Client().get(programme_page)
    assert CACHED not in first
    assert Client().get(programme_page)[CACHED] == "hit"  # the page is in the cache

    page = visitor_with_a_session.get(programme_page)

    assert page.status_code == 200
    assert CACHED not in page
    assert "Keep Connected Fund" in page.text


def test_a_page_built_for_a_visitor_with_a_session_is_not_kept_for_the_next_visitor(
    programme_page, visitor_with_a_session
):
    theirs = visitor_with_a_session.get(programme_page)
    assert theirs.status_code == 200 and CACHED not in theirs

    fresh = Client().get(programme_page)

    assert CACHED not in fresh
