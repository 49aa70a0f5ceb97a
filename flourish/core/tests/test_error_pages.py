"""When something goes wrong, a person still gets Flourish: in their language, with the
crisis-help numbers, and with what to do next. An API client still gets JSON."""

import json

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

from flourish.core.tests.page_checks import check_page

pytestmark = pytest.mark.django_db


def test_a_missing_page_says_what_to_do_in_the_readers_language(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="ur")

    assert response.status_code == 404
    page = check_page(response.content.decode())
    assert (page.html["lang"], page.html["dir"]) == ("ur", "rtl")
    assert page.h1.get_text() == "صفحہ نہیں ملا"
    assert "116 123" in page.find("footer").get_text()
    assert page.find("a", href=reverse("directory:search"))


def test_a_form_sent_without_its_token_says_it_expired_and_nothing_was_saved(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    response = browser.post(reverse("account_logout"), HTTP_ACCEPT_LANGUAGE="cy")

    assert response.status_code == 403
    page = check_page(response.content.decode())
    assert page.html["lang"] == "cy"
    assert page.h1.get_text() == "Mae'r ffurflen hon wedi dod i ben"
    assert "Ni chafodd dim ei gadw" in page.get_text()


def test_the_page_for_a_failure_needs_no_database_and_keeps_the_crisis_numbers():
    request = RequestFactory().get("/")
    with translation.override("cy"), CaptureQueriesContext(connection) as queries:
        response = server_error(request)

    assert response.status_code == 500
    assert not queries.captured_queries
    page = check_page(response.content.decode())
    assert page.html["lang"] == "cy"
    assert page.h1.get_text() == "Mae'n ddrwg gennym, aeth rhywbeth o'i le"
    assert "116 123" in page.find("footer").get_text()


@pytest.mark.parametrize("path", ["/openreferral/services/", "/openreferral/nothing-here"])
def test_an_unknown_api_path_is_answered_in_json_with_the_paths_it_has(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "/openreferral/openapi.json" in json.loads(response.content)["message"]
