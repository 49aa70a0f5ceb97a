"""Sign-in rate limits need one cache shared by every web process.

Settings are read once per process, so each case starts a fresh Python with
its own environment and reports the cache it would use.
"""

import json
import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings

PRODUCTION = {
    "FLOURISH_ENV": "production",
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(64),
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "ALLOWED_HOSTS": "flourish.example.org",
    "DATABASE_URL": "sqlite:///unused.sqlite3",
}
SHOW_CACHE = (
    "import json; from django.conf import settings; print(json.dumps(settings.CACHES['default']))"
)


def cache_backend(**environment: str) -> str:
    """The default cache backend a new process would choose with this environment."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "flourish.settings", "REDIS_URL": ""}
    env.pop("FLOURISH_ENV", None)
    result = subprocess.run(
        [sys.executable, "-c", SHOW_CACHE],
        cwd=settings.BASE_DIR,
        env={**env, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)["BACKEND"]


def test_production_without_redis_shares_rate_limits_through_the_database():
    assert cache_backend(**PRODUCTION) == "django.core.cache.backends.db.DatabaseCache"


def test_production_with_redis_uses_redis():
    backend = cache_backend(**PRODUCTION, REDIS_URL="redis://127.0.0.1:6379/1")

    assert backend == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.parametrize("flourish_env", ["development", "test"])
def test_only_development_and_tests_keep_the_cache_in_one_process(flourish_env):
    backend = cache_backend(FLOURISH_ENV=flourish_env)

    assert backend == "django.core.cache.backends.locmem.LocMemCache"
