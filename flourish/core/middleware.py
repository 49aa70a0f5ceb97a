"""What every response to someone signed in carries."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class SignedInPagesNotKept:
    """A page drawn for someone signed in is theirs alone, and many show personal details
    (a support plan, a statement, a note about someone's health): `Cache-Control:
    no-store, private`, so neither a shared computer's browser nor a proxy keeps a copy
    after they sign out. Every such page, not only those decorated with
    `sensitive_response`, which a new view could forget. A view that sets its own
    Cache-Control keeps it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
