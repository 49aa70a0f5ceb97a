"""The parts of every page's layout that are the same for everyone who sees them alike:
the site menu and the footer, drawn once per language and kind of person.

Drawing the layout cost as much as the whole of a bare page (about 1 ms): two dozen
links reversed and two dozen phrases translated, the same on every request. The menu
depends only on the reader's language and on which of its links they may follow; the
footer (with the crisis-help numbers) only on the language. Each is drawn from a
context holding exactly those values and nothing else, so it cannot show anything
that belongs to one person, and is kept in this process under them. Translations and
templates change only when the site is deployed and the processes restart; while
developing (DEBUG), they are drawn afresh every time so that edits show at once.
"""

from dataclasses import astuple, dataclass
from functools import lru_cache

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, override

from flourish.core.context_processors import Allowed


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


def site_menu(user: object) -> SafeString:
    """The menu's links for this person, in the active language (without signing in or
    out, whose forms carry this request's CSRF token)."""
    draw = _draw_menu if settings.DEBUG else _kept_menu
    return draw(*_links_drawn_with(), *astuple(Menu.for_user(user)))


def site_footer() -> SafeString:
    """The footer, with the crisis-help numbers, in the active language."""
    draw = _draw_footer if settings.DEBUG else _kept_footer
    return draw(*_links_drawn_with())


def _links_drawn_with() -> tuple[str, str, str]:
    """What the words and links of a drawn part turn on, besides who reads it: the
    language, and the URLs this request reverses with (its script prefix and URLconf)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return get_language(), get_script_prefix(), str(urlconf)


def _draw_menu(language: str, script_prefix: str, urlconf: str, *flags: bool) -> SafeString:
    # The prefix and URLconf are part of the key: they are set for this thread already.
    with override(language):
        html = render_to_string("core/layout/menu_links.html", {"menu": Menu(*flags)})
    return mark_safe(html)  # rendered by the template engine, which escaped it


def _draw_footer(language: str, script_prefix: str, urlconf: str) -> SafeString:
    with override(language):
        html = render_to_string("core/layout/footer.html", {})
    return mark_safe(html)  # rendered by the template engine, which escaped it


# Three languages, a few kinds of person: a handful of entries in all.
_kept_menu = lru_cache(maxsize=256)(_draw_menu)
_kept_footer = lru_cache(maxsize=16)(_draw_footer)
