"""Build the load test's database, then the plan the load follows.

    python -m benchmarks.loadtest.prepare data         # development settings: demo data
    python -m benchmarks.loadtest.prepare plan FILE    # production settings: sessions

Demo data refuses to load under production settings, so the data is built first
with the same database and keys; the signed-in sessions are then made with the
server's own settings, so they land in the store it reads (the database, or Redis
when REDIS_URL is set).
"""

import json
import os
import sys
import time


def data() -> None:
    from django.core.management import call_command

    from benchmarks import directory

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed", verbosity=0)
    directory.GROUPS = int(os.environ.get("LOADTEST_GROUPS", "20000"))
    directory._generate()
    print(f"  database ready in {time.perf_counter() - started:.0f} s", flush=True)


def plan(output: str) -> None:
    from django.core.management import call_command

    call_command("createcachetable", verbosity=0)
    with open(output, "w") as handle:
        json.dump(_plan(), handle)


def _plan() -> dict[str, object]:
    from flourish.grants.models import Application, Programme

    programmes = list(Programme.objects.order_by("pk").values_list("slug", flat=True))
    organiser = _session_for("organiser@example.org")
    funder = _session_for("funder@example.org", two_step=True)
    staff_programme = (
        Application.objects.exclude(status="draft")
        .values_list("programme__slug", flat=True)
        .first()
    )
    return {
        "programmes": programmes,
        "staff_list": f"/grants/manage/programmes/{staff_programme}/applications/",
        "group_session": organiser,
        "staff_session": funder,
    }


def _session_for(email: str, two_step: bool = False) -> str:
    """A signed-in session, made the way the sign-in pages make one."""
    from django.conf import settings
    from django.test import Client

    from flourish.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    if two_step:
        # What allauth records when a person enters their authenticator code.
        session = client.session
        session["account_authentication_methods"] = [
            {"method": "mfa", "type": "totp", "at": time.time()}
        ]
        session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "data":
        data()
    else:
        plan(sys.argv[2])
