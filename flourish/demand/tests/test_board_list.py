"""The boards page: every public board for anyone, and a person's own boards beside them."""

from django.urls import reverse

from flourish.demand.factories import BoardFactory, ServiceFactory
from flourish.demand.views import boards as boards_views
from flourish.demand.views import services as services_views


def _page(client):
    return client.get(reverse("demand:boards")).content.decode()


def test_anyone_sees_public_boards_and_no_private_ones(client, board, group):
    BoardFactory(organisation=group, name="Open to all", is_public=True)
    page = _page(client)
    assert "Open to all" in page
    assert "Our ideas" not in page
    assert "Boards you can take part in" not in page


def test_a_member_sees_their_own_private_boards(client, board, colleague):
    client.force_login(colleague)
    page = _page(client)
    assert "Boards you can take part in" in page
    assert "Our ideas" in page


def test_a_member_of_another_group_does_not_see_a_private_board(client, board, other_lead):
    client.force_login(other_lead)
    page = _page(client)
    assert "Our ideas" not in page
    assert "You do not take part in any board yet." in page


def test_the_page_costs_the_same_whatever_the_number_of_boards(
    client, group, colleague, django_assert_max_num_queries
):
    client.force_login(colleague)
    BoardFactory(organisation=group, name="Public one", is_public=True)
    with django_assert_max_num_queries(100) as few:
        _page(client)
    for number in range(40):
        BoardFactory(organisation=group, name=f"Board {number}", is_public=number % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = _page(client)
    assert "Board 38" in page


def test_the_learning_from_demand_page_pages_each_of_your_lists(
    client, group, colleague, monkeypatch
):
    """A network's lead may belong to dozens of organisations, each with services and
    boards: each list shows a page at a time, by name, and keeps the others' pages."""
    monkeypatch.setattr(services_views, "LISTS_PER_PAGE", 2)
    for name in ("Board A", "Board B", "Board C"):
        BoardFactory(organisation=group, name=name)
    for name in ("Line A", "Line B", "Line C"):
        ServiceFactory(organisation=group, name=name)
    client.force_login(colleague)

    first = client.get(reverse("demand:index")).content.decode()
    assert "Board A" in first and "Board B" in first and "Board C" not in first
    assert "Line A" in first and "Line B" in first and "Line C" not in first
    assert 'aria-label="Pages of your boards"' in first
    assert reverse("demand:boards") in first

    later = client.get(reverse("demand:index"), {"boards": 2}).content.decode()
    assert "Board C" in later and "Board A" not in later
    assert "Line A" in later and "Line C" not in later  # services stay on their first page
    assert "?boards=2&amp;services=2" in later


def test_the_boards_page_pages_your_own_boards(client, group, colleague, monkeypatch):
    monkeypatch.setattr(boards_views, "BOARDS_PER_PAGE", 2)
    for name in ("Board A", "Board B", "Board C"):
        BoardFactory(organisation=group, name=name)
    client.force_login(colleague)

    assert "Board C" not in _page(client)
    later = client.get(reverse("demand:boards"), {"mine": 2}).content.decode()
    assert "Board C" in later and "Board A" not in later
