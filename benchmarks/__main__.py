"""Run the benchmarks against a fresh, migrated database and print their figures.

    make bench                                  # a fresh SQLite file in a temporary directory
    make bench BENCH_ARGS="--postgres"          # a fresh PostgreSQL database (flourish_bench)
    make bench BENCH_ARGS="--only ledger"       # one benchmark
    make bench BENCH_ARGS="--only timebank --timebank-scale 100"   # 1/100 of the size, quickly

BENCH_DATABASE_URL chooses the PostgreSQL database instead of the default. Its
name must contain "bench", because it is dropped and created again on every run.
Figures are printed, never written to the repository.

To add a benchmark, write `benchmarks/<name>.py` with `run(report)` and add its
name to BENCHMARKS below.
"""

import argparse
import os
import sys
import tempfile
import time
import traceback
from importlib import import_module
from pathlib import Path

BENCHMARKS = [
    "ledger",
    "directory",
    "grants",
    "timebank",
    "learning",
    "budgets",
    "demand",
    "outcomes",
]

DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/flourish_bench"


class Report:
    """Prints each figure on one aligned line: `report("balance read", 41.5, "µs")`."""

    def __init__(self, benchmark: str, database: str) -> None:
        self.benchmark = benchmark
        self.database = database

    def __call__(self, label: str, value: float, unit: str = "") -> None:
        shown = (
            f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 1000 else f"{value:,.1f}"
        )
        print(f"  {label:<62} {shown:>12} {unit}", flush=True)

    def note(self, text: str) -> None:
        print(f"  {text}", flush=True)

    def page(self, label: str, median_ms: float, queries: int, ratio: float) -> None:
        """A page's line ends with its ratio to the floor measured beside it."""
        figures = f"{median_ms:8.1f} ms {queries:3d} queries"
        print(f"  {label:<58} {figures}  ×{ratio:.1f} of the floor", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--only", choices=BENCHMARKS, action="append", help="run only this one")
    parser.add_argument(
        "--postgres",
        action="store_true",
        help=f"use PostgreSQL (BENCH_DATABASE_URL, or {DEFAULT_POSTGRES_URL})",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--timebank-scale",
        type=int,
        metavar="N",
        help="divide the timebank's 10,000 members and 1,000,000 exchanges by N for a quick run",
    )
    options = parser.parse_args(argv)
    if options.timebank_scale:
        os.environ["BENCH_TIMEBANK_SCALE"] = str(options.timebank_scale)
    postgres_url = os.environ.get("BENCH_DATABASE_URL") or (
        DEFAULT_POSTGRES_URL if options.postgres else ""
    )
    with tempfile.TemporaryDirectory(prefix="flourish-bench-") as scratch:
        if postgres_url:
            _recreate_postgres_database(postgres_url)
            os.environ["DATABASE_URL"] = postgres_url
        else:
            os.environ["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'bench.sqlite3'}"
        try:
            failed = _run(options.only or BENCHMARKS)
        finally:
            from django.db import connections

            connections.close_all()
            if postgres_url and not options.keep:
                _drop_postgres_database(postgres_url)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
        return 1
    return 0


def _run(names: list[str]) -> list[str]:
    # Settings are read at setup, so the database must be chosen before it. Query
    # logging (DEBUG) would slow every query down and grow memory without bound.
    os.environ.setdefault("FLOURISH_ENV", "test")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "flourish.settings")
    import django
    from django.core.management import call_command
    from django.db import connection

    django.setup()
    from django.conf import settings

    # The floor view lives only in the benchmarks' URLconf, never in the product's.
    settings.ROOT_URLCONF = "benchmarks.floor"
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"Database: {connection.vendor} (migrated in {time.perf_counter() - started:.1f} s)")
    failed = []
    for name in names:
        print(f"\n== {name} on {connection.vendor} ==", flush=True)
        started = time.perf_counter()
        try:
            import_module(f"benchmarks.{name}").run(Report(name, connection.vendor))
        except Exception:
            # One broken benchmark should not hide the others' figures.
            traceback.print_exc()
            failed.append(name)
            continue
        print(f"  ({name} took {time.perf_counter() - started:.0f} s in all)")
    return failed


def _server_and_name(url: str) -> tuple[dict[str, object], str]:
    import dj_database_url

    config = dj_database_url.parse(url)
    name = str(config["NAME"])
    if "bench" not in name:
        raise SystemExit(
            f"Refusing to drop {name!r}: a benchmark database name must contain 'bench'."
        )
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    return server, name


def _recreate_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    server, name = _server_and_name(url)
    with psycopg.connect(**server) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _drop_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    server, name = _server_and_name(url)
    with psycopg.connect(**server) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


if __name__ == "__main__":
    sys.exit(main())
