"""The floor every page is measured against: a bare view in Flourish's own settings.

It goes through the same middleware as every page (sessions, sign-in, two-step check,
language, CSRF, messages), makes one query and renders a small template. A page's
figure divided by the floor's, timed in the same run and interleaved request by
request, is what the page itself costs on top of Django: a busy machine slows both
alike, so the ratio cannot be faked by a quiet one.
"""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

from flourish.accounts.models import Organisation

FLOOR_URL = "/__bench__/floor/"

TEMPLATE = engines["django"].from_string(
    "<!doctype html><html lang='en'><title>Floor</title><h1>{{ name }}</h1></html>"
)


def floor(request: HttpRequest) -> HttpResponse:
    first = Organisation.objects.order_by("pk").values_list("name", flat=True).first()
    return HttpResponse(TEMPLATE.render({"name": first or "Nobody yet"}, request))


# The benchmarks' URLconf: the floor, then every real page.
urlpatterns = [
    path(FLOOR_URL.strip("/") + "/", floor),
    path("", include("flourish.urls")),
]
