"""The Welsh and Urdu catalogues are compiled, committed and used by the layout."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

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


PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def po_unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: PO_ESCAPES.get(match[1], match[1]), text)


def po_translations(path: Path) -> dict[str, str]:
    """Translated, non-fuzzy, singular entries of a .po file, as msgid → msgstr."""
    entries: dict[str, str] = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        if "#, fuzzy" in block or "msgid_plural" in block:
            continue
        parts = {"msgid": "", "msgstr": ""}
        key = "msgid"
        for keyword, text in re.findall(r'^(msgid|msgstr|)\s*"(.*)"$', block, flags=re.MULTILINE):
            key = keyword or key
            parts[key] += po_unescape(text)
        if parts["msgid"] and parts["msgstr"]:
            entries[parts["msgid"]] = parts["msgstr"]
    return entries


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_the_committed_mo_file_matches_its_po_file(language):
    folder = Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES"
    with (folder / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    expected = po_translations(folder / "django.po")

    assert len(expected) >= 30
    stale = [msgid for msgid, msgstr in expected.items() if catalogue.gettext(msgid) != msgstr]
    assert stale == [], "Run `make messages` to recompile the catalogues."
