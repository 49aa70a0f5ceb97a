"""Timestamps read from PostgreSQL are the moments Django's own loader would give, in
UTC, parsed by psycopg's C loader wherever psycopg has one."""

import datetime

import psycopg
import pytest
from django.db import connection

from flourish.accounts.models import Organisation
from flourish.core.postgresql_timestamps import TIMESTAMPTZ, TimestampsParsedInC
from flourish.core.prepared import prepared_cursor

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="timestamptz is PostgreSQL's"),
]
WRITTEN = (
    "SELECT '2026-06-01 10:00:00.123456+01'::timestamptz, '1999-12-31 23:59:59-08'::timestamptz"
)
MOMENTS = (
    datetime.datetime(2026, 6, 1, 9, 0, 0, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2000, 1, 1, 7, 59, 59, tzinfo=datetime.UTC),
)


def _loader(cursor):
    return cursor.cursor.adapters.get_loader(TIMESTAMPTZ, psycopg.pq.Format.TEXT)


def test_django_cursors_read_timestamps_as_utc_moments():
    with connection.cursor() as cursor:
        cursor.execute(WRITTEN)
        read = cursor.fetchone()
        assert issubclass(_loader(cursor), TimestampsParsedInC)
    assert read == MOMENTS
    assert all(moment.tzinfo is datetime.UTC for moment in read)


def test_prepared_statements_read_them_the_same_way():
    with prepared_cursor() as cursor:
        cursor.execute(WRITTEN)
        assert cursor.fetchone() == MOMENTS


def test_the_parsing_is_psycopgs_c_loader():
    # psycopg[binary] is pinned in pyproject.toml: the C loader is always there to use.
    assert TimestampsParsedInC.parser.__module__.startswith("psycopg_binary")


def test_a_saved_moment_reads_back_to_the_microsecond():
    made = Organisation.objects.create(name="Timekeepers")
    again = Organisation.objects.filter(pk=made.pk).values_list("created_at", flat=True).get()
    assert again == made.created_at  # as Python wrote it
    assert again.tzinfo is datetime.UTC
