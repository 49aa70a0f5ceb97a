"""The staff home, "Run your programmes", after years of rounds: what is current comes
first, each list a page at a time with its own page in the address, in the same number
of queries however long the lists grow."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.grants.factories import ApplicationFactory, ProgrammeFactory
from flourish.grants.models import ApplicationStatus, Panel
from flourish.grants.views import reviewing

pytestmark = pytest.mark.django_db
MANAGE = reverse("grants:manage")


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def read(client, query=""):
    return BeautifulSoup(client.get(MANAGE + query).content, "html.parser")


def programme_titles(soup):
    return [heading.get_text(strip=True) for heading in soup.select(".govuk-summary-card__title")]


def section_items(soup, heading):
    title = soup.find("h2", string=heading)
    return [item.get_text(" ", strip=True) for item in title.find_next("ul").select("li")]


def a_programme(funder, title, **dates):
    return ProgrammeFactory(funder=funder, title=title, budget_pence=0, **dates)


def test_staff_see_open_programmes_first_closing_soonest_then_later_then_closed(
    client, staff, funder
):
    a_programme(funder, "Closed last year", opens_on=days(-400), closes_on=days(-300))
    a_programme(funder, "Opens next month", opens_on=days(30))
    a_programme(funder, "Closes next week", opens_on=days(-30), closes_on=days(7))
    a_programme(funder, "Rolling", opens_on=days(-10))
    client.force_login(staff)

    assert programme_titles(read(client)) == [
        "Closes next week",
        "Rolling",
        "Opens next month",
        "Closed last year",
    ]


def test_each_list_pages_on_its_own_and_keeps_the_others_page(client, staff, funder, monkeypatch):
    monkeypatch.setattr(reviewing, "PROGRAMMES_PER_PAGE", 2)
    monkeypatch.setattr(reviewing, "PANELS_PER_PAGE", 2)
    for n in range(5):
        programme = a_programme(funder, f"Round {n}", opens_on=days(-n))
        Panel.objects.create(programme=programme, title=f"Panel {n}", meets_on=days(n + 1))
    client.force_login(staff)

    soup = read(client, "?programmes=3&panels=2")

    assert programme_titles(soup) == ["Round 4"]
    assert [item.split(" – ")[0] for item in section_items(soup, "Panels")] == [
        "Panel 2",
        "Panel 3",
    ]
    programme_pages = soup.find("nav", attrs={"aria-label": "Pages of programmes"})
    panel_pages = soup.find("nav", attrs={"aria-label": "Pages of panels"})
    assert "Page 3 of 3" in programme_pages.get_text()
    assert programme_pages.find("a", rel="prev")["href"] == "?programmes=2&panels=2"
    assert "Page 2 of 3" in panel_pages.get_text()
    assert panel_pages.find("a", rel="next")["href"] == "?programmes=3&panels=3"


def test_a_page_number_that_is_not_a_page_shows_a_page_that_exists(client, staff, funder):
    a_programme(funder, "Only round")
    client.force_login(staff)

    for hostile in ("?programmes=²", "?programmes=-1", "?programmes=9" * 40, "?panels=x"):
        assert programme_titles(read(client, hostile)) == ["Only round"]


def test_panels_still_to_meet_come_first_soonest_then_past_ones_most_recent(
    client, staff, programme
):
    for title, when in (
        ("Met last year", -365),
        ("Meets next month", 30),
        ("Met last week", -7),
        ("Meets today", 0),
    ):
        Panel.objects.create(programme=programme, title=title, meets_on=days(when))
    client.force_login(staff)

    listed = [item.split(" – ")[0] for item in section_items(read(client), "Panels")]

    assert listed == ["Meets today", "Meets next month", "Met last week", "Met last year"]


def test_an_associate_sees_what_waits_for_a_decision_first_longest_waiting_first(
    client, associate, programme
):
    now = timezone.now()

    def assigned(name, status, days_ago):
        ApplicationFactory(
            programme=programme,
            associate=associate,
            group__name=name,
            status=status,
            submitted_at=now - datetime.timedelta(days=days_ago),
        )

    assigned("Awarded long ago", ApplicationStatus.AWARDED, 90)
    assigned("Sent yesterday", ApplicationStatus.SUBMITTED, 1)
    assigned("Declined last week", ApplicationStatus.DECLINED, 7)
    assigned("Waiting a month", ApplicationStatus.IN_REVIEW, 30)
    client.force_login(associate)

    listed = section_items(read(client), "Applications for you to follow up")

    assert listed == [
        "Waiting a month – Covid Fund – Being considered",
        "Sent yesterday – Covid Fund – Submitted",
        "Declined last week – Covid Fund – Declined",
        "Awarded long ago – Covid Fund – Awarded",
    ]


def test_an_associate_is_offered_only_programmes_still_taking_applications_by_phone(
    client, associate, funder
):
    a_programme(funder, "Closed in spring", opens_on=days(-200), closes_on=days(-100))
    a_programme(funder, "Open now", opens_on=days(-5), closes_on=days(20))
    a_programme(funder, "Opens soon", opens_on=days(10))
    client.force_login(associate)

    links = read(client).select("#apply-by-phone a")

    assert [link.get_text() for link in links] == ["Open now", "Opens soon"]


def test_the_page_costs_the_same_queries_however_many_years_of_rounds(
    client, staff, associate, funder, monkeypatch
):
    monkeypatch.setattr(reviewing, "PROGRAMMES_PER_PAGE", 3)
    monkeypatch.setattr(reviewing, "PANELS_PER_PAGE", 3)
    monkeypatch.setattr(reviewing, "FOLLOW_UPS_PER_PAGE", 3)

    def a_year_of_rounds(year):
        for n in range(4):
            programme = a_programme(funder, f"Round {year}.{n}", opens_on=days(-365 * year))
            Panel.objects.create(programme=programme, title=f"Panel {year}.{n}", meets_on=days(-n))
            ApplicationFactory(programme=programme, associate=associate)

    a_year_of_rounds(1)
    client.force_login(staff)
    with CaptureQueriesContext(connection) as one_year:
        read(client)
    for year in range(2, 6):
        a_year_of_rounds(year)
    with CaptureQueriesContext(connection) as five_years:
        soup = read(client, "?programmes=2")

    assert len(programme_titles(soup)) == 3
    assert len(five_years.captured_queries) == len(one_year.captured_queries)
