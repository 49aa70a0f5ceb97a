"""The circles a person can join, as thousands of them open across the country: by
name, 25 a page, found by part of a name, in the same queries however many there are."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.learning.factories import CircleFactory, circle_member_make
from flourish.learning.views import circles as circle_views

pytestmark = pytest.mark.django_db
CIRCLES = reverse("learning:circles")


def to_join(html):
    soup = BeautifulSoup(html, "html.parser")
    return [card.get_text(strip=True) for card in soup.select(".govuk-summary-card__title")]


@pytest.fixture
def person(client):
    someone = UserFactory()
    client.force_login(someone)
    return someone


def test_circles_to_join_come_by_name_a_page_at_a_time_and_leave_out_the_persons_own(
    client, monkeypatch, person
):
    monkeypatch.setattr(circle_views, "CIRCLES_PER_PAGE", 2)
    for name in ["Walking Leeds", "Arts Bradford", "Carers Hull", "Men's Sheds"]:
        CircleFactory(name=name)
    circle_member_make(CircleFactory(name="Already In"), person)

    first = client.get(CIRCLES).text
    second = client.get(CIRCLES + "?page=2").text

    assert to_join(first) == ["Arts Bradford", "Carers Hull"]
    assert to_join(second) == ["Men's Sheds", "Walking Leeds"]
    assert "Page 2 of 2" in second
    assert 'href="/learning/circles/already-in/"' in first


def test_a_circle_is_found_by_part_of_its_name_and_pages_keep_the_search(
    client, monkeypatch, person
):
    monkeypatch.setattr(circle_views, "CIRCLES_PER_PAGE", 1)
    for name in ["Walking Leeds", "Walking Hull", "Arts Bradford"]:
        CircleFactory(name=name)

    found = client.get(CIRCLES + "?name=walking").text

    assert to_join(found) == ["Walking Hull"]
    assert 'href="?name=walking&amp;page=2"' in found
    assert to_join(client.get(CIRCLES + "?name=walking&page=2").text) == ["Walking Leeds"]


def test_finding_no_circle_says_what_to_try(client, person):
    CircleFactory(name="Arts Bradford")

    page = client.get(CIRCLES + "?name=<b>zz</b>").text

    assert "No circle you can join has “&lt;b&gt;zz&lt;/b&gt;” in its name" in page
    assert "<b>zz</b>" not in page


def test_the_list_reads_the_same_however_many_circles_there_are(client, person):
    CircleFactory(name="Arts Bradford")
    with CaptureQueriesContext(connection) as few:
        client.get(CIRCLES)
    for n in range(30):
        CircleFactory(name=f"Circle of {n}")
    with CaptureQueriesContext(connection) as many:
        page = client.get(CIRCLES).text

    assert len(to_join(page)) == circle_views.CIRCLES_PER_PAGE
    assert len(many.captured_queries) == len(few.captured_queries)
