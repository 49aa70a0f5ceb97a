"""A cursor whose statements PostgreSQL plans once per connection, for the few that are
costly to plan and run on every public page.

Directory search ranks offers and groups in one statement that joins five tables
twice over. PostgreSQL spent 2.5–5 ms planning it and 1–2 ms running it. Prepared, it
is planned once per connection, for any values, and each later run takes 0.01 ms to
plan. Flourish's connections ask for that one plan from the first run
(`plan_cache_mode=force_generic_plan`, set in `settings.py`; it touches only prepared
statements, and only these are). The statements are written so that one plan suits
every postcode: the places are walked district by district, nearest first
(`directory/ranking.py`), and the words searched for are written into the statement,
so that "peer" and "urdu" each get a plan made knowing how common they are
(`directory/fulltext.py`).

Django keeps prepared statements off, and binds values into the SQL text on the
client, so that connection poolers in transaction mode (PgBouncer before 1.21) keep
working. These statements are prepared on purpose: a pooler must run in session mode, or be
PgBouncer 1.21 or later with `max_prepared_statements` set; otherwise set
DATABASE_PREPARED_STATEMENTS=false (docs/deployment.md). On SQLite there is nothing
to prepare, and this is Django's own cursor.
"""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


class PreparedCursor(psycopg.Cursor):
    """Binds values on the server and prepares every statement it runs."""

    def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
        return super().execute(query, params, **{**options, "prepare": True})


class LoggedPreparedCursor(CursorDebugWrapper):
    """Logs each statement with its values written in, as Django logs its own (it reads
    them back from a cursor that binds on the client, which this one does not), so
    query counts and logs read the same whichever cursor ran a query."""

    def execute(self, sql: Any, params: Any = None) -> Any:
        with self.debug_sql(self.db.ops.compose_sql(sql, params)):
            return CursorWrapper.execute(self, sql, params)


@contextmanager
def prepared_cursor(using: str = DEFAULT_DB_ALIAS) -> Iterator[Any]:
    """Like `connections[using].cursor()`, with each statement prepared on PostgreSQL.
    Its queries are logged and counted as every other query is."""
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = PreparedCursor(connection.connection)
    wrap = LoggedPreparedCursor if connection.queries_logged else CursorWrapper
    with wrap(raw, connection) as cursor:
        yield cursor


# Statements written for `rows_with_ids`, in each thread (a statement's compiler holds its
# thread's connection), at most this many: two kinds of page, each of up to a hundred.
_written = threading.local()
WRITTEN_UP_TO = 256


def rows_with_ids(rows: Any, ids: Sequence[int], *, name: str) -> list[Any]:
    """The rows of `rows.filter(pk__in=ids)`, its statement prepared on PostgreSQL, with
    Django's own conversions applied as if the queryset had been iterated.

    For reads whose writing and planning cost more than their running: a page of Open
    Referral summaries joins four tables by a page of ids, and PostgreSQL spent 1.5 ms
    planning it and 0.9 ms running it. Prepared, it is planned once per connection for
    each page size. Django's writing of it (building the query, then its SQL) took
    another 0.6 ms, so it is written once for each number of ids, in each thread, and
    run again with other ids. `name` names what `rows` reads; `rows` must be a
    `values_list()` queryset that binds no values of its own."""
    ids = list(dict.fromkeys(ids))  # the database would return a repeated id once
    written = getattr(_written, "statements", None)
    if written is None:
        written = _written.statements = {}
    using = rows.db  # the replica, unless this request must read its own writes
    key = (name, using, len(ids))
    if key not in written:
        if len(written) >= WRITTEN_UP_TO:
            written.clear()
        compiler = rows.filter(pk__in=ids).query.get_compiler(using)
        sql, params = compiler.as_sql()
        if list(params) != ids:
            raise ValueError(f"{name}: the statement must take the ids and nothing else")
        written[key] = (compiler, sql)
    compiler, sql = written[key]
    with prepared_cursor(using) as cursor:
        cursor.execute(sql, ids)
        fetched = cursor.fetchall()
    return list(compiler.results_iter(results=[fetched]))
