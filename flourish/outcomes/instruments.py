"""Instrument definition files: read one, check every part of it, and score answers with it.

The format is documented in docs/outcomes.md. A file with any problem is refused whole, with
a message naming where the problem is, so nothing half-loaded ever reaches a person.
"""

import json
import re
from pathlib import Path
from typing import Any

from django.utils.translation import get_language, gettext_noop

# The band names of the shipped instruments, so pages can show them in Welsh and Urdu.
BAND_NAMES = (
    gettext_noop("Low"),
    gettext_noop("Medium"),
    gettext_noop("High"),
    gettext_noop("Very high"),
    gettext_noop("Very low"),
)
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})?$")
BUILT_IN = Path(__file__).parent / "instruments"


class InstrumentError(ValueError):
    """A definition file that cannot be used; the message says where and why."""


def _need(condition: bool, where: str, problem: str) -> None:
    if not condition:
        raise InstrumentError(f"{where}: {problem}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_scale(scale: Any) -> tuple[int, int]:
    _need(isinstance(scale, dict), "scale", "must be an object with min and max")
    low, high = scale.get("min"), scale.get("max")
    _need(
        isinstance(low, int) and isinstance(high, int), "scale", "min and max must be whole numbers"
    )
    _need(low < high, "scale", f"min ({low}) must be less than max ({high})")
    _need(high - low <= 100, "scale", "allows at most 101 answers")
    for key in scale.get("labels", {}):
        _need(
            key.lstrip("-").isdigit() and low <= int(key) <= high,
            f"scale.labels.{key}",
            f"is not an answer from {low} to {high}",
        )
    translated = scale.get("label_translations", {})
    _need(isinstance(translated, dict), "scale.label_translations", "must map languages to labels")
    for language, labels in translated.items():
        where = f"scale.label_translations.{language}"
        _need(bool(LANGUAGE.match(language)), where, "is not a language code such as cy or ur")
        _need(isinstance(labels, dict), where, "must map answers to labels")
        for key, label in labels.items():
            _need(key in scale.get("labels", {}), f"{where}.{key}", "translates no label")
            _need(isinstance(label, str) and bool(label), f"{where}.{key}", "needs words")
    return low, high


def _check_translations(translations: Any, where: str) -> None:
    _need(isinstance(translations, dict), where, "must map language codes to words")
    for language, text in translations.items():
        _need(bool(LANGUAGE.match(language)), f"{where}.{language}", "is not a language code")
        _need(isinstance(text, str) and bool(text.strip()), f"{where}.{language}", "needs words")


def _check_items(items: Any) -> list[str]:
    _need(isinstance(items, list) and len(items) > 0, "items", "must list at least one item")
    keys = []
    for number, item in enumerate(items, start=1):
        where = f"items[{number}]"
        _need(isinstance(item, dict), where, "must be an object with a key")
        key = item.get("key")
        _need(
            isinstance(key, str) and bool(SLUG.match(key)), where, "needs a key of a-z, 0-9, - or _"
        )
        _need(key not in keys, where, f"repeats the key {key!r}")
        _need(isinstance(item.get("text", ""), str), where, "text must be words")
        _check_translations(item.get("text_translations", {}), f"{where}.text_translations")
        keys.append(key)
    return keys


def _check_scoring(
    scoring: Any, items: list[str], low: int, high: int
) -> dict[str, tuple[float, float]]:
    """The keys the instrument scores, each with its lowest and highest possible score."""
    _need(isinstance(scoring, dict), "scoring", "must be an object with a method")
    method = scoring.get("method")
    _need(method in ("each", "sum"), "scoring.method", 'must be "each" or "sum"')
    if method == "each":
        return {key: (low, high) for key in items}
    key = scoring.get("key")
    _need(isinstance(key, str) and bool(SLUG.match(key)), "scoring.key", "names the summed score")
    raw_low, raw_high = low * len(items), high * len(items)
    table = scoring.get("conversion")
    if table is None:
        return {key: (raw_low, raw_high)}
    _need(isinstance(table, dict), "scoring.conversion", "must map each raw total to a score")
    for raw, value in table.items():
        _need(raw.lstrip("-").isdigit(), f"scoring.conversion.{raw}", "is not a whole raw total")
        _need(_number(value), f"scoring.conversion.{raw}", f"score {value!r} is not a number")
    missing = [str(raw) for raw in range(raw_low, raw_high + 1) if str(raw) not in table]
    _need(not missing, "scoring.conversion", f"raw total {', '.join(missing[:3])} has no score")
    extra = [raw for raw in table if not raw_low <= int(raw) <= raw_high]
    _need(not extra, "scoring.conversion", f"raw total {extra[0] if extra else ''} cannot happen")
    values = [float(value) for value in table.values()]
    return {key: (min(values), max(values))}


def _check_bands(bands: Any, scored: dict[str, tuple[float, float]]) -> None:
    _need(isinstance(bands, dict), "bands", "must be an object (it may be empty)")
    for key, rows in bands.items():
        where = f"bands.{key}"
        _need(key in scored, where, "names no score of this instrument")
        _need(isinstance(rows, list) and len(rows) > 0, where, "must list [from, to, label] rows")
        previous: float | None = None
        for number, row in enumerate(rows, start=1):
            row_where = f"{where}[{number}]"
            _need(isinstance(row, list) and len(row) == 3, row_where, "must be [from, to, label]")
            start, end, label = row
            _need(
                _number(start) and _number(end) and start <= end, row_where, "from must not pass to"
            )
            _need(isinstance(label, str) and bool(label), row_where, "needs a label")
            _need(previous is None or start > previous, row_where, "overlaps the band before")
            previous = end
        low, high = scored[key]
        _need(rows[0][0] <= low and rows[-1][1] >= high, where, f"must cover {low:g} to {high:g}")


def definition_check(definition: Any) -> dict[str, Any]:
    """The definition, if every part of it is usable; InstrumentError naming the first problem."""
    _need(isinstance(definition, dict), "file", "must hold one JSON object")
    _need(definition.get("format") == 1, "format", "must be 1")
    slug = definition.get("slug")
    _need(isinstance(slug, str) and bool(SLUG.match(slug)), "slug", "needs a-z, 0-9, - or _")
    for field in ("name", "version"):
        value = definition.get(field)
        _need(isinstance(value, str) and bool(value.strip()), field, "is missing")
    _need(isinstance(definition.get("licence", ""), str), "licence", "must be words")
    low, high = _check_scale(definition.get("scale"))
    items = _check_items(definition.get("items"))
    scored = _check_scoring(definition.get("scoring"), items, low, high)
    _check_bands(definition.get("bands", {}), scored)
    return definition


def definition_read(path: Path) -> dict[str, Any]:
    """Read and check a definition file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstrumentError(f"file: cannot be read ({error})") from error
    try:
        definition = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstrumentError(f"file: is not JSON (line {error.lineno}: {error.msg})") from error
    return definition_check(definition)


def scores_for(definition: dict[str, Any], answers: dict[str, int]) -> dict[str, float]:
    """Each item's answer, and for a summed instrument its (converted) total."""
    scores = {key: float(value) for key, value in answers.items()}
    scoring = definition["scoring"]
    if scoring["method"] == "sum":
        raw = int(sum(answers.values()))
        table = scoring.get("conversion")
        scores[scoring["key"]] = float(table[str(raw)]) if table else float(raw)
    return scores


def scored_keys(definition: dict[str, Any]) -> list[str]:
    """The scores a person's history shows: each item, or the summed scale."""
    scoring = definition["scoring"]
    if scoring["method"] == "sum":
        return [scoring["key"]]
    return [item["key"] for item in definition["items"]]


def band_of(definition: dict[str, Any], key: str, value: float) -> str:
    """The published band a score falls in (for ONS4, the ONS thresholds), or ''."""
    for start, end, label in definition.get("bands", {}).get(key, []):
        if start <= value <= end:
            return str(label)
    return ""


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def item_text(definition: dict[str, Any], key: str) -> str:
    """An item's words in the page's language where the file has them, else as written."""
    for item in definition["items"]:
        if item["key"] == key:
            translated = item.get("text_translations", {}).get(_language())
            return str(translated or item.get("text") or key)
    return key


def scale_labels(definition: dict[str, Any]) -> dict[int, str]:
    """The scale's labelled answers, in the page's language where the file has them."""
    scale = definition["scale"]
    labels = dict(scale.get("labels", {}))
    labels.update(scale.get("label_translations", {}).get(_language(), {}))
    return {int(key): str(label) for key, label in labels.items()}
