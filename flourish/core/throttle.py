"""A per-person limit on the writes anyone may make without an account (suggesting a
group, asking for a claim link), counted in Django's cache: Redis or the database cache
in production, so the count holds across web processes."""

import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

WINDOW_SECONDS = 60 * 60

TOO_MANY = _(
    "You have sent us several of these in the last hour. Thank you! To keep Flourish free "
    "of spam we take only a few an hour from one place: please wait an hour and send it "
    "again. What you typed is still here."
)


def _who(request: HttpRequest) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    # REMOTE_ADDR is the client as the web server saw it; behind a proxy, the proxy must
    # set it (gunicorn's forwarded_allow_ips), never a header the client can write.
    return f"address:{request.META.get('REMOTE_ADDR', 'unknown')}"


def public_write_allowed(request: HttpRequest, *, scope: str) -> bool:
    """Counts this write; False once this person or address has made too many this hour."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"public-writes:{scope}:{_who(request)}:{window}"
    # add() then incr() is atomic enough on every cache backend: a race may let one or two
    # past the limit, which is fine for stopping a flood.
    cache.add(key, 0, timeout=WINDOW_SECONDS * 2)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count <= settings.PUBLIC_WRITES_PER_HOUR
