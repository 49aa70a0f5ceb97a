"""The pages a group sees, in Welsh and in Urdu, checked in a real browser.

A group should be able to go from the home page through the directory to its own
listing, and from a grants programme through every application question to its
status page and award letter, without meeting English. Each page is opened once
per language and checked for: the right `lang` and `dir` (Urdu right to left),
no axe-core violations (test_pages.py already checks pages.py's pages in Urdu),
and no text in <main> that is a catalogue string still in English. A group's own
words (its name, what it wrote) are not in the catalogue, so they never count.
"""

import pytest
from django.urls import reverse

from flourish.core.tests.catalogues import english_left_in
from tests.browser import test_pages
from tests.browser.fixtures import axe_problems
from tests.browser.pages import ANONYMOUS, MEMBER, PAGES, Page, Scene

LANGUAGES = [("cy", "ltr"), ("ur", "rtl")]

# Pages other areas already list in pages.py, by name.
LISTED = [
    "home",
    "grants programme",
    "grants eligibility question",
    "grants before you start",
    "grants money question",
    "grants check your answers",
    "grants status and award letter",
]

# Every piece of text a person sees in <main>: each element's whole text, its own
# text nodes, and the labels a screen reader reads out.
TEXTS_IN_MAIN = """main => {
  const texts = [];
  for (const element of main.querySelectorAll('*')) {
    texts.push(element.innerText || '');
    for (const node of element.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) texts.push(node.textContent);
    }
    for (const name of ['aria-label', 'alt', 'placeholder', 'title']) {
      if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  return texts;
}"""


def _their_group(scene: Scene):
    from flourish.directory.factories import ListingFactory, offer_meeting_at

    listing = ListingFactory(name="Hearing Voices Headingley", organisation=scene.group)
    return offer_meeting_at(
        postcode="LS6 1AA", weekday=1, name="Tuesday evening group", listing=listing
    ).listing


def _search(scene: Scene) -> str:
    _their_group(scene)
    return reverse("directory:search") + "?postcode=LS6+3AB&distance=10&day=weekdays"


def _question(slug: str) -> Page:
    def url(scene: Scene) -> str:
        from flourish.grants.factories import ProgrammeFactory, application_with_lines

        application = application_with_lines(
            programme=ProgrammeFactory(slug="browser-fund", title="Keep Connected Fund"),
            group=scene.group,
            submitted_by=scene.person,
            status="draft",
        )
        return reverse("grants:question", args=[application.pk, slug])

    return Page(f"grants question {slug}", MEMBER, url)


def group_pages() -> list[Page]:
    from flourish.grants.forms import QUESTIONS

    by_name = {page.name: page for page in PAGES}
    missing = [name for name in LISTED if name not in by_name]
    assert not missing, f"pages.py no longer lists {missing}: update LISTED"
    questions = [_question(q.slug) for q in QUESTIONS if q.form_class is not None]
    return [
        *(by_name[name] for name in LISTED),
        Page("directory search results", ANONYMOUS, _search),
        Page(
            "directory their group",
            MEMBER,
            lambda scene: reverse("directory:listing", args=[_their_group(scene).uuid]),
        ),
        *questions,
    ]


GROUP_PAGES = group_pages()
# test_pages.py already runs axe-core on every page in pages.py in Urdu; once is enough.
ALREADY_CHECKED_BY_AXE = {("ur", page) for page in PAGES}


@pytest.mark.parametrize(("language", "direction"), LANGUAGES, ids=[c for c, _ in LANGUAGES])
@pytest.mark.parametrize("entry", GROUP_PAGES, ids=[entry.name for entry in GROUP_PAGES])
def test_the_group_sees_the_page_in_its_language_with_no_english_left(
    open_page, entry, language, direction
):
    page = open_page(entry, language=language).page

    problems = test_pages.language_problems(page, language, direction)
    if (language, entry) not in ALREADY_CHECKED_BY_AXE:
        problems += axe_problems(page)
    english = english_left_in(page.locator("main").evaluate(TEXTS_IN_MAIN), language)
    problems += [f"Still in English: {text!r}" for text in english]

    assert problems == [], f"{entry.name} ({language}):\n" + "\n".join(problems)
