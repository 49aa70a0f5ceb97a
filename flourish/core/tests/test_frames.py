"""A page drawn once as a frame and filled in for each request shows each person what
the page drawn in full would, and nothing that belongs to anyone else."""

import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.shortcuts import render
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from flourish.accounts.factories import UserFactory
from flourish.core.frames import framed_part, render_framed

pytestmark = pytest.mark.django_db

SEARCH_PAGE = "directory/search.html"
PAGE = {"attribution": "Contains National Statistics data", "searched": True, "narrowed": False}
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def holes(results: str = "<p>Twelve groups near LS6</p>") -> dict:
    return {
        "main_fields": mark_safe('<input name="q" value="walk">'),
        "more_fields": mark_safe('<input name="day" value="">'),
        "results": mark_safe(results),
    }


def request_from(user, address: str = "/directory/?q=walk"):
    request = RequestFactory().get(address)
    request.user = user
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def without_tokens(html: bytes) -> str:
    """Each drawing of a page masks its CSRF token afresh: compare pages without them."""
    return TOKEN.sub(r'\1"', html.decode())


@pytest.mark.parametrize("language", ["en", "cy", "ur"])
@pytest.mark.parametrize("person", ["visitor", "group member", "superuser"])
def test_a_framed_page_is_the_page_drawn_in_full(language, person, owner):
    user = {
        "visitor": AnonymousUser(),
        "group member": owner,
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }[person]
    with translation.override(language):
        in_full = render(request_from(user), SEARCH_PAGE, {**PAGE, **holes()})
        # Twice: the first draws the frame, the second fills the frame kept.
        render_framed(request_from(user), SEARCH_PAGE, PAGE, holes=holes())
        framed = render_framed(request_from(user), SEARCH_PAGE, PAGE, holes=holes())

    assert without_tokens(framed.content) == without_tokens(in_full.content)


def test_each_person_gets_the_menu_of_their_own_kind_from_the_frames(owner):
    render_framed(request_from(AnonymousUser()), SEARCH_PAGE, PAGE, holes=holes())
    member = render_framed(request_from(owner), SEARCH_PAGE, PAGE, holes=holes()).content
    visitor = render_framed(request_from(AnonymousUser()), SEARCH_PAGE, PAGE, holes=holes())

    assert b"Your account" in member
    assert b"Your account" not in visitor.content


def test_each_request_gets_its_own_address_and_what_it_put_in_the_holes():
    first = render_framed(
        request_from(AnonymousUser(), "/directory/?q=walk"), SEARCH_PAGE, PAGE, holes=holes()
    )
    second = render_framed(
        request_from(AnonymousUser(), "/directory/?q=art&postcode=LS6"),
        SEARCH_PAGE,
        PAGE,
        holes=holes("<p>Three groups near LS6</p>"),
    )

    assert b'name="next" value="/directory/?q=walk"' in first.content
    assert b"Twelve groups near LS6" in first.content
    assert b'name="next" value="/directory/?q=art&amp;postcode=LS6"' in second.content
    assert b"Three groups near LS6" in second.content
    assert b"Twelve groups" not in second.content


def test_what_a_hole_holds_is_never_read_for_another_hole():
    # A group's text is escaped long before it reaches a hole; even so, a hole's own
    # text that looks like a marker is put in as it is, not filled again.
    page = render_framed(
        request_from(AnonymousUser()),
        SEARCH_PAGE,
        PAGE,
        holes=holes("<p><!--hole:main_fields--><!--csrf--></p>"),
    )

    assert b"<p><!--hole:main_fields--><!--csrf--></p>" in page.content


def test_a_person_with_a_message_waiting_sees_it_on_the_page():
    request = request_from(AnonymousUser())
    messages.success(request, "Your suggestion is sent.")

    page = render_framed(request, SEARCH_PAGE, PAGE, holes=holes())

    assert b"Your suggestion is sent." in page.content


def test_a_visitor_can_change_language_from_a_framed_search_page(db):
    """The header's form carries this visitor's own token, not the token of whoever made
    the frame: with CSRF checked, the language changes for them and nobody else."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    search = reverse("directory:search") + "?q=walk"
    first_page = first.get(search).content.decode()
    second_page = second.get(search + "&postcode=LS6").content.decode()
    token_of = {
        name: re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        for name, page in (("first", first_page), ("second", second_page))
    }

    theirs = second.post(
        reverse("set_language"), {"language": "cy", "csrfmiddlewaretoken": token_of["first"]}
    )
    own = second.post(
        reverse("set_language"),
        {"language": "cy", "next": search, "csrfmiddlewaretoken": token_of["second"]},
    )

    assert theirs.status_code == 403
    assert own.status_code == 302
    assert 'lang="cy"' in second.get(search).content.decode()


def test_a_frame_refuses_a_row_in_its_context(owner):
    # A row compares equal to itself after it is changed, so a frame keyed by one would
    # go on showing what the row said before.
    with pytest.raises(TypeError):
        render_framed(request_from(owner), SEARCH_PAGE, {**PAGE, "person": owner}, holes=holes())


RESULTS_COLUMN = "directory/includes/results.html"
CARDS = mark_safe("<li>Tuesday evening peer group</li>")


def column(total: int, number: int, pages: int) -> dict:
    return {
        "total": total,
        "total_is_capped": total >= 500,
        "number": number,
        "pages": pages,
        "has_previous": number > 1,
        "has_next": number < pages,
    }


def addresses(query: str, number: int) -> dict:
    return {
        "cards": CARDS,
        "previous_href": mark_safe(f"?{query}&amp;page={number - 1}"),
        "next_href": mark_safe(f"?{query}&amp;page={number + 1}"),
    }


@pytest.mark.parametrize("language", ["en", "cy", "ur"])
@pytest.mark.parametrize(
    "shown",
    [column(45, 2, 3), column(500, 1, 25), column(1, 1, 1), column(0, 1, 1)],
    ids=["middle page", "500 or more", "one result", "none"],
)
def test_a_framed_part_is_the_part_drawn_in_full(language, shown):
    holes = addresses("q=walk", shown["number"])
    with translation.override(language):
        in_full = render_to_string(RESULTS_COLUMN, {**shown, **holes})
        framed_part(RESULTS_COLUMN, shown, holes=holes)
        framed = framed_part(RESULTS_COLUMN, shown, holes=holes)

    assert framed == in_full


def test_two_searches_with_the_same_count_each_get_their_own_cards_and_links():
    shown = column(45, 2, 3)
    walks = framed_part(RESULTS_COLUMN, shown, holes=addresses("q=walk", 2))
    art = framed_part(
        RESULTS_COLUMN, shown, holes={**addresses("q=art", 2), "cards": mark_safe("<li>Art</li>")}
    )

    assert 'href="?q=walk&amp;page=3"' in walks and "Tuesday evening peer group" in walks
    assert 'href="?q=art&amp;page=1"' in art and "<li>Art</li>" in art
    assert "q=walk" not in art and "Tuesday" not in art


def test_a_framed_part_refuses_a_row_in_its_context(owner):
    with pytest.raises(TypeError):
        framed_part(RESULTS_COLUMN, {**column(1, 1, 1), "person": owner}, holes=addresses("", 1))
