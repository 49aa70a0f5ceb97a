"""Pieces drawn once for what they show: read from this process when it has them, drawn
again whenever what they show changes, and never kept by a cache set to keep nothing."""

import pytest
from django.core.cache import caches
from django.core.paginator import Paginator
from django.test import RequestFactory, override_settings
from django.test.signals import template_rendered
from django.utils import translation

from flourish.core.fragments import drawn_once, drawn_without_the_person

TEMPLATES = ("core/layout/messages.html",)


class Drawings:
    """Draws each item as its own name, counting how many times the template ran."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, items: list[str]) -> list[str]:
        def context(item: str) -> dict:
            self.count += 1
            return {"messages": [item]}

        pieces = drawn_once(
            items, kind="test-piece", templates=TEMPLATES, content=lambda i: [i], context=context
        )
        return [str(piece) for piece in pieces]


def test_a_piece_is_drawn_once_and_a_changed_one_is_drawn_again():
    draw = Drawings()

    first = draw(["Walk on Tuesday", "Art on Friday"])
    again = draw(["Walk on Tuesday", "Art on Friday"])
    changed = draw(["Walk on Wednesday", "Art on Friday"])

    assert draw.count == 3
    assert "Walk on Tuesday" in first[0] and again == first
    assert "Walk on Wednesday" in changed[0]


def test_a_piece_read_once_is_read_from_this_process_after_the_cache_lets_it_go():
    # A piece's key names what it shows, so the copy this process keeps is never out of
    # date: another process (or Redis's memory running short) dropping it changes nothing.
    draw = Drawings()
    draw(["Walk on Tuesday"])
    draw(["Walk on Tuesday"])  # read from the cache, and kept here too

    caches["fragments"].clear()
    piece = draw(["Walk on Tuesday"])

    assert draw.count == 1
    assert "Walk on Tuesday" in piece[0]


def test_each_language_has_its_own_piece():
    draw = Drawings()
    with translation.override("cy"):
        draw(["Walk on Tuesday"])
    draw(["Walk on Tuesday"])

    assert draw.count == 2


@pytest.mark.parametrize("times", [2, 3])
def test_a_cache_set_to_keep_nothing_keeps_nothing_here_either(times):
    nothing_kept = {"fragments": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    draw = Drawings()
    with override_settings(CACHES={**caches.settings, **nothing_kept}):
        for _ in range(times):
            draw(["Walk on Tuesday"])

    assert draw.count == times


@pytest.mark.django_db
def test_a_part_drawn_for_everyone_is_given_nothing_of_the_person_looking(owner):
    request = RequestFactory().get("/grants/community-fund/funded/?page=2&sort=name")
    request.user = owner
    given = []

    def seen(sender, context, **_kwargs):
        given.append(context.flatten())

    template_rendered.connect(seen)
    try:
        html = drawn_without_the_person(
            "core/layout/pagination.html",
            {"page": Paginator(range(60), 25).get_page(2)},
            request,
        )
    finally:
        template_rendered.disconnect(seen)

    # The links keep the rest of the query, read from the request...
    assert 'href="?page=1&amp;sort=name"' in html and 'href="?page=3&amp;sort=name"' in html
    # ...and nothing the context processors would have added is there to show.
    assert given and all("user" not in context and "perms" not in context for context in given)
    assert all(owner.email not in str(context) for context in given)
