"""The lists an applicant pages through. Programmes, as someone looking for money reads
them: open ones first, closing soonest first, then those opening later, then closed
ones, 25 a page. Their own applications, 50 a page, newest first. Each in the same few
queries however long the list grows."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.grants.factories import ProgrammeFactory
from flourish.grants.views import applying

pytestmark = pytest.mark.django_db
LIST = reverse("grants:programme_list")


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def titles(html):
    soup = BeautifulSoup(html, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".govuk-summary-card__title")]


def programme(title, **dates):
    return ProgrammeFactory(title=title, is_published=True, budget_pence=0, **dates)


def test_open_programmes_come_first_closing_soonest_then_those_opening_later_then_closed(client):
    programme("Closed long ago", opens_on=days(-400), closes_on=days(-300))
    programme("Rolling", opens_on=days(-10))
    programme("Opens next month", opens_on=days(30), closes_on=days(60))
    programme("Closes next week", opens_on=days(-30), closes_on=days(7))
    programme("Closed last week", opens_on=days(-60), closes_on=days(-7))
    programme("Opens tomorrow", opens_on=days(1))
    programme("Closes today", closes_on=days(0))

    assert titles(client.get(LIST).text) == [
        "Closes today",
        "Closes next week",
        "Rolling",
        "Opens tomorrow",
        "Opens next month",
        "Closed last week",
        "Closed long ago",
    ]


def test_programmes_come_a_page_at_a_time_in_a_fixed_number_of_queries(client, monkeypatch):
    monkeypatch.setattr(applying, "PROGRAMMES_PER_PAGE", 2)
    for n in range(3):
        programme(f"Round {n}", opens_on=days(-n))
    with CaptureQueriesContext(connection) as few:
        first = client.get(LIST).text
    for n in range(3, 8):
        programme(f"Round {n}", opens_on=days(-n))
    with CaptureQueriesContext(connection) as many:
        client.get(LIST)
    last = client.get(LIST + "?page=4").text

    assert titles(first) == ["Round 0", "Round 1"]
    assert "Page 1 of 2" in first
    assert titles(last) == ["Round 6", "Round 7"]
    assert "Page 4 of 4" in last
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_unpublished_programme_is_not_listed(client):
    programme("Listed")
    ProgrammeFactory(title="Draft", is_published=False, budget_pence=0)

    assert titles(client.get(LIST).text) == ["Listed"]


def test_someone_who_takes_many_applications_by_phone_pages_through_them(client, monkeypatch):
    from flourish.accounts.factories import UserFactory
    from flourish.grants.factories import ApplicationFactory, GroupFactory

    monkeypatch.setattr(applying, "APPLICATIONS_PER_PAGE", 2)
    associate = UserFactory()
    the_round = programme("Phone round")
    for name in ["Group A", "Group B", "Group C"]:
        ApplicationFactory(
            programme=the_round, group=GroupFactory(name=name), submitted_by=associate
        )
    client.force_login(associate)
    address = reverse("grants:my_applications")

    with CaptureQueriesContext(connection) as few:
        newest = client.get(address).text
    for _ in range(3):
        ApplicationFactory(programme=the_round, submitted_by=associate)
    with CaptureQueriesContext(connection) as many:
        client.get(address)
    oldest = client.get(address + "?page=3").text

    assert "Group C" in newest and "Group B" in newest and "Group A" not in newest
    assert "Page 1 of 2" in newest
    assert "Group A" in oldest
    assert len(many.captured_queries) == len(few.captured_queries)
