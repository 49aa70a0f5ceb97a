"""A deployer's own connection options survive Flourish adding the one its prepared
search statements need. Settings are read once per process, so each case starts a
fresh Python with its own database URL."""

import json
import os
import subprocess
import sys

from django.conf import settings

SHOW_OPTIONS = (
    "import json; from django.conf import settings; "
    "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
)


def options_for(database_url: str, **environment: str) -> dict:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "flourish.settings"}
    env.update(DATABASE_URL=database_url, **environment)
    result = subprocess.run(
        [sys.executable, "-c", SHOW_OPTIONS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_deployers_own_options_are_kept_beside_one_plan_per_statement():
    url = "postgres://flourish@db.example.org/flourish?options=-c%20search_path%3Dflourish"
    assert options_for(url)["options"] == (
        "-c search_path=flourish -c plan_cache_mode=force_generic_plan"
    )
    assert options_for(url.split("?")[0])["options"] == "-c plan_cache_mode=force_generic_plan"


def test_without_prepared_statements_nothing_is_added():
    url = "postgres://flourish@db.example.org/flourish?options=-c%20search_path%3Dflourish"
    assert options_for(url, DATABASE_PREPARED_STATEMENTS="false") == {
        "options": "-c search_path=flourish"
    }
