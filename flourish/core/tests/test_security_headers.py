"""Every page tells the browser to run only our own code and use no device features,
and pages with decrypted personal details are never kept in a cache."""

import pytest
from django.urls import reverse

from flourish.core.tests.page_checks import PageProblem, check_page


def csp(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        policy[name] = sources
    return policy


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/directory/"])
def test_pages_allow_only_our_own_scripts_and_styles_with_nothing_inline(client, db, url):
    response = client.get(url)

    policy = csp(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_pages_turn_off_the_browser_features_we_never_use(client, db):
    response = client.get("/")

    features = dict(part.split("=") for part in response["Permissions-Policy"].split(", "))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()"


def test_the_page_checker_refuses_inline_script_style_and_event_handlers():
    page = (
        '<html lang="en" dir="ltr"><head><title>Hi</title></head><body><h1>Hi</h1>{}</body></html>'
    )
    check_page(page.format('<script src="/static/a.js"></script>'))
    for inline in [
        "<script>alert(1)</script>",
        "<style>h1 {color: red}</style>",
        '<p style="color: red">x</p>',
        '<button onclick="go()">Go</button>',
        '<a href="javascript:go()">Go</a>',
    ]:
        with pytest.raises(PageProblem):
            check_page(page.format(inline))


def no_store(response) -> bool:
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_a_persons_own_details_are_never_cached(client, owner):
    client.force_login(owner)

    assert no_store(client.get(reverse("accounts:profile")))
    assert no_store(client.get(reverse("accounts:preferences")))


def test_no_page_drawn_for_someone_signed_in_is_kept_and_a_public_page_may_be(client, owner):
    # The home page sets no header of its own: signed in, it is theirs alone.
    assert not no_store(client.get(reverse("core:home")))
    client.force_login(owner)
    assert no_store(client.get(reverse("core:home")))
    assert no_store(client.get(reverse("directory:search")))
