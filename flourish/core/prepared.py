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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper
from django.db.models import Model, QuerySet


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


# Statements written for `rows_with_ids`, `rows_written_once` and `written.py`, in each
# thread (a statement's compiler holds its thread's connection), at most this many: two
# kinds of page, each of up to a hundred, a few reads for each timebank a coordinator
# opens, and one of each private page's reads.
_written = threading.local()
WRITTEN_UP_TO = 256


def statements_written() -> dict[tuple[Any, ...], Any]:
    written = getattr(_written, "statements", None)
    if written is None:
        written = _written.statements = {}
    elif len(written) >= WRITTEN_UP_TO:
        written.clear()
    return written


def _run(compiler: Any, sql: str, params: Sequence[Any], using: str, *, prepare: bool) -> list[Any]:
    """A written statement run with `params`, with Django's own conversions applied as if
    its queryset had been iterated."""
    with prepared_cursor(using) if prepare else connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return list(compiler.results_iter(results=[fetched]))


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
    written = statements_written()
    using = rows.db  # the replica, unless this request must read its own writes
    key = (name, using, len(ids))
    if key not in written:
        compiler = rows.filter(pk__in=ids).query.get_compiler(using)
        sql, params = compiler.as_sql()
        if list(params) != ids:
            raise ValueError(f"{name}: the statement must take the ids and nothing else")
        written[key] = (compiler, sql, list(params))
    compiler, sql, _params = written[key]
    return _run(compiler, sql, ids, using, prepare=True)


def rows_written_once(
    rows: Callable[[], QuerySet[Any]], values: Sequence[Any], *, name: str, model: type[Model]
) -> list[Any]:
    """The rows of the `values_list()` queryset `rows()` builds, which takes `values` and
    nothing else: written once in each thread for these values, and run again as it was
    written.

    For a private page's few small reads, whose writing costs more than their running: a
    coordinator's dashboard reads four short lists, each of which Django took 0.5–1.0 ms
    to write, and PostgreSQL 0.2 ms to run. They are not prepared: a plan made once for
    any timebank read every exchange to find the few disputed ones (13 ms, against 0.2 ms
    planned for the values given). `name` names what `rows` reads, and `model`
    is the one it reads from (for the database to read from). The statement's values
    must be `values`, in order, checked when it is written: a statement written for one
    timebank is never run for another. `rows` must read nothing but `values` that could
    change how it is written (the language, a setting): make them values too."""
    using = router.db_for_read(model)  # the replica, unless this request wrote
    key = (name, using, *values)
    written = statements_written()
    if key not in written:
        compiler = rows().query.get_compiler(using)
        sql, params = compiler.as_sql()
        # As Django binds them: on SQLite a date is bound as its text.
        if [str(each) for each in params] != [str(each) for each in values]:
            raise ValueError(
                f"{name}: the statement must take {list(values)!r} and nothing else, "
                f"in that order; it takes {list(params)!r}"
            )
        written[key] = (compiler, sql, list(params))
    compiler, sql, params = written[key]
    return _run(compiler, sql, params, using, prepare=False)
