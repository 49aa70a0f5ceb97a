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
    # A live database has been vacuumed and analysed (autovacuum); one just loaded has not,
    # and autovacuum would otherwise start on the new rows in the middle of the test.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
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
    staff_list = f"/grants/manage/programmes/{staff_programme}/applications/"
    # A session that is sent elsewhere (to set up two-step sign-in, say) would time the
    # wrong page: the load test's signed-in pages must answer for themselves.
    _check_answers("/", organiser)
    _check_answers(staff_list, funder)
    return {
        "programmes": programmes,
        "staff_list": staff_list,
        "group_session": organiser,
        "staff_session": funder,
    }


def _check_answers(address: str, session: str) -> None:
    from django.conf import settings
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    client.cookies[settings.SESSION_COOKIE_NAME] = session
    response = client.get(address)
    if response.status_code != 200:
        where = response.get("Location", "")
        raise SystemExit(f"{address} answered {response.status_code} {where} for its session.")


def _session_for(email: str, two_step: bool = False) -> str:
    """A signed-in session, made the way the sign-in pages make one."""
    from django.conf import settings
    from django.test import Client

    from flourish.accounts.models import User
    from flourish.accounts.tests.two_step import force_login_with_two_steps, with_authenticator

    person = User.objects.get(email=email)
    if two_step:
        # Funders' staff must use an authenticator app; the demo's set theirs up at their
        # first sign-in, which would send every request of theirs to set one up.
        with_authenticator(person)
    client = Client()
    force_login_with_two_steps(client, person)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


if __name__ == "__main__":
    import django

    django.setup()
    if sys.argv[1] == "data":
        data()
    else:
        plan(sys.argv[2])
