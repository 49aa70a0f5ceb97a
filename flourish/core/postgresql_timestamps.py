"""Timestamps read from PostgreSQL by psycopg's C parser, not its Python one.

Django's PostgreSQL backend reads every `timestamptz` through a loader of its own, so
that each value carries the time zone Django expects. That loader subclasses
psycopg's pure-Python one, so even with psycopg's C extension installed every
timestamp on every page is parsed in Python: the hundred on a page of Open Referral
services at locations took about 0.4 ms, an eighth of the page. (Django ticket #36960;
psycopg's C loader cannot be subclassed.)

`TimestampsParsedInC` does what Django's loader does, the same value with the same
time zone, but hands the parsing to whichever loader psycopg would itself use (the C
one when it is installed). It is registered on each new connection; Django's cursors
then leave it alone, because its `timezone` is the one they look for.
"""

import datetime
from functools import lru_cache
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from psycopg import abc, adapters
from psycopg.adapt import AdaptersMap, Loader
from psycopg.postgres import types
from psycopg.pq import Format
from psycopg.types.datetime import TimestamptzLoader

TIMESTAMPTZ = types["timestamptz"].oid


def _fastest_parser() -> type[abc.Loader]:
    # psycopg puts its C version in place of a loader registered, where it has one.
    scratch = AdaptersMap(adapters)
    scratch.register_loader(TIMESTAMPTZ, TimestamptzLoader)
    parser = scratch.get_loader(TIMESTAMPTZ, Format.TEXT)
    assert parser is not None
    return parser


class TimestampsParsedInC(Loader):
    # Django's cursors compare this with their connection's, as they do with Django's own.
    timezone: datetime.tzinfo | None = None
    parser = _fastest_parser()

    def __init__(self, oid: int, context: Any = None) -> None:
        super().__init__(oid, context)
        self._parse = self.parser(oid, context).load

    def load(self, data: Any) -> datetime.datetime:
        return self._parse(data).replace(tzinfo=self.timezone)


@lru_cache
def _loader_in(zone: datetime.tzinfo | None) -> type[TimestampsParsedInC]:
    return type("TimestampsParsedInC", (TimestampsParsedInC,), {"timezone": zone})


def read_timestamps_in_c(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """On each new PostgreSQL connection (Django's `connection_created`)."""
    if connection.vendor != "postgresql":
        return
    loader = _loader_in(connection.timezone)
    connection.connection.adapters.register_loader(TIMESTAMPTZ, loader)
