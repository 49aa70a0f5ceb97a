"""The boards page: every public board for anyone, and a person's own boards beside them."""

from django.urls import reverse

from flourish.demand.factories import BoardFactory


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
