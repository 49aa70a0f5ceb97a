"""Pieces drawn once for what they show: read from this process when it has them, drawn
again whenever what they show changes, and never kept by a cache set to keep nothing."""

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.utils import translation

from flourish.core.fragments import drawn_once

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
