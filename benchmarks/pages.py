"""Timing a page the way a person meets it: through the whole Django stack, beside the floor.

Each run times one request to the floor (`benchmarks.floor`) and one to the page with
the same client, so both see the same person, the same middleware and the same load on
the machine. The page is reported as its median server time, its most queries, and
the median of its time over the floor's, pair by pair.
"""

import statistics
import time
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.floor import FLOOR_URL

RUNS = 25
# For timing a page as it is built when nothing it keeps in the cache is there yet.
DUMMY_CACHE = "django.core.cache.backends.dummy.DummyCache"
_benchmarks_with_statistics: set[str] = set()


def gather_planner_statistics(benchmark: str) -> None:
    """Once per benchmark, before its first page: a live database has planner statistics
    (autovacuum gathers them on PostgreSQL), but one just bulk-loaded has none, and the
    planner then guesses blind (a staff list searched by group name took 245 ms to
    count 1,250 rows without them, and 6 ms with them). Autovacuum also marks which
    pages of a table every reader can see, without which an index holding all a query
    needs (a service's contacts) is read together with the table."""
    if benchmark in _benchmarks_with_statistics:
        return
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    _benchmarks_with_statistics.add(benchmark)


def _timed(client: Client, url: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (url, response.status_code)
    return elapsed, len(captured.captured_queries)


def measure_page(report: Any, client: Client, label: str, url: str, runs: int = RUNS) -> float:
    """Report a page's median server time and queries, and its ratio to the floor."""
    gather_planner_statistics(report.benchmark)
    _timed(client, FLOOR_URL)  # warm the floor's own caches (template, connection)
    _timed(client, url)
    page_times, floor_times, queries = [], [], set()
    for _ in range(runs):
        floor_ms, _floor_queries = _timed(client, FLOOR_URL)
        page_ms, page_queries = _timed(client, url)
        floor_times.append(floor_ms)
        page_times.append(page_ms)
        queries.add(page_queries)
    page, floor = statistics.median(page_times), statistics.median(floor_times)
    # The ratio is the median of each page request's time over the floor request's just
    # before it: on a shared machine load comes in bursts, and a burst that slows a few
    # requests moves one median more than the other, but seldom both halves of a pair.
    ratio = statistics.median(p / f for p, f in zip(page_times, floor_times, strict=True))
    report.page(label, page, max(queries), ratio)
    report.note(f"{'':<4}(floor {floor:.2f} ms, the same person through the same middleware)")
    return ratio
