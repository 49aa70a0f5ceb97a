"""Fixtures every test can use: the three personas and a page-checking client.

The owner runs a group, the colleague is a member of the same group, and the
stranger belongs to nothing: anything private must be 404 to them.
"""

import pytest
from django.conf import settings
from django.core.cache import caches
from django.template import Context
from django.template.loader import get_template
from django.test.signals import template_rendered
from django.utils import translation

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.accounts.tests.two_step import SignedInPageCheckingClient
from flourish.core.fragments import forget_pieces_kept_here
from flourish.directory import views as directory_views

# The browser suite's fixtures (Chromium, live pages, axe-core) for every area.
pytest_plugins = ["tests.browser.fixtures"]


@pytest.fixture(autouse=True)
def fresh_cache():
    """The cache outlives each test's database (public pages, rate limits): start afresh."""
    for cache in caches.all():
        cache.clear()
    forget_pieces_kept_here()


@pytest.fixture(autouse=True)
def results_seen_by_the_test_client(monkeypatch):
    """A search's results column is drawn from a frame and plain values, not a template
    given its results: tell the test client what it was drawn from, as Django tells it
    each template's context, so `response.context["results"]` is the results shown."""
    draw = directory_views._results_column
    results_template = get_template(directory_views.RESULTS_TEMPLATES[0]).template

    def drawn_and_told(request, results, page):
        column = draw(request, results, page)
        told = Context({"results": results, "page": page, "cards": column})
        template_rendered.send(sender=results_template, template=results_template, context=told)
        return column

    monkeypatch.setattr(directory_views, "_results_column", drawn_and_told)


@pytest.fixture
def client() -> SignedInPageCheckingClient:
    return SignedInPageCheckingClient()


@pytest.fixture
def group(db):
    return OrganisationFactory(kind=OrganisationKind.GROUP, name="Hearing Voices Leeds")


@pytest.fixture
def owner(group):
    person = UserFactory(email="owner@example.org", name="Asha Owner")
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_LEAD)
    return person


@pytest.fixture
def colleague(group):
    person = UserFactory(email="colleague@example.org", name="Bea Colleague")
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
    return person


@pytest.fixture
def stranger(db):
    return UserFactory(email="stranger@example.org", name="Cal Stranger")


@pytest.fixture(autouse=True)
def english_again_after_each_test():
    # A request in Welsh or Urdu leaves that language active in the test's
    # thread (Django does not switch back after a response), so a later test
    # that formats text without a request would read it in the wrong language.
    yield
    translation.activate(settings.LANGUAGE_CODE)
