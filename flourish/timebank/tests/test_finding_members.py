"""Recording help in a big timebank: the page lists a few members and finds the rest by
name, without losing what was typed or chosen."""

import datetime
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.timebank import forms
from flourish.timebank.factories import member_make
from flourish.timebank.models import Exchange

TODAY = datetime.date.today().isoformat()


@pytest.fixture
def big_timebank(monkeypatch, timebank, coordinator, alice, bob):
    """Alice and Bob, then more members than the page lists (three, for the test)."""
    monkeypatch.setattr(forms, "MEMBERS_SHOWN", 3)
    for name in ["Carys Hughes", "Deepa Shah", "Zainab Qureshi"]:
        member_make(timebank, UserFactory(name=name))
    return timebank


def record_url(timebank):
    return reverse("timebank:record", args=[timebank.slug])


def listed(html, name):
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    return [option.get_text() for option in select.find_all("option") if option["value"]]


def chosen(html, name):
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": name})
    return [option.get_text() for option in select.find_all("option", selected=True)]


def test_a_big_timebank_lists_the_first_members_and_says_how_to_find_the_rest(
    client, big_timebank, coordinator
):
    client.force_login(coordinator)
    page = client.get(record_url(big_timebank)).text
    assert listed(page, "giver") == ["Alice Giver", "Bob Receiver", "Carys Hughes"]
    assert listed(page, "receivers") == ["Alice Giver", "Bob Receiver", "Carys Hughes"]
    assert "Showing the first 3 members by name" in page
    assert "Find a member by name" in page


def test_finding_a_member_by_name_keeps_what_was_typed_and_records_nothing(
    client, big_timebank, coordinator, alice
):
    client.force_login(coordinator)
    response = client.post(
        record_url(big_timebank),
        {
            "name_search": "qureshi",
            "find": "yes",
            "giver": alice.pk,
            "description": "Lift to the shops",
            "hours": "2",
        },
    )
    page = response.text
    assert listed(page, "receivers") == ["Alice Giver", "Zainab Qureshi"]
    assert chosen(page, "giver") == ["Alice Giver"]
    assert 'value="Lift to the shops"' in page
    assert "Showing members whose name has “qureshi”, and anyone already chosen" in page
    assert "There is a problem" not in page
    assert not Exchange.objects.exists()


def test_a_search_that_finds_more_than_the_page_lists_says_to_type_more(
    client, big_timebank, coordinator
):
    client.force_login(coordinator)
    page = client.post(record_url(big_timebank), {"name_search": "a", "find": "yes"}).text
    assert len(listed(page, "receivers")) == 3
    assert "Showing the first 3 members whose name has “a”" in page
    assert "To find fewer, type more of the name." in page


def test_a_member_found_by_name_is_recorded_as_any_other(client, big_timebank, coordinator, alice):
    zainab = big_timebank.members.get(user__name="Zainab Qureshi")
    client.force_login(coordinator)
    response = client.post(
        record_url(big_timebank),
        {
            "name_search": "qureshi",
            "giver": alice.pk,
            "kind": "person",
            "receivers": [zainab.pk],
            "description": "Lift to the shops",
            "help_kind": "transport",
            "hours": "2",
            "extra_minutes": "0",
            "happened_on": TODAY,
        },
        follow=True,
    )
    assert "Recorded. It moves once it is confirmed." in response.text
    exchange = Exchange.objects.get()
    assert [share.member for share in exchange.shares.all()] == [zainab]


def test_a_search_that_finds_nobody_says_what_to_try(client, big_timebank, coordinator):
    client.force_login(coordinator)
    page = client.post(
        record_url(big_timebank), {"name_search": "<b>Nobody</b>", "find": "yes"}
    ).text
    assert "No member’s name has “&lt;b&gt;Nobody&lt;/b&gt;”. Check the spelling" in page
    assert "<b>Nobody</b>" not in page
    assert listed(page, "receivers") == []


@pytest.mark.parametrize("chosen", ["²", "١٢", "-1", "9" * 40, "1e3", ""])
def test_a_hostile_choice_is_refused_with_a_message_not_an_error(
    client, big_timebank, coordinator, chosen
):
    client.force_login(coordinator)
    response = client.post(
        record_url(big_timebank), {"name_search": "a", "giver": chosen, "receivers": [chosen]}
    )
    assert response.status_code == 200
    assert not Exchange.objects.exists()


def test_a_small_timebank_lists_everyone_and_needs_no_finder(
    client, timebank, coordinator, alice, bob
):
    client.force_login(coordinator)
    page = client.get(record_url(timebank)).text
    assert listed(page, "receivers") == ["Alice Giver", "Bob Receiver"]
    assert "Find a member by name" not in page


def test_a_member_is_not_offered_themself_as_someone_they_helped(client, big_timebank, alice):
    client.force_login(alice.user)
    page = client.post(record_url(big_timebank), {"name_search": "i", "find": "yes"}).text
    assert "Alice Giver" not in listed(page, "receivers")


def test_the_record_page_reads_the_same_whatever_the_size_of_the_timebank(
    client, big_timebank, coordinator
):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as small:
        client.get(record_url(big_timebank))
    for _ in range(5):
        member_make(big_timebank)
    with CaptureQueriesContext(connection) as big:
        client.get(record_url(big_timebank))
    assert len(big.captured_queries) == len(small.captured_queries)


def members_url(timebank, **query):
    address = reverse("timebank:members", args=[timebank.slug])
    return f"{address}?{urlencode(query)}" if query else address


def names_listed(html):
    table = BeautifulSoup(html, "html.parser").find("tbody")
    return [row.find("a").get_text() for row in table.find_all("tr")]


def test_the_coordinator_lists_members_by_name_and_finds_one(client, big_timebank, coordinator):
    client.force_login(coordinator)
    everyone = client.get(members_url(big_timebank)).text
    assert names_listed(everyone) == [
        "Alice Giver",
        "Bob Receiver",
        "Carys Hughes",
        "Deepa Shah",
        "Zainab Qureshi",
    ]
    found = client.get(members_url(big_timebank, name="SHAH")).text
    assert names_listed(found) == ["Deepa Shah"]
    assert 'value="SHAH"' in found


def test_pages_of_members_found_keep_the_name_searched(
    client, monkeypatch, big_timebank, coordinator
):
    for name in ["Hana Shahid", "Omar Shahzad"]:
        member_make(big_timebank, UserFactory(name=name))
    monkeypatch.setattr("flourish.timebank.views.coordinating.MEMBERS_PER_PAGE", 2)
    client.force_login(coordinator)
    first = client.get(members_url(big_timebank, name="shah")).text
    assert names_listed(first) == ["Deepa Shah", "Hana Shahid"]
    assert 'href="?name=shah&amp;page=2"' in first
    second = client.get(members_url(big_timebank, name="shah", page=2)).text
    assert names_listed(second) == ["Omar Shahzad"]


def test_finding_nobody_says_what_to_try_and_shows_the_words_as_typed(
    client, big_timebank, coordinator
):
    client.force_login(coordinator)
    page = client.get(members_url(big_timebank, name="<i>Zed</i>")).text
    assert "No member’s name has “&lt;i&gt;Zed&lt;/i&gt;”. Check the spelling" in page
    assert "<i>Zed</i>" not in page
    assert "Show every member" in page
