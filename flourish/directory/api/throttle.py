"""Per-client throttling for the public API, kept in Django's cache (Redis in production)."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

WINDOW_SECONDS = 60


def _limit() -> int:
    return int(getattr(settings, "OPENREFERRAL_REQUESTS_PER_MINUTE", 120))


def seconds_until_allowed(request: HttpRequest) -> int:
    """0 if this client may make another request now, otherwise how long to wait."""
    # REMOTE_ADDR is the client as the web server saw it; behind a proxy, the proxy
    # must set it (gunicorn's forwarded_allow_ips), never trust a client's own header.
    client = request.META.get("REMOTE_ADDR", "unknown")
    window = int(time.time() // WINDOW_SECONDS)
    key = f"openreferral:{client}:{window}"
    # add() then incr() is atomic enough on every cache backend: a race can let a
    # request or two past the limit in a window, which is fine for abuse protection.
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    if count <= _limit():
        return 0
    return WINDOW_SECONDS - int(time.time()) % WINDOW_SECONDS
