"""Reads to a PostgreSQL replica, writes and fresh reads to the primary.

Installed only when DATABASE_REPLICA_URL is set (docs/deployment.md). A replica lags
the primary by a moment, so anything that must see the latest data reads from the
primary: every query inside a transaction (services check and write there), every
query of a request that writes (POST and the like), every read after a write in the
same request or task, and, for a few seconds after a person's write, their own next
requests, so they see what they just saved.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY, REPLICA = "default", "replica"
PINNED_COOKIE = "flourish_primary"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

_pinned_to_primary: ContextVar[bool] = ContextVar("pinned_to_primary", default=False)
_in_request: ContextVar[bool] = ContextVar("in_request", default=False)


class PrimaryReplicaRouter:
    """Django's database router: where each model's reads and writes go."""

    def db_for_read(self, model: type, **hints: Any) -> str:
        if _pinned_to_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type, **hints: Any) -> str:
        # Whatever a request reads after writing must see the write, even on a GET
        # that records something (an audit event) outside a transaction.
        if _in_request.get():
            _pinned_to_primary.set(True)
        return PRIMARY

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        # Both aliases are the same data, one a moment behind the other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class PrimaryAfterWriteMiddleware:
    """Pins a request to the primary when it writes, or when this person wrote a
    moment ago (a short-lived cookie), so nobody reads their own change as missing."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        token = _pinned_to_primary.set(writes or PINNED_COOKIE in request.COOKIES)
        scope = _in_request.set(True)
        try:
            response = self.get_response(request)
        finally:
            _in_request.reset(scope)
            _pinned_to_primary.reset(token)
        if writes:
            response.set_cookie(
                PINNED_COOKIE,
                "1",
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
