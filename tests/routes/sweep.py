"""Asking for one URL as one person, and naming what came back in a person's terms."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.signals import got_request_exception
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.routes.resolver import Route
from tests.routes.world import World

# What a person gets back.
PAGE = "page"  # 2xx: the page, a download or JSON
LOGIN = "sign in"  # a redirect to a sign-in page
REDIRECT = "redirect"  # a redirect anywhere else
HIDDEN = "404"  # told nothing, as if it did not exist
POST_ONLY = "405"  # a form's target, asked for with GET
REFUSED = "403"
BAD_REQUEST = "400"
ERROR = "500"

# Examples of the things admin pages and allauth's key links take.
ADMIN_EXAMPLES = {
    "django-admin/(?P<url>.*)$": "/django-admin/no-such-page/",
}


def sign_in_paths() -> tuple[str, ...]:
    return (reverse("account_login"), reverse("admin:login"))


def outcome(response: Any) -> str:
    status = response.status_code
    if status in (301, 302, 303, 307, 308):
        location = urlsplit(response["Location"]).path
        return LOGIN if location in sign_in_paths() else REDIRECT
    if 200 <= status < 300:
        return PAGE
    return {404: HIDDEN, 405: POST_ONLY, 403: REFUSED, 400: BAD_REQUEST}.get(status, ERROR)


def _admin_object_pk(route: Route) -> str:
    model = route.model_admin.model
    first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(first if first is not None else 0)


def admin_arguments(route: Route, world: World) -> dict[str, Any]:
    """Real ids for the admin's pages: the first object of the page's model."""
    arguments: dict[str, Any] = {}
    if "object_id" in route.pattern and route.model_admin is not None:
        arguments["object_id"] = _admin_object_pk(route)
    if "content_type_id" in route.pattern:
        group = world.draft.group
        arguments["content_type_id"] = ContentType.objects.get_for_model(group).pk
        arguments["object_id"] = group.pk
    if "app_label" in route.pattern:
        arguments["app_label"] = "grants"
    return arguments


def url_for(route: Route, arguments: dict[str, Any]) -> str:
    if route.name:
        return reverse(route.name, kwargs=arguments)
    if route.key in ADMIN_EXAMPLES:
        return ADMIN_EXAMPLES[route.key]
    # An unnamed admin page (the old "change" address that redirects to the new one).
    path = route.pattern
    for name, value in arguments.items():
        path = path.replace(f"<path:{name}>", str(value))
    return "/" + path


class SweepClient(Client):
    """The test client without its record of every template rendered and its context,
    which the sweep never reads and which costs more than many of the pages themselves."""

    def request(self, **request: Any) -> Any:
        environ = self._base_environ(**request)
        uid = f"sweep-exception-{id(request)}"
        got_request_exception.connect(self.store_exc_info, dispatch_uid=uid)
        try:
            response = self.handler(environ)
        finally:
            got_request_exception.disconnect(dispatch_uid=uid)
        response.exc_info = self.exc_info
        self.exc_info = None
        if response.cookies:
            self.cookies.update(response.cookies)
        return response


def ask(client: Client, method: str, url: str) -> Any:
    """One request whose changes are all undone, so every request meets the same world: the
    database is rolled back and the person's sign-in cookie put back (a sign-out page,
    asked with POST, would otherwise sign them out for the rest of the sweep)."""
    cookies = client.cookies
    client.cookies = cookies.__class__(cookies)
    try:
        with transaction.atomic():
            send: Callable[..., Any] = client.post if method == "POST" else client.get
            response = send(url)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response
