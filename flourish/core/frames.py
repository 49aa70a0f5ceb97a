"""A page drawn once as a frame with holes, and filled in for each request.

A search's results differ with every search, but the rest of its page does not: the
layout (header, footer, skip link, scripts) and the page's own headings, hints and
buttons are the same for everyone who reads it in the same language, with the same
menu. Drawing them took about 1 ms a request in the template engine, as long as the
whole of a bare page. Here they are drawn once, with a marker at each hole, and kept
in this process; each request puts in its own holes (the results, the form as typed)
and the header's own two (its CSRF token and its address).

What keeps a frame from showing anyone else's page:
- It is drawn from a context holding only what it is keyed by: the template, the
  page's `context` (which must not differ between two people who should see different
  pages, and is part of the key), the language, the menu the person may follow, and
  the URLs this process reverses with. It is drawn without the request, so nothing of
  the person, their session or their CSRF token can reach it, and a `{% csrf_token %}`
  in a framed template draws nothing rather than someone's token.
- A request with messages waiting is drawn in full, since messages are that person's.
- What goes in a hole is the caller's, already escaped; the frame is split at its
  markers when drawn, so nothing put in a hole is ever searched for another marker.

A *part* of a page (a search's results column) is drawn the same way by `framed_part`,
without a header: its count and page numbers are the frame's plain values, and its
cards and the addresses of the pages either side are its holes.

Templates and translations change only when the site is deployed and the processes
restart; while developing (DEBUG), the frame is drawn afresh every time.
"""

import re
from collections.abc import Hashable, Mapping
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.contrib.messages import get_messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi, override

from flourish.core import layout

# The header's markers (core/layout.py) and each hole's.
_MARKERS = re.compile(
    f"({re.escape(layout.CSRF_INPUT)}|{re.escape(layout.THIS_PAGE)}|<!--hole:\\w+-->)"
)

# A part has no header: only its holes.
_HOLES = re.compile(r"(<!--hole:\w+-->)")


# What a frame's context may hold: values that compare equal only when they show the same.
KEYED_BY_VALUE = (str, int, float, bool, type(None), Promise)


def hole(name: str) -> str:
    return f"<!--hole:{name}-->"


def render_framed(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Hashable],
    *,
    holes: Mapping[str, SafeString],
) -> HttpResponse:
    """What `render(request, template_name, {**context, **holes})` would give, drawn from
    a frame kept for everyone whose page differs from this one only in its `holes`.

    The template may read `context`, `holes` and the layout's language and direction,
    but nothing else of the request or the person (their name, their permissions)."""
    _check_plain(context)
    if get_messages(request):
        return render(request, template_name, {**context, **holes})
    draw = _draw_frame if settings.DEBUG else _kept_frame
    menu = layout.Menu.for_user(getattr(request, "user", None))
    parts = draw(
        template_name,
        tuple(sorted(context.items())),
        tuple(sorted(holes)),
        menu,
        *layout.links_drawn_with(),
    )
    filling = {**layout.request_markers(request), **{hole(k): v for k, v in holes.items()}}
    return HttpResponse(_filled(parts, filling))


def framed_part(
    template_name: str, context: Mapping[str, Hashable], *, holes: Mapping[str, SafeString]
) -> SafeString:
    """What `render_to_string(template_name, {**context, **holes})` would give, without
    a request: a part of a page (a search's results column) drawn from a frame kept for
    every part that differs from it only in its `holes`.

    Drawn with the request, a part runs every context processor, which cost a search's
    results column two thirds of the time its template took. The template may read
    `context`, `holes` and the language, and nothing of the request or the person."""
    _check_plain(context)
    draw = _draw_part if settings.DEBUG else _kept_part
    parts = draw(
        template_name,
        tuple(sorted(context.items())),
        tuple(sorted(holes)),
        *layout.links_drawn_with(),
    )
    # Both the frame and what is put in its holes are escaped already.
    return mark_safe(_filled(parts, {hole(k): v for k, v in holes.items()}))


def _check_plain(context: Mapping[str, Hashable]) -> None:
    if not all(isinstance(value, KEYED_BY_VALUE) for value in context.values()):
        # A row compares equal to itself after it changes: the frame would be kept.
        raise TypeError("A frame's context holds plain values (text, numbers), not rows.")


def _filled(parts: tuple[str, ...], filling: Mapping[str, str]) -> str:
    # Even places hold the frame's own text, odd places its markers.
    return "".join(filling[part] if n % 2 else part for n, part in enumerate(parts))


def _draw_frame(
    template_name: str,
    context: tuple[tuple[str, Any], ...],
    hole_names: tuple[str, ...],
    menu: layout.Menu,
    language: str,
    script_prefix: str,
    urlconf: str,
) -> tuple[str, ...]:
    # The prefix and URLconf are part of the key: they are set for this thread already.
    with override(language):
        drawn_with = {
            **dict(context),
            **{name: mark_safe(hole(name)) for name in hole_names},
            # What the layout reads from the context processors, for this language.
            "LANGUAGE_CODE": language,
            "text_direction": "rtl" if get_language_bidi() else "ltr",
            "frame_header": layout.header_with_markers(menu),
        }
        html = render_to_string(template_name, drawn_with)
    return tuple(_MARKERS.split(html))


# A few pages, three languages, a few kinds of person, a few shapes of each page.
_kept_frame = lru_cache(maxsize=256)(_draw_frame)


def _draw_part(
    template_name: str,
    context: tuple[tuple[str, Any], ...],
    hole_names: tuple[str, ...],
    language: str,
    script_prefix: str,
    urlconf: str,
) -> tuple[str, ...]:
    with override(language):
        holes = {name: mark_safe(hole(name)) for name in hole_names}
        html = render_to_string(template_name, {**dict(context), **holes})
    return tuple(_HOLES.split(html))


# Parts are small (a heading and the links to other pages), and more of them differ: a
# count of results and a page number for each.
_kept_part = lru_cache(maxsize=2048)(_draw_part)
