"""Whole public pages kept in the cache for people who are not signed in.

Directory searches, programme pages and "who we funded" are read far more than they
change and are the same for every visitor who is not signed in, so each is built once
per address and language, then served from the cache (Redis when there is one).

Correct, not merely fresh enough:
- Each area has a generation in the cache. Any save or delete of a model the area's
  pages show (registered in the app's `ready()`) starts a new generation, so the next
  visitor gets a page built from the new data. The generation is the time it changed,
  never a count, so a generation lost from the cache can never come back with an old
  page under it. It changes again when the change commits, so a page built from the
  rows as they were a moment before is never served. Pages also expire after
  PUBLIC_PAGE_SECONDS, which bounds any change made around the ORM (a raw `update()`).
- Only GET requests from visitors with no session and no messages waiting are served
  from or stored in the cache; a signed-in person always gets a page built for them.
- Forms on a cached page (the language switcher) carry a CSRF token: it is stored as
  a placeholder and each visitor gets their own token when the page is served.
- A view may name the query its page is built from (`canonical_query`): the request
  is answered as if it had asked in exactly those words, so every spelling of one
  search is one page in the cache, and parameters the page never reads cannot be
  used to fill the cache or to get round it.
"""

import hashlib
import re
import time
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import BaseCache, cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token

PUBLIC_PAGE_SECONDS = 600
CSRF_VALUE = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"@@csrf@@"

View = Callable[..., HttpResponse]
QueryRule = Callable[[QueryDict], QueryDict]


def _generation_key(area: str) -> str:
    return f"public-pages:{area}:generation"


# Each area's generation as this request first read it. A search reads the directory's
# up to three times (the page, its total, the list of types), each a round trip to the
# cache, or a query when the cache is the database. Only inside a request: a task or a
# command reads the cache every time. Reading one generation for the whole request is
# also the safer way: a page is never kept under a generation newer than the one it
# began with.
_read_this_request: ContextVar[dict[str, int] | None] = ContextVar(
    "public_cache_generations", default=None
)


def _remember_generations(**_kwargs: Any) -> None:
    _read_this_request.set({})


def _forget_generations(**_kwargs: Any) -> None:
    _read_this_request.set(None)


request_started.connect(_remember_generations, dispatch_uid="public-cache:request-started")
request_finished.connect(_forget_generations, dispatch_uid="public-cache:request-finished")


T = TypeVar("T")


def remembered(key: str, compute: Callable[[], T], *, seconds: int, store: BaseCache = cache) -> T:
    """`compute()`, kept in the cache under `key`, whose name carries a generation: Django's
    `get_or_set`, typed (what is computed here is never None)."""
    return cast(T, store.get_or_set(key, compute, seconds))


def area_changed(area: str) -> None:
    """Start a new generation of an area's public pages: the next visitor gets fresh ones."""
    generation = time.time_ns()
    cache.set(_generation_key(area), generation, None)
    seen = _read_this_request.get()
    if seen is not None:
        seen[area] = generation


def area_generation(area: str) -> int:
    """The area's current generation: part of the key of anything built from its data."""
    return _generation(area)


def _generation(area: str) -> int:
    seen = _read_this_request.get()
    if seen is not None and area in seen:
        return seen[area]
    current = cache.get(_generation_key(area))
    if current is None:
        current = time.time_ns()
        cache.add(_generation_key(area), current, None)
        current = cache.get(_generation_key(area), current)
    if seen is not None:
        seen[area] = int(current)
    return int(current)


def area_changed_now_and_when_committed(area: str) -> None:
    """For a change being made: what a save of a registered model does, and what a
    queryset `update()`, which sends no signal, must do itself."""
    area_changed(area)
    # Race: a visitor who read the old rows before this transaction committed could
    # store their page under the new generation. Starting another generation once the
    # change is committed retires that page too.
    transaction.on_commit(lambda: area_changed(area))


def invalidate_on_change(area: str, models: Iterable[type[Model]]) -> None:
    """Start a new generation of `area` whenever one of these models is saved or deleted."""

    def changed(**_kwargs: Any) -> None:
        area_changed_now_and_when_committed(area)

    for model in models:
        uid = f"public-pages:{area}:{model._meta.label}"
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid + ":delete")


def _cacheable(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_PAGE_CACHE
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.user.is_authenticated
    )


def _page_key(area: str, request: HttpRequest) -> str:
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"public-pages:{area}:{_generation(area)}:{language}:{address}"


def _serve(stored: tuple[int, str, bytes], request: HttpRequest) -> HttpResponse:
    status, content_type, body = stored
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body, status=status, content_type=content_type)
    response["X-Flourish-Cache"] = "hit"
    return response


def _answer_as_if_asked(request: HttpRequest, query: QueryDict) -> None:
    """The page, its links (pagination, the language switcher's return address) and its
    cache key are all built from `query`, so they always agree with one another."""
    request.GET = query  # type: ignore[assignment]  # read-only, as the rule returns it
    request.META["QUERY_STRING"] = query.urlencode()


def public_page(area: str, *, canonical_query: QueryRule | None = None) -> Callable[[View], View]:
    """Serve this view's page from the cache to visitors who are not signed in."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if canonical_query is not None:
                _answer_as_if_asked(request, canonical_query(request.GET))
            if not _cacheable(request):
                return view(request, *args, **kwargs)
            key = _page_key(area, request)
            stored = cache.get(key)
            if stored is not None:
                return _serve(stored, request)
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                body = CSRF_VALUE.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
                cache.set(key, (200, response["Content-Type"], body), PUBLIC_PAGE_SECONDS)
            return response

        return wrapped

    return decorator
