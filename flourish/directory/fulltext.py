"""Full-text search over listings and offers, on PostgreSQL and on SQLite alike.

PostgreSQL matches a GIN-indexed `search_vector` (a tsvector of `search_text` in the
"english" configuration) against `plainto_tsquery`; SQLite matches an FTS5 table with the
porter tokenizer, one per model, whose rowid is the row's id. Both stem English words, so
"walking" finds "walk" and "talking" finds "talk". Callers only ever see `words_match()`,
a filter for the model's queryset; the writes that keep both indexes in step are in
`services/search_index.py`, and the SQLite tables are made by migration 0003.
"""

import hashlib
import json
import re

from django.contrib.postgres.search import SearchConfig, SearchQuery
from django.core.cache import caches
from django.db import connection
from django.db.models import Model, Q, Value
from django.db.models.expressions import RawSQL
from psycopg import sql

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


# A search near a postcode starts from the places nearby, nearest first, and checks each
# one's offer for the words, stopping once it has a page. For a rare word in a city
# ("urdu" near E8) that means checking thousands of offers to find a handful: 40-70 ms.
# Starting instead from the few offers that have the word (the GIN index) takes 4 ms,
# but for a common word it is ten times slower than the nearest-first walk. Which to do
# turns on how many offers have the words, as PostgreSQL itself estimates it.
RARE_UP_TO = 1000
# A search by words alone lists offers by name. For a common word PostgreSQL walks the
# name index and stops at a page: 0.6 ms for "peer", in 11,000 offers. But words are
# often in names, so the offers with two words ("women peer", 1,200 of them) can all
# sit late in the alphabet: the walk read 30,000 names to find 20 (35 ms), where
# sorting the 1,200 took 5. Up to this many, the offers with the words are sorted.
SORT_UP_TO = 5000
ESTIMATE_SECONDS = 60 * 60


class WrittenIn(Value):
    """Words written into the statement as a quoted literal, not bound as a value.

    Directory search's statements are prepared and planned once per connection for
    any value bound into them (`core/prepared.py`). How to find offers turns on how
    many have the words: from the places nearby for "peer", from the words' index for
    "urdu". With the words written in, each set of words is its own statement, planned
    knowing how common its words are, and reused for every postcode and page."""

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def, override]
        return self.literal(), []

    def literal(self) -> str:
        # Quoted by the driver itself (no connection needed); `search_words` has left
        # only letters, digits and spaces anyway.
        return sql.Literal(str(self.value)).as_string()


def words_match(model: type[Model], text: str, *, at: str = "", rare_first: bool = False) -> Q:
    """Rows of `model` (Listing or Offer), reached through `at` (e.g. "offer__" from an
    offer's place), whose search text has every word, stemmed.

    Text with no searchable words matches everything, as an empty search box does.
    With `rare_first` (see `few_rows_with`), PostgreSQL finds the rows with the words
    first; the rows matched are the same either way.
    """
    words = search_words(text)
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        if rare_first:
            table = model._meta.db_table
            words_sql = WrittenIn(" ".join(words)).literal()
            # OFFSET 0 keeps PostgreSQL from folding this into the join: the few rows
            # with the words are found once, then each place nearby is checked against them.
            matching = RawSQL(
                f"SELECT id FROM {table} "
                f"WHERE search_vector @@ plainto_tsquery('english', {words_sql}) OFFSET 0",
                [],
            )
            return Q(**{f"{at}pk__in": matching})
        english = SearchConfig(WrittenIn("english"))
        words_query = SearchQuery(WrittenIn(" ".join(words)), config=english)
        return Q(**{f"{at}search_vector": words_query})
    table = FTS_TABLES[model._meta.model_name or ""]
    # Each word quoted, so FTS5 reads none of them as an operator (AND, NEAR, column:).
    match = " ".join(f'"{word}"' for word in words)
    matching = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])
    return Q(**{f"{at}pk__in": matching})


def few_rows_with(model: type[Model], text: str, *, up_to: int | None = None) -> bool:
    """Whether at most `up_to` rows have the words, as PostgreSQL estimates it: a search
    near a postcode then starts from them (RARE_UP_TO), and one by name sorts them all
    (SORT_UP_TO). Only PostgreSQL can tell; SQLite always says no."""
    words = search_words(text)
    if not words or connection.vendor != "postgresql":
        return False
    return _estimated_rows_with(model, words) <= (RARE_UP_TO if up_to is None else up_to)


def _estimated_rows_with(model: type[Model], words: list[str]) -> float:
    """How many rows PostgreSQL expects to have every word: its planner's estimate
    (EXPLAIN runs nothing), kept for an hour, since it only chooses the plan."""
    # A digest, so that any words make a key every cache backend accepts.
    digest = hashlib.sha256(" ".join(words).encode()).hexdigest()
    key = f"fulltext-estimate:{model._meta.label}:{digest}"
    estimate = caches["fragments"].get(key)
    if estimate is None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {model._meta.db_table} "
                "WHERE search_vector @@ plainto_tsquery('english', %s)",
                [" ".join(words)],
            )
            plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        estimate = float(plan[0]["Plan"]["Plan Rows"])
        caches["fragments"].set(key, estimate, ESTIMATE_SECONDS)
    return float(estimate)
