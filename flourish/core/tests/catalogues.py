"""Reads the committed Welsh and Urdu catalogues (.po files) for the tests.

A small reader rather than a new dependency: the tests only need each entry's
English, its translations (one per plural form) and whether it is fuzzy.
Obsolete entries (`#~`) are left out, as gettext itself ignores them.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

LANGUAGES = ["cy", "ur"]

# What must survive translation unchanged: Python and brace placeholders, HTML
# tags (with their attributes, so a phone link keeps its number) and entities.
PLACEHOLDER = re.compile(
    r"%\([a-z_0-9]+\)[sdr]|%[sd]|%%|\{[a-z_0-9]*\}|</?[a-zA-Z][^>]*>|&[a-z#0-9]+;"
)
_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)?\s*"(.*)"$')


@dataclass(frozen=True)
class Entry:
    msgid: str
    msgid_plural: str
    translations: tuple[str, ...]  # msgstr, or msgstr[0], msgstr[1], ... for plurals
    fuzzy: bool
    where: str  # the first "#:" reference, to say where a problem string is used
    msgctxt: str = ""  # the context (pgettext) that tells this msgid from the same words

    @property
    def translated(self) -> bool:
        return bool(self.translations) and all(self.translations)


def catalogue_path(language: str, locale_dir: Path | None = None) -> Path:
    folder = locale_dir or Path(settings.LOCALE_PATHS[0])
    return folder / language / "LC_MESSAGES" / "django.po"


def catalogue_paths(language: str) -> list[Path]:
    """The project's catalogue, then each app's own (an app with a `locale` folder keeps
    its strings there, so its team can translate them without touching the shared file)."""
    shared = Path(settings.LOCALE_PATHS[0])
    apps = sorted(shared.parent.glob("*/locale"))
    return [catalogue_path(language, folder) for folder in [shared, *apps]]


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda match: _ESCAPES.get(match[1], match[1]), text)


def _entry(block: str) -> Entry | None:
    fields: dict[str, str] = {}
    key = ""
    for line in block.splitlines():
        match = _LINE.match(line.strip())
        if match is None:
            continue
        key = match[1] or key
        fields[key] = fields.get(key, "") + _unescape(match[2])
    if "msgid" not in fields or not fields["msgid"]:
        return None  # the header, or a block of comments only
    plural_keys = sorted((k for k in fields if k.startswith("msgstr[")), key=lambda k: int(k[7:-1]))
    references = re.findall(r"^#: (\S+)", block, flags=re.MULTILINE)
    return Entry(
        msgid=fields["msgid"],
        msgid_plural=fields.get("msgid_plural", ""),
        translations=tuple(fields[k] for k in plural_keys) or (fields.get("msgstr", ""),),
        fuzzy=bool(re.search(r"^#,.*\bfuzzy\b", block, flags=re.MULTILINE)),
        where=references[0] if references else "",
        msgctxt=fields.get("msgctxt", ""),
    )


def read_catalogue(path: Path) -> list[Entry]:
    """Every current entry of a .po file, in file order."""
    blocks = re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))
    current = [block for block in blocks if not block.lstrip().startswith("#~")]
    return [entry for entry in map(_entry, current) if entry is not None]


def plural_forms(path: Path) -> int:
    """How many plural forms the catalogue's header says the language has."""
    found = re.search(r"nplurals=(\d+)", path.read_text(encoding="utf-8"))
    assert found, f"{path} has no Plural-Forms header"
    return int(found[1])


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def _as_shown(piece: str) -> str:
    """A piece of English as a pattern for the text a browser shows (no tags, one space)."""
    return re.escape(" ".join(piece.replace("%%", "%").split()))


# A placeholder stands for a name, number, amount or date: a few words at most. So a
# group's own sentence that starts "Run by and for people…" is not taken for an
# untranslated "Run by %(group)s".
_FILLED = r"\S+(?:\s+\S+){0,4}?"


def _pattern(english: str) -> re.Pattern[str]:
    """A tag shows as nothing and a placeholder as a few words; the rest as it is written."""
    parts, start = [], 0
    for found in PLACEHOLDER.finditer(english):
        shown = "" if found[0].startswith("<") else _FILLED
        parts += [_as_shown(english[start : found.start()]), shown]
        start = found.end()
    return re.compile(r"\s*".join([*parts, _as_shown(english[start:])]))


def _has_words_of_its_own(english: str) -> bool:
    # "%(least)s to %(most)s" is only placeholders and a joining word: as a pattern it
    # matches any group's own sentence with "to" in it, so it cannot tell English left
    # behind from the group's words. Such strings are checked by the unit tests instead.
    words = re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", english))
    return len(words) >= 2


def english_left_in(texts: list[str], language: str) -> list[str]:
    """The texts (one per element of a page) that are a catalogue string still in English.

    Each string's placeholders match a few words and its tags nothing (a browser
    shows text, not tags), and a text must be the whole string, so a group's own words
    that happen to contain "Panel" or "Online" are not mistaken for it. Strings
    whose translation is rightly the same as the English are skipped.
    """
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    entries = [entry for path in catalogue_paths(language) for entry in read_catalogue(path)]
    for entry in entries:
        for english, translation in [(entry.msgid, entry.translations[0])] + (
            [(entry.msgid_plural, entry.translations[-1])] if entry.msgid_plural else []
        ):
            if not english.strip() or english == translation:
                continue
            if PLACEHOLDER.search(english) is None:
                exact.add(" ".join(english.split()))
            elif _has_words_of_its_own(english):
                patterns.append(_pattern(english))
    shown = {" ".join(text.split()) for text in texts} - {""}
    return sorted(
        text
        for text in shown
        if text in exact or any(pattern.fullmatch(text) for pattern in patterns)
    )
