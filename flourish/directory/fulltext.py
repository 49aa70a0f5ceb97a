"""Full-text search over listings and offers, on PostgreSQL and on SQLite alike.

PostgreSQL matches a GIN-indexed `search_vector` (a tsvector of `search_text` in the
"english" configuration) against `plainto_tsquery`; SQLite matches an FTS5 table with the
porter tokenizer, one per model, whose rowid is the row's id. Both stem English words, so
"walking" finds "walk" and "talking" finds "talk". Callers only ever see `words_match()`,
a filter for the model's queryset; the writes that keep both indexes in step are in
`services/search_index.py`, and the SQLite tables are made by migration 0003.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Model, Q
from django.db.models.expressions import RawSQL

FTS_TABLES = {"listing": "directory_listing_fts", "offer": "directory_offer_fts"}
MAX_WORDS = 8
# Words too common to narrow a search. PostgreSQL's "english" configuration drops these
# (and more) by itself; SQLite's porter tokenizer keeps them, so they are dropped here,
# so that "walk and talk" means the same on both.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "of",
        "on",
        "or",
        "the",
        "their",
        "to",
        "with",
    ]
)


def search_words(text: str) -> list[str]:
    """The words of a search, lower-cased, without punctuation or very common words."""
    words = [word for word in re.findall(r"\w+", text.lower()) if word not in STOP_WORDS]
    return words[:MAX_WORDS]


def words_match(model: type[Model], text: str, *, at: str = "") -> Q:
    """Rows of `model` (Listing or Offer), reached through `at` (e.g. "offer__" from an
    offer's place), whose search text has every word, stemmed.

    Text with no searchable words matches everything, as an empty search box does.
    """
    words = search_words(text)
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        return Q(**{f"{at}search_vector": SearchQuery(" ".join(words), config="english")})
    table = FTS_TABLES[model._meta.model_name or ""]
    # Each word quoted, so FTS5 reads none of them as an operator (AND, NEAR, column:).
    match = " ".join(f'"{word}"' for word in words)
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])
    return Q(**{f"{at}pk__in": matching})
