"""A programme's page links to the board where the groups it funds share ideas, for the
people who may open that board, without asking the database anything more."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.demand.factories import BoardFactory
from flourish.grants.factories import ApplicationFactory, GroupFactory
from flourish.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db
LINK = "Ideas from the groups we fund, and what came of them"


@pytest.fixture
def organiser(programme):
    """Runs a group the programme funds."""
    person = UserFactory(email="organiser@example.org")
    group = GroupFactory()
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_LEAD)
    ApplicationFactory(programme=programme, group=group, status=ApplicationStatus.AWARDED)
    return person


def _board(programme, *, public=False):
    return BoardFactory(
        organisation=programme.funder,
        programme=programme,
        name="Covid Fund: ideas from the groups we fund",
        is_public=public,
    )


def _page(client, programme):
    return client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()


def test_a_funded_group_finds_the_members_only_board_from_the_programme_page(
    client, programme, organiser
):
    board = _board(programme)
    client.force_login(organiser)
    page = _page(client, programme)
    assert LINK in page
    assert reverse("demand:board", args=[board.slug]) in page


def test_anyone_else_sees_no_link_to_a_members_only_board(client, programme, organiser):
    _board(programme)
    assert LINK not in _page(client, programme)
    client.force_login(UserFactory(email="stranger@example.org"))
    assert LINK not in _page(client, programme)


def test_a_public_board_is_linked_for_everyone(client, programme):
    board = _board(programme, public=True)
    page = _page(client, programme)
    assert reverse("demand:board", args=[board.slug]) in page


def test_making_a_board_public_shows_the_link_on_the_cached_page(client, programme, settings):
    settings.PUBLIC_PAGE_CACHE = True
    board = _board(programme)
    assert LINK not in _page(client, programme)
    board.is_public = True
    board.save()
    assert LINK in _page(client, programme)


def test_a_programme_with_no_board_has_no_link(client, programme, organiser):
    client.force_login(organiser)
    assert LINK not in _page(client, programme)


def test_the_link_costs_no_extra_query(client, programme, organiser):
    client.force_login(organiser)
    url = reverse("grants:programme_detail", args=[programme.slug])
    client.get(url)  # the session and the language, settled once
    with CaptureQueriesContext(connection) as without_board:
        client.get(url)
    _board(programme)
    client.get(url)  # a new board is a change to the page: drawn again once
    with CaptureQueriesContext(connection) as with_board:
        page = client.get(url).content.decode()
    assert LINK in page
    assert len(with_board) == len(without_board)
