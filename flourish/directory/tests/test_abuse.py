"""A flood of anonymous suggestions is stopped kindly; every free-text answer has a limit
that is said out loud; a formula is not a group's name."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from flourish.directory.factories import ListingFactory
from flourish.directory.models import Listing

SUGGEST = reverse("directory:suggest")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def suggestion(number):
    return {
        "name": f"Walk and Talk {number}",
        "description": "We walk and we talk.",
        "legal_form": "unconstituted",
        "area_outward_code": "LS6",
        "email": "",
    }


def test_thirty_suggestions_in_a_burst_from_one_address_are_stopped_after_five(
    client, db, settings
):
    settings.PUBLIC_WRITES_PER_HOUR = 5
    statuses = [client.post(SUGGEST, suggestion(n)).status_code for n in range(30)]
    assert statuses.count(302) == 5
    assert statuses.count(429) == 25
    assert Listing.objects.count() == 5
    refused = client.post(SUGGEST, suggestion(99))
    page = refused.content.decode()
    assert "please wait an hour" in page
    assert "Walk and Talk 99" in page  # what they typed is still in the form


def test_another_address_can_still_suggest(client, db, settings):
    settings.PUBLIC_WRITES_PER_HOUR = 1
    client.post(SUGGEST, suggestion(1))
    assert client.post(SUGGEST, suggestion(2)).status_code == 429
    other = client.post(SUGGEST, suggestion(3), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_claim_links_are_limited_per_address_too(client, db, settings):
    settings.PUBLIC_WRITES_PER_HOUR = 2
    listings = ListingFactory.create_batch(4)
    for listing in listings[:2]:
        client.post(reverse("directory:claim", args=[listing.uuid]))
    response = client.post(reverse("directory:claim", args=[listings[2].uuid]), follow=True)
    assert "please wait an hour" in response.content.decode()


@pytest.mark.parametrize(
    ("field", "limit", "message"),
    [
        ("description", 2000, "Use 2,000 characters or fewer"),
        ("led_by", 2000, "Use 2,000 characters or fewer"),
        ("name", 200, "Use 200 characters or fewer"),
        ("communities", 500, "Use 500 characters or fewer"),
    ],
)
def test_every_free_text_answer_has_a_limit_with_a_message(client, db, field, limit, message):
    response = client.post(SUGGEST, {**suggestion(1), field: "x" * (limit + 1)})
    assert message in response.content.decode()
    assert not Listing.objects.exists()
    assert client.post(SUGGEST, {**suggestion(1), field: "x" * limit}).status_code == 302


@pytest.mark.parametrize(
    "field", ["description", "how_to_join", "accessibility"], ids=lambda name: name
)
def test_an_offers_long_answers_have_a_limit_with_a_message(client, owner, group, field):
    listing = ListingFactory(organisation=group)
    client.force_login(owner)
    data = {
        "name": "Tuesday walk",
        "description": "We walk.",
        "kind": "activity",
        "cost": "free",
        "frequency": "WEEKLY",
        field: "x" * 2001,
    }
    response = client.post(reverse("directory:offer_add", args=[listing.uuid]), data)
    assert "Use 2,000 characters or fewer" in response.content.decode()
    assert not listing.offers.exists()


def test_a_name_that_is_a_spreadsheet_formula_is_refused(client, db):
    data = {**suggestion(1), "name": '=HYPERLINK("http://evil.example","Click")'}
    response = client.post(SUGGEST, data)
    assert "a spreadsheet would run this as a formula" in response.content.decode()
    assert not Listing.objects.exists()
