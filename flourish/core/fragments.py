"""Pieces of a page drawn once for what they show, and kept in the cache.

Lists of many similar pieces (search result cards, a conversation's replies) spend
most of their page's time in the template engine, drawing the same piece for the same
content again and again. Here each piece is drawn once per language and per *content*:

- Its key is a digest of everything the piece shows, read from the rows the page has
  just loaded, with the language, the time zone and the templates themselves. A change
  to any of them, however it was made (a service, the admin, a raw `update()`), is a
  new key, so a piece can never be stale, in another language or from old markup, and
  no signal or version counter can be forgotten. Old pieces age out of the cache.
- The page has already decided who may see what it loaded; a piece is only found again
  by someone whose page loaded the same content, so the cache gives nobody anything the
  page would not have drawn for them. What differs between readers (is this my reply,
  am I a moderator) belongs in the content.

Pieces live in the "fragments" cache: Redis when there is one (shared by every web
process), otherwise each process's own memory. Because keys name their content, a
process's own copy is never out of date: so each process also keeps the pieces the
cache has lately given it, as they are, and reads them without a round trip to Redis
or unpickling them again (a search's twenty cards and eleven form fields, a third of
the time its results took to draw).
"""

import hashlib
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from django.core.cache import BaseCache, caches
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from flourish.core.public_cache import remembered

T = TypeVar("T")
DAY = 24 * 60 * 60
# How long a part drawn for everyone is kept at most: the backstop for a change made
# around the ORM, which starts no new generation.
EVERYONE_SECONDS = 10 * 60


@lru_cache(maxsize=32)
def templates_digest(names: tuple[str, ...]) -> str:
    """A deploy that changes a piece's markup must not be answered with old pieces."""
    digest = hashlib.sha256()
    for name in names:
        origin = get_template(name).origin.name  # type: ignore[attr-defined]
        digest.update(Path(origin).read_bytes())
    return digest.hexdigest()[:16]


# Pieces kept in this process, for each cache they came from (a cache set to keep
# nothing, as a benchmark's is, gives nothing to keep). When full, it starts again empty.
KEPT_HERE_UP_TO = 4096
_kept_here: "WeakKeyDictionary[BaseCache, dict[str, str]]" = WeakKeyDictionary()


def read_many(keys: list[str]) -> dict[str, str]:
    """The pieces under `keys` that are kept, from this process if it has them, or else
    from the fragments cache, in one read."""
    store = caches["fragments"]
    here = _kept_here.setdefault(store, {})
    found = {key: here[key] for key in keys if key in here}
    if len(found) < len(keys):
        fetched = store.get_many([key for key in keys if key not in found])
        if len(here) + len(fetched) > KEPT_HERE_UP_TO:
            here.clear()
        here.update(fetched)
        found.update(fetched)
    return found


def forget_pieces_kept_here() -> None:
    """Start this process's copies again empty, as a cleared cache does: for tests that
    count how often a piece is drawn."""
    _kept_here.clear()


def keep_many(pieces: dict[str, str], seconds: int) -> None:
    """Keep newly drawn pieces in the fragments cache, for every process to read."""
    caches["fragments"].set_many(pieces, seconds)


def fragment_key(kind: str, content: list[Any], templates: tuple[str, ...]) -> str:
    """The key of a piece that shows `content`, drawn by `templates` for this reader's
    language and time zone."""
    return fragment_keys(kind, [content], templates)[0]


def fragment_keys(kind: str, contents: list[list[Any]], templates: tuple[str, ...]) -> list[str]:
    """`fragment_key` of each of `contents`, with the reader's language and time zone read
    once for them all: each is a lookup through the request's context-local state."""
    reader = [get_language(), timezone.get_current_timezone_name(), templates_digest(templates)]
    return [
        f"{kind}:" + hashlib.sha256(repr([*content, *reader]).encode()).hexdigest()
        for content in contents
    ]


def drawn_once(
    items: Sequence[T],
    *,
    kind: str,
    templates: tuple[str, ...],
    content: Callable[[T], list[Any]],
    context: Callable[[T], dict[str, Any]],
    seconds: int = DAY,
) -> list[SafeString]:
    """Each item drawn with `templates[0]` (which includes the rest), in order: read from
    the cache together, and drawn only where the cache has no piece for its content.

    `content(item)` lists everything the piece shows; `context(item)` is what the
    template is given to show it."""
    keys = fragment_keys(kind, [content(item) for item in items], templates)
    stored = read_many(keys)
    drawn: dict[str, str] = {}
    pieces = []
    for item, key in zip(items, keys, strict=True):
        piece = stored.get(key)
        if piece is None:
            piece = drawn[key] = render_to_string(templates[0], context(item))
        pieces.append(SafeString(piece))  # drawn by our own template, which escapes
    if drawn:
        keep_many(drawn, seconds)
    return pieces


def drawn_without_the_person(template_name: str, context: dict[str, Any], request: Any) -> str:
    """`template_name` drawn for a part kept for everyone: with the request, for links
    that keep its query (`{% page_link %}`), but without the context processors, so
    nothing of the person looking (their name, their permissions, their messages) is
    there to show. Running them cost a part a quarter of a millisecond each time."""
    return render_to_string(template_name, {**context, "request": request})


def drawn_for_everyone(
    *,
    kind: str,
    shown: list[Any],
    templates: tuple[str, ...],
    draw: Callable[[], str],
    seconds: int = EVERYONE_SECONDS,
) -> SafeString:
    """A part of a public page that is the same for everyone who asks for it (a search's
    results, a page of who a programme funded), drawn once by `draw()` with `templates`
    and kept.

    Unlike a piece above, it is found by what was asked, not by what it shows: `shown`
    names the request and the generation of the data it is built from
    (`public_cache.area_generation`), which every change made through Flourish starts
    again. A change made around the ORM shows within `seconds`. `draw()` reads the data
    only when the part is not kept, and must show nothing about who is looking."""
    key = fragment_key(kind, shown, templates)
    return mark_safe(remembered(key, draw, seconds=seconds, store=caches["fragments"]))
