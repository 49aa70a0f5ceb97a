"""Every address with a number in it, given a number too big for any column (10^20,
typed or made up), answers as for any record that does not exist: never a server error."""

import re

import pytest
from django.db import transaction
from django.test import Client

from flourish.accounts.tests.two_step import force_login_with_two_steps
from tests.browser.fixtures import make_scene
from tests.browser.pages import ANONYMOUS, PAGES

TOO_BIG = str(10**20)
NUMBER_IN_PATH = re.compile(r"(?<=/)\d+(?=/)")


@pytest.mark.django_db
def test_a_number_too_big_for_any_column_is_never_a_server_error():
    answered = {}
    for page in PAGES:
        if page.arrive is not None:  # reached through a form, not by its address
            continue
        # Each page's person and records as the browser suite makes them, then undone.
        with transaction.atomic():
            scene = make_scene(page.persona)
            path = page.url(scene).partition("?")[0]
            if NUMBER_IN_PATH.search(path):
                client = Client(raise_request_exception=False)
                if page.persona != ANONYMOUS:
                    force_login_with_two_steps(client, scene.person)
                answered[path] = client.get(NUMBER_IN_PATH.sub(TOO_BIG, path)).status_code
            transaction.set_rollback(True)

    assert len(answered) >= 20  # the budget's pages, a circle's conversation, and more
    assert {path: status for path, status in answered.items() if status >= 500} == {}
