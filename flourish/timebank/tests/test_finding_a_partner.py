"""A coordinator finds the timebank to ask by name: every timebank in the country would
otherwise be one select."""

import pytest
from django.urls import reverse

from flourish.timebank.factories import TimebankFactory
from flourish.timebank.forms_pages import TIMEBANKS_SHOWN
from flourish.timebank.models import PartnershipRequest

pytestmark = pytest.mark.django_db


def _url(timebank):
    return reverse("timebank:partners", args=[timebank.slug])


def _options(page):
    return page.count("<option value=") - page.count('<option value=""')


def test_a_few_timebanks_are_all_listed_with_no_finder(client, coordinator_signed_in, timebank):
    TimebankFactory(name="Bradford Timebank")
    TimebankFactory(name="Leeds Timebank")

    page = client.get(_url(timebank)).text

    assert _options(page) == 2
    assert "Bradford Timebank" in page and "Leeds Timebank" in page
    assert "Find a timebank by name" not in page


def test_a_country_of_timebanks_lists_the_first_by_name_and_finds_any_other(
    client, coordinator_signed_in, timebank
):
    for number in range(TIMEBANKS_SHOWN + 10):
        TimebankFactory(name=f"Timebank {number:03d}")
    wigan = TimebankFactory(name="Wigan Time Swap")

    page = client.get(_url(timebank)).text
    assert _options(page) == TIMEBANKS_SHOWN
    assert "Find a timebank by name" in page
    assert f"Showing the first {TIMEBANKS_SHOWN} timebanks by name" in page
    assert "Wigan Time Swap" not in page

    found = client.post(_url(timebank), {"name_search": "wiga", "find": "yes"}).text
    assert _options(found) == 1 and "Wigan Time Swap" in found
    assert "Choose a timebank" in found and "error-summary" not in found
    assert not PartnershipRequest.objects.exists()

    client.post(_url(timebank), {"name_search": "wiga", "other": wigan.pk})
    assert PartnershipRequest.objects.get().to_timebank == wigan


def test_a_timebank_not_listed_may_still_be_asked(client, coordinator_signed_in, timebank):
    """The list is for finding; what may be chosen is every timebank not yet a partner."""
    for number in range(TIMEBANKS_SHOWN + 1):
        TimebankFactory(name=f"Timebank {number:03d}")
    last = TimebankFactory(name="Zennor Timebank")

    client.post(_url(timebank), {"other": last.pk})

    assert PartnershipRequest.objects.get().to_timebank == last


def test_a_name_nobody_has_says_what_to_try(client, coordinator_signed_in, timebank):
    TimebankFactory(name="Bradford Timebank")

    page = client.post(_url(timebank), {"name_search": "<b>Nowhere</b>", "find": "yes"}).text

    assert "No timebank’s name has “&lt;b&gt;Nowhere&lt;/b&gt;”" in page
    assert "<b>Nowhere</b>" not in page
    assert _options(page) == 0


def test_our_own_timebank_and_its_partners_cannot_be_asked(client, coordinator_signed_in, timebank):
    partner = TimebankFactory(name="Bradford Timebank")
    timebank.partners.add(partner)

    response = client.post(_url(timebank), {"other": timebank.pk})
    again = client.post(_url(timebank), {"other": partner.pk})

    assert response.status_code == again.status_code == 200
    assert not PartnershipRequest.objects.exists()
    page = client.get(_url(timebank)).text
    assert _options(page) == 0


def test_the_finder_speaks_welsh(client, coordinator_signed_in, timebank):
    for number in range(TIMEBANKS_SHOWN + 1):
        TimebankFactory(name=f"Timebank {number:03d}")
    client.cookies["django_language"] = "cy"

    page = client.post(_url(timebank), {"name_search": "Timebank 04", "find": "yes"}).text

    assert "Chwilio am fanc amser wrth ei enw" in page
    assert "Yn dangos banciau amser y mae “Timebank 04” yn eu henw." in page
    assert _options(page) == 10
