"""Timing a page the way a person meets it: through the whole Django stack."""

import statistics
import time
from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

RUNS = 25


def measure_page(report: Callable[..., None], client: Client, label: str, url: str) -> None:
    """Report a page's median server time over RUNS requests, and the most queries it made."""
    timings, queries = [], set()
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.add(len(captured.captured_queries))
    report(f"{label} (median)", statistics.median(timings), "ms")
    report(f"{label} (queries)", max(queries), "queries")
