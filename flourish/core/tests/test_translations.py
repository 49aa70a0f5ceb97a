"""The Welsh and Urdu catalogues are complete, compiled, committed and used by the layout."""

import gettext

import pytest
from django.urls import reverse

from flourish.core.tests.catalogues import (
    LANGUAGES,
    Entry,
    catalogue_paths,
    placeholders,
    plural_forms,
    read_catalogue,
)

pytestmark = pytest.mark.django_db


def home_page_in(client, language: str):
    client.cookies["django_language"] = language
    return client.get(reverse("core:home")).content.decode()


def test_the_urdu_home_page_shows_the_urgent_help_heading_in_urdu(client):
    html = home_page_in(client, "ur")

    assert "اگر آپ کو ابھی مدد کی ضرورت ہے" in html
    assert "If you need help now" not in html


def test_the_welsh_home_page_shows_the_urgent_help_heading_in_welsh(client):
    html = home_page_in(client, "cy")

    assert "Os oes angen help arnoch chi nawr" in html
    assert "If you need help now" not in html


def test_the_urdu_urgent_help_keeps_the_phone_numbers_dialable_and_left_to_right(client):
    html = home_page_in(client, "ur")

    for number, shown in [("116123", "116 123"), ("111", "111"), ("999", "999")]:
        assert f'href="tel:{number}" dir="ltr">{shown}</a>' in html


def test_the_english_home_page_is_unchanged_by_the_catalogues(client):
    html = home_page_in(client, "en-gb")

    assert "If you need help now" in html
    assert "Skip to main content" in html


# Strings whose Welsh or Urdu is rightly the same as the English: words Welsh
# shares with English, the space that joins "2 hours 30 minutes", and a meeting's
# day and time, which Welsh joins with the same comma (Urdu writes its own).
MEETING_TIMES = {
    '%(date)s, <span dir="ltr">%(opens)s–%(closes)s</span>',
    '%(frequency)s, %(weekday)s <span dir="ltr">%(opens)s–%(closes)s</span>',
}
SAME_AS_ENGLISH = {
    "cy": {
        "person",
        "Person",
        "cost",
        "Cost",
        "Panel",
        "Grant",
        "%(counter)s grant",
        " ",
        ", ",  # between the items of a list
        *MEETING_TIMES,
    },
    "ur": {" "},
}


def problems_in(language: str, problem) -> list[str]:
    """`where: msgid` for each entry of the committed catalogue that `problem` flags."""
    found = []
    for path in catalogue_paths(language):
        entries = read_catalogue(path)
        assert entries, f"No entries read from {path}"
        forms = plural_forms(path)
        found += [f"{entry.where}: {entry.msgid!r}" for entry in entries if problem(entry, forms)]
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_catalogue_has_a_translation_that_is_not_a_guess(language):
    def untranslated(entry: Entry, forms: int) -> bool:
        wrong_forms = bool(entry.msgid_plural) and len(entry.translations) != forms
        return not entry.translated or entry.fuzzy or wrong_forms

    assert problems_in(language, untranslated) == [], (
        f"Translate these into {language} in its django.po (every plural form), "
        "remove any `#, fuzzy` line, then run `make messages`."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_keeps_the_placeholders_and_html_of_its_english(language):
    def changed(entry: Entry, forms: int) -> bool:
        english = placeholders(entry.msgid_plural or entry.msgid)
        return any(placeholders(text) != english for text in entry.translations)

    assert problems_in(language, changed) == [], (
        "Keep every %(name)s, {name}, HTML tag and entity exactly as in the English."
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_translation_is_left_in_english(language):
    def english(entry: Entry, forms: int) -> bool:
        same = entry.translations[0] == entry.msgid
        return same and entry.msgid not in SAME_AS_ENGLISH[language]

    assert problems_in(language, english) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_committed_mo_file_matches_its_po_file(language):
    stale = []
    for path in catalogue_paths(language):
        with (path.parent / "django.mo").open("rb") as compiled:
            catalogue = gettext.GNUTranslations(compiled)
        expected = {
            (entry.msgctxt, entry.msgid): entry.translations[0]
            for entry in read_catalogue(path)
            if not entry.msgid_plural and entry.translated and not entry.fuzzy
        }
        stale += [
            msgid
            for (context, msgid), msgstr in expected.items()
            if (catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid))
            != msgstr
        ]
    assert stale == [], "Run `make messages` to recompile the catalogues."


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_same_english_is_translated_the_same_in_every_app(language):
    """Django merges every app's catalogue into one, and for the same English (and
    context) only one app's translation is ever shown: a second meaning must have a
    context of its own ("Report" as a link to tell the moderators, not a funder's report)."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    clashes = []
    for path in catalogue_paths(language):
        for entry in read_catalogue(path):
            key = (entry.msgctxt, entry.msgid)
            first = seen.setdefault(key, (entry.translations[0], entry.where))
            if first[0] != entry.translations[0]:
                clashes.append(f"{entry.msgid!r}: {first[1]} and {entry.where}")
    assert clashes == [], "Give one of each pair a context: {% translate '…' context '…' %}."
