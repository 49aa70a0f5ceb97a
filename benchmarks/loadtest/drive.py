"""Drive the server with locust at rising rates and print what each rate achieved.

Each step asks for a rate (users each making one request a second), lets it settle,
then measures a window. The table is the result; the last line is the highest rate
that held with a 95th percentile under 100 ms and no errors. The whole run stops by
itself within two minutes, and early once a rate has clearly failed.
"""

import json
import time

import gevent
from locust.env import Environment

from benchmarks.loadtest import users

RATES = [10, 25, 50, 100, 150, 200, 250, 300]
SETTLE_SECONDS = 3
WINDOW_SECONDS = 10
TARGET_P95_MS = 100


def drive(base_url: str, plan_file: str) -> int:
    with open(plan_file) as handle:
        users.PLAN.update(json.load(handle))
    environment = Environment(user_classes=[users.Visitor], host=base_url)
    runner = environment.create_local_runner()
    rows, held, failed_steps, kinds = [], 0, 0, []
    started = time.monotonic()
    print(f"\n{'rate sent':>10} {'achieved':>10} {'p50 ms':>8} {'p95 ms':>8} {'errors':>8}")
    for rate in RATES:
        # Locust warns that spawning faster than 100 users a second can misbehave.
        runner.start(rate, spawn_rate=min(rate, 100))
        gevent.sleep(SETTLE_SECONDS)
        environment.stats.reset_all()
        gevent.sleep(WINDOW_SECONDS)
        total = environment.stats.total
        achieved = total.num_requests / WINDOW_SECONDS
        p50 = total.get_response_time_percentile(0.5) or 0
        p95 = total.get_response_time_percentile(0.95) or 0
        errors = total.num_failures
        rows.append((rate, achieved, p50, p95, errors))
        print(f"{rate:>10} {achieved:>10.1f} {p50:>8.0f} {p95:>8.0f} {errors:>8}", flush=True)
        # A rate holds if nearly all of it was served, quickly, with nothing failed.
        if p95 < TARGET_P95_MS and errors == 0 and achieved >= rate * 0.9:
            held = rate
            failed_steps = 0
        else:
            failed_steps += 1
        kinds = _by_kind(environment)
        if failed_steps >= 2 or time.monotonic() - started > 110:
            break
    runner.quit()
    _print_kinds(kinds)
    _print_errors(environment)
    print(f"\nheld: {held} requests/s with p95 under {TARGET_P95_MS} ms and no errors")
    return 0


def _by_kind(environment: Environment) -> list[tuple[str, int, float, float]]:
    """Each kind of request in the step just measured: how many, p50 and p95."""
    return [
        (name, entry.num_requests, entry.get_response_time_percentile(0.5) or 0,
         entry.get_response_time_percentile(0.95) or 0)
        for (name, _method), entry in environment.stats.entries.items()
    ]  # fmt: skip


def _print_kinds(kinds: list[tuple[str, int, float, float]]) -> None:
    """Where the time went in the last rate measured, slowest first."""
    print(f"\n{'in the last rate measured':<32} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, requests, p50, p95 in sorted(kinds, key=lambda kind: -kind[3]):
        print(f"{name:<32} {requests:>8} {p50:>8.0f} {p95:>8.0f}")


def _print_errors(environment: Environment) -> None:
    for error in list(environment.stats.errors.values())[:5]:
        print(f"  {error.occurrences} × {error.method} {error.name}: {error.error}")
