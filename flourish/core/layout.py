"""The parts of every page's layout that are the same for everyone who sees them alike:
the header (language switcher and site menu) and the footer, drawn once per language
and kind of person.

Drawing the layout cost as much as the whole of a bare page (about 1 ms): two dozen
links reversed and two dozen phrases translated, the same on every request. The header
depends only on the reader's language and on which of the menu's links they may
follow; the footer (with the crisis-help numbers) only on the language. Each is drawn
from a context holding exactly those values and nothing else, so it cannot show
anything that belongs to one person, and is kept in this process under them. The two
things in the header that are this request's own, its CSRF token and the address the
language switcher comes back to, are put in at markers each time. Translations and
templates change only when the site is deployed and the processes restart; while
developing (DEBUG), they are drawn afresh every time so that edits show at once.
"""

from dataclasses import astuple, dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override

from flourish.core.context_processors import Allowed, language_choices

# Where each request puts its own CSRF token and the address it was asked for. Nothing
# anyone typed reaches the drawn header, so these can only come from its template.
CSRF_INPUT = "<!--csrf-->"
THIS_PAGE = "<!--this-page-->"


@dataclass(frozen=True)
class Menu:
    """Which links of the site menu a person may follow."""

    signed_in: bool
    runs_programmes: bool
    holds_money_for_groups: bool
    reviews_listings: bool
    reads_audit_trail: bool

    @classmethod
    def for_user(cls, user: object) -> "Menu":
        allowed = Allowed(user)
        return cls(
            signed_in=bool(getattr(user, "is_authenticated", False)),
            runs_programmes=bool(allowed["grants"]["use_funder_area"]),  # type: ignore[index]
            holds_money_for_groups=bool(allowed["grants"]["hold_money_for_groups"]),  # type: ignore[index]
            reviews_listings=bool(allowed["directory"]["review_listings"]),  # type: ignore[index]
            reads_audit_trail=bool(allowed["core"]["view_audit_trail"]),  # type: ignore[index]
        )


def site_header(request: HttpRequest) -> SafeString:
    """The header for this person, in the active language, with this request's token and
    address in its forms (switching language, signing out)."""
    html = header_with_markers(Menu.for_user(getattr(request, "user", None)))
    for marker, filling in request_markers(request).items():
        html = html.replace(marker, filling)
    # Both fillings are escaped, and the header was escaped by the template engine when drawn.
    return mark_safe(html)


def header_with_markers(menu: Menu) -> str:
    """The header for people who may follow `menu`, in the active language, with the
    markers where each request puts its own token and address."""
    draw = _draw_header if settings.DEBUG else _kept_header
    return draw(*links_drawn_with(), *astuple(menu))


def request_markers(request: HttpRequest) -> dict[str, SafeString]:
    """What each request puts in at the header's markers."""
    return {CSRF_INPUT: csrf_field(request), THIS_PAGE: escape(request.get_full_path())}


def csrf_field(request: HttpRequest) -> SafeString:
    """This request's CSRF field, for a part drawn once for many requests to put in at
    its `CSRF_INPUT` markers (its forms were drawn with the marker, never a token). Made
    once for all of a part's forms: each new one masks the token afresh."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
    )


def site_footer() -> SafeString:
    """The footer, with the crisis-help numbers, in the active language."""
    draw = _draw_footer if settings.DEBUG else _kept_footer
    return draw(*links_drawn_with())


def links_drawn_with() -> tuple[str, str, str]:
    """What the words and links of a drawn part turn on, besides who reads it: the
    language, and the URLs this request reverses with (its script prefix and URLconf)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return get_language(), get_script_prefix(), str(urlconf)


def _draw_header(language: str, script_prefix: str, urlconf: str, *flags: bool) -> str:
    # The prefix and URLconf are part of the key: they are set for this thread already.
    with override(language):
        context = {
            "menu": Menu(*flags),
            "language_choices": language_choices(),
            "csrf_input": mark_safe(CSRF_INPUT),  # a marker, replaced for each request
            "this_page": mark_safe(THIS_PAGE),
        }
        return render_to_string("core/layout/header.html", context)


def _draw_footer(language: str, script_prefix: str, urlconf: str) -> SafeString:
    with override(language):
        html = render_to_string("core/layout/footer.html", {})
    return mark_safe(html)  # rendered by the template engine, which escaped it


# Three languages, a few kinds of person: a handful of entries in all.
_kept_header = lru_cache(maxsize=256)(_draw_header)
_kept_footer = lru_cache(maxsize=16)(_draw_footer)
