"""The Open Referral API's OpenAPI document: valid, self-contained, built from the profile,
and true of the API, as schemathesis checks with requests generated from it."""

import json
import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance

from flourish.directory.api.views import OPENAPI_FILE
from flourish.directory.data.build_openapi import render
from flourish.directory.factories import ListingFactory, OfferFactory, offer_meeting_at
from flourish.directory.models import TaxonomyTerm
from flourish.directory.tests.openreferral import standard_dir

# Small, so the whole run takes a minute or two on two cores; CI runs it every time.
EXAMPLES_PER_OPERATION = int(os.environ.get("API_CONTRACT_EXAMPLES", "12"))


def test_the_served_document_is_the_one_built_from_the_profile_today():
    assert OPENAPI_FILE.read_text() == render(standard_dir()), (
        "Run flourish/directory/data/build_openapi.py to rebuild openapi.json"
    )


def test_the_document_links_nowhere_else_and_documents_bad_requests(client, db):
    document = client.get(reverse("openreferral:openapi")).json()
    text = json.dumps(document)
    assert "githubusercontent" not in text and '"type": "time"' not in text
    for item in document["paths"].values():
        for operation in (op for method, op in item.items() if method != "parameters"):
            assert {"200", "400", "404", "429"} <= set(operation["responses"])
    assert document["servers"] == [{"url": "http://testserver/openreferral"}]


@pytest.fixture
def api_schema(db, settings):
    settings.OPENREFERRAL_REQUESTS_PER_MINUTE = 1_000_000_000
    settings.ALLOWED_HOSTS = ["*"]
    offer_meeting_at(
        postcode="LS6 1AA",
        name="Saturday walk and talk",
        terms=list(TaxonomyTerm.objects.filter(code="activity")),
    )
    offer_meeting_at(postcode="B11 1AA", name="Women's chai and chat")
    OfferFactory(listing=ListingFactory(name="Online circle"), online=True)
    # As Django's test client does: a request ending must not close the connection that
    # holds the test's transaction (PostgreSQL would then refuse every later query).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/openreferral/openapi.json", WSGIHandler())
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.api_contract
def test_every_generated_request_gets_an_answer_the_document_describes(api_schema):
    """Valid and invalid requests for every operation: no server error, and every answer
    (status, content type, body) as the document says, the 400s included."""
    for found in api_schema.get_all_operations():
        operation = found.ok()
        # Only an operation with parameters can be sent wrong ones.
        modes = [GenerationMode.POSITIVE]
        if list(operation.iter_parameters()):
            modes.append(GenerationMode.NEGATIVE)
        for mode in modes:

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def answers_as_documented(case):
                # A well-formed postcode we do not know is a 400, as it should be, which
                # this heuristic would count as valid data refused; every other check runs.
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            answers_as_documented()
