"""Every page in pages.py, in English and in Urdu, checked in a real browser.

One load of each page answers every question, which keeps the suite fast: is
it in the right language and direction, does axe-core find nothing, does it
reflow at 320 CSS pixels, did it ask only our own server for anything, and did
the Content-Security-Policy have to block nothing. All
problems are collected and reported together, so one run shows everything.
Screenshots at both widths go to test-artifacts/screenshots/ for a person to
look at.
"""

import pytest
from django.utils.text import slugify

from tests.browser.fixtures import NARROW, WIDE, axe_problems, screenshot
from tests.browser.pages import PAGES

LANGUAGES = [("en-gb", "ltr"), ("ur", "rtl")]

# The urgent-help panel has a thick edge on the side a reader starts from:
# left in English, right in Urdu, which proves the right stylesheet arrived.
PANEL_EDGES = """panel => {
  const style = getComputedStyle(panel);
  return [parseFloat(style.borderLeftWidth), parseFloat(style.borderRightWidth)];
}"""


def language_problems(page, language: str, direction: str) -> list[str]:
    problems = []
    html = page.locator("html")
    if (html.get_attribute("lang"), html.get_attribute("dir")) != (language, direction):
        problems.append(f"<html> should have lang={language!r} dir={direction!r}.")
    panel = page.locator(".flourish-help-now")
    if panel.count() != 1:
        return [*problems, "The page has no urgent-help panel: does it extend base.html?"]
    left, right = panel.evaluate(PANEL_EDGES)
    start, end = (left, right) if direction == "ltr" else (right, left)
    if not (start > 0 and end == 0):
        problems.append(f"The {direction} stylesheet did not apply: panel edges {left}, {right}.")
    return problems


def reflow_problems(page) -> list[str]:
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > NARROW["width"]:
        return [f"At {NARROW['width']}px the page is {width}px wide, so it scrolls sideways."]
    return []


@pytest.mark.parametrize(("language", "direction"), LANGUAGES, ids=[c for c, _ in LANGUAGES])
@pytest.mark.parametrize("entry", PAGES, ids=[entry.name for entry in PAGES])
def test_the_page_is_accessible_reflows_and_asks_nothing_of_other_sites(
    open_page, live_server, entry, language, direction
):
    visit = open_page(entry, language=language, viewport=WIDE)
    page = visit.page
    name = f"{slugify(entry.name)}-{language}"

    problems = language_problems(page, language, direction)
    screenshot(visit, f"{name}-{WIDE['width']}")
    problems += axe_problems(page, WIDE["width"])

    page.set_viewport_size(NARROW)
    problems += reflow_problems(page)
    screenshot(visit, f"{name}-{NARROW['width']}")
    problems += axe_problems(page, NARROW["width"])

    # Every request was noted as it started, from before the page loaded to now:
    # no need to wait for the network to go idle (which timed out now and then).
    problems += [
        f"Asked another site for {url}" for url in visit.third_party_requests(live_server.url)
    ]
    problems += [
        f"Blocked by the Content-Security-Policy: {text}" for text in visit.blocked_by_policy
    ]

    assert problems == [], f"{entry.name} ({language}):\n" + "\n".join(problems)
