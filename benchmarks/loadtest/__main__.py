"""Run the load test: prepare the database, start gunicorn, drive it, print the table."""

import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

from benchmarks.loadtest.drive import drive

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/flourish_loadtest"
PYTHON = sys.executable


def production_environment(database_url: str, static_root: str) -> dict[str, str]:
    """Production settings with throwaway secrets, served over plain HTTP on loopback."""
    from cryptography.fernet import Fernet

    environment = dict(os.environ)
    environment.update(
        FLOURISH_ENV="production",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        FIELD_ENCRYPTION_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        STATIC_ROOT=static_root,
        # One address sends every request here; a real council's finder has its own.
        OPENREFERRAL_REQUESTS_PER_MINUTE="1000000",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="flourish.settings",
    )
    return environment


def recreate_database(url: str) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    name = str(config["NAME"])
    if "loadtest" not in name:
        raise SystemExit(f"Refusing to drop {name!r}: its name must contain 'loadtest'.")
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**server) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url} within {seconds:.0f} s.")


def gunicorn_command(port: int) -> list[str]:
    # Two cores: one process per core and one spare for a request waiting on the
    # database, each with a few threads so a slow query does not hold the queue.
    workers = os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1))
    return [
        PYTHON, "-m", "gunicorn", "flourish.wsgi",
        "--bind", f"127.0.0.1:{port}",
        "--workers", workers,
        "--worker-class", "gthread",
        "--threads", "2",
        "--log-level", "warning",
        # Import the views and compile the templates once, before forking (flourish.wsgi).
        "--preload",
    ]  # fmt: skip


def main() -> int:
    database_url = os.environ.get("LOADTEST_DATABASE_URL", DEFAULT_DATABASE)
    with tempfile.TemporaryDirectory(prefix="flourish-loadtest-") as scratch:
        environment = production_environment(database_url, str(Path(scratch) / "static"))
        print("Preparing the database (demo data and a dense directory)…", flush=True)
        recreate_database(database_url)
        plan_file = str(Path(scratch) / "plan.json")
        manage = [PYTHON, "manage.py"]
        subprocess.run(
            [*manage, "collectstatic", "--no-input", "--verbosity", "0"],
            env=environment, cwd=ROOT, check=True,
        )  # fmt: skip
        development = {**environment, "FLOURISH_ENV": "development"}
        subprocess.run(
            [PYTHON, "-m", "benchmarks.loadtest.prepare", "data"],
            env=development, cwd=ROOT, check=True,
        )  # fmt: skip
        subprocess.run(
            [PYTHON, "-m", "benchmarks.loadtest.prepare", "plan", plan_file],
            env=environment, cwd=ROOT, check=True,
        )  # fmt: skip
        port = free_port()
        server = subprocess.Popen(gunicorn_command(port), env=environment, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base + "/")
            cache = "Redis" if os.environ.get("REDIS_URL") else "the database"
            print(f"Serving with production settings at {base} (cache: {cache}).", flush=True)
            return drive(base, plan_file)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
