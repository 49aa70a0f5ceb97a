"""`make serve` with production settings answers with the security headers, over real HTTP.

It runs the Makefile's own target (migrate, createcachetable, collectstatic,
gunicorn and the task worker) with throwaway secrets and a SQLite file, so what
is checked is what a deployment runs, not the test settings.
"""

import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> urllib.request.Request:
    # Behind the load balancer every request arrives as HTTPS; without this
    # header production redirects plain HTTP to HTTPS.
    return urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"make serve stopped:\n{log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(fetch(url), timeout=2)
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"make serve did not answer in {STARTUP_SECONDS}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def production(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The URL of a production server started by `make serve`, and its database file."""
    here = tmp_path_factory.mktemp("production")
    database = here / "flourish.sqlite3"
    port = free_port()
    environment = {
        **os.environ,
        "FLOURISH_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{database}",
        "STATIC_ROOT": str(here / "static"),
        "MEDIA_ROOT": str(here / "uploads"),
        "REDIS_URL": "",
        "WEB_CONCURRENCY": "1",
    }
    environment.pop("TASKS_BACKEND", None)
    log = here / "serve.log"
    with log.open("w") as output:
        # `-o .venv/.installed`: use the environment as it is, never reinstall.
        process = subprocess.Popen(
            ["make", "--no-print-directory", "-o", ".venv/.installed", "serve", f"PORT={port}"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url + "/", process, log)
        yield url, database
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_production_pages_carry_every_security_header(production):
    url, _database = production

    with urllib.request.urlopen(fetch(url + "/accounts/login/"), timeout=10) as response:
        headers = response.headers

    policy = headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_serves_the_pages_own_scripts_and_stylesheet_itself(production):
    url, _database = production
    with urllib.request.urlopen(fetch(url + "/"), timeout=10) as response:
        page = response.read().decode()

    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', page)

    assert any(asset.endswith(".css") for asset in assets)
    assert any(asset.endswith(".js") for asset in assets)
    for asset in assets:
        with urllib.request.urlopen(fetch(url + asset), timeout=10) as response:
            assert response.status == 200, asset


def test_without_redis_production_keeps_rate_limits_in_a_shared_database_table(production):
    _url, database = production

    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}

    assert "flourish_cache" in tables
