"""A service's page: the chart, its limits and notes, the tallies, downloads, and who sees it."""

import datetime
import random

import pytest
from django.urls import reverse
from django.utils import timezone

from flourish.demand.factories import ChangeNoteFactory, ContactFactory, ServiceFactory
from flourish.demand.models import Contact, DemandType, FailureKind
from flourish.demand.selectors import service_report

TODAY = timezone.localdate()
MONDAY = TODAY - datetime.timedelta(days=TODAY.weekday())
# Session, person, two-step check, service, roles; five for the report; three for the layout.
CHART_QUERIES = 13


def weekly(service, weeks, failures_per_week, total=10, kind=FailureKind.CHASING, cause=""):
    """`total` contacts in each of the last `weeks` weeks, `failures_per_week` of them failure."""
    contacts = []
    for back in range(weeks):
        day = MONDAY - datetime.timedelta(weeks=back)
        failures = failures_per_week(back) if callable(failures_per_week) else failures_per_week
        for n in range(total):
            failure = n < failures
            contacts.append(
                Contact(
                    service=service,
                    received_on=day,
                    words="Where is my payment?" if failure else "Can I join?",
                    channel="phone",
                    demand=DemandType.FAILURE if failure else DemandType.VALUE,
                    failure_kind=kind if failure else "",
                    cause=cause if failure else "",
                    resolved_first_time=n % 2 == 0,
                )
            )
    Contact.objects.bulk_create(contacts)


def test_fewer_than_ten_weeks_says_it_is_too_early_to_tell(client, service, colleague):
    weekly(service, 9, 3)
    client.force_login(colleague)
    page = client.get(reverse("demand:service", args=[service.slug])).content.decode()
    assert "Too early to tell" in page
    assert "stroke-dasharray" not in page  # no limits drawn


def test_a_year_of_weeks_shows_the_mean_and_limits_with_the_figures_beside(
    client, service, colleague
):
    weekly(service, 21, lambda back: 3 + back % 3, kind=FailureKind.NOT_UNDERSTOOD, cause="Q4")
    client.force_login(colleague)
    page = client.get(reverse("demand:service", args=[service.slug])).content.decode()
    assert "Too early to tell" not in page
    assert "stroke-dasharray" in page
    assert 'role="img"' in page and '<title id="chart-title">' in page
    assert "Latest mean 40.0%" in page
    assert "Didn&#x27;t understand" in page
    assert "Q4" in page
    assert "Sorted at the first contact" in page and "50%" in page


def test_a_change_that_cut_failure_demand_shows_as_points_below_the_old_limits(service):
    weekly(service, 16, lambda back: 1 if back < 4 else 5)
    ChangeNoteFactory(service=service, made_on=MONDAY - datetime.timedelta(weeks=3), text="Q4")
    report = service_report(service=service, today=TODAY)
    last = report.rows[-4:]
    assert last[0].notes[0].text == "Q4"
    assert all(row.point.outside for row in last)
    assert last[0].point.limits.mean == pytest.approx(50)


def test_the_chart_can_be_shown_by_month(client, service, colleague):
    weekly(service, 3, 2)
    client.force_login(colleague)
    page = client.get(reverse("demand:service", args=[service.slug]) + "?by=month")
    assert "Failure demand by month" in page.content.decode()


def test_the_team_downloads_every_contact_with_formulas_made_harmless(client, service, colleague):
    ContactFactory(service=service, words="=HYPERLINK(1)")
    client.force_login(colleague)
    response = client.get(reverse("demand:contacts_csv", args=[service.slug]))
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines()[0].startswith("date,words,channel")
    assert "'=HYPERLINK(1)" in body


def test_the_chart_figures_download_has_a_row_for_each_week(client, service, colleague):
    weekly(service, 2, 1)
    client.force_login(colleague)
    response = client.get(reverse("demand:chart_csv", args=[service.slug]))
    assert len(b"".join(response.streaming_content).decode().splitlines()) == 53


def test_a_stranger_gets_nothing_from_a_private_service(client, service, stranger, other_lead):
    for person in (stranger, other_lead):
        client.force_login(person)
        for name in ("service", "log", "note_new", "contacts_csv", "chart_csv", "settings"):
            assert client.get(reverse(f"demand:{name}", args=[service.slug])).status_code == 404


def test_a_public_chart_shows_no_ones_words(client, service, stranger):
    service.chart_is_public = True
    service.save()
    ContactFactory(service=service, words="A private worry")
    client.force_login(stranger)
    page = client.get(reverse("demand:service", args=[service.slug])).content.decode()
    assert "A private worry" not in page
    assert client.get(reverse("demand:contacts_csv", args=[service.slug])).status_code == 404
    assert client.get(reverse("demand:log", args=[service.slug])).status_code == 404


def test_only_leads_change_the_settings(client, service, owner, colleague):
    client.force_login(colleague)
    assert client.get(reverse("demand:settings", args=[service.slug])).status_code == 404
    client.force_login(owner)
    response = client.post(
        reverse("demand:settings", args=[service.slug]),
        {"name": "Our phone line", "description": "", "period": "month", "chart_is_public": "on"},
    )
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.chart_is_public and service.period == "month"


def test_a_lead_starts_a_service_and_lands_on_the_quick_log(client, group, owner, colleague):
    client.force_login(colleague)
    assert client.get(reverse("demand:service_new")).status_code == 404
    client.force_login(owner)
    response = client.post(
        reverse("demand:service_new"),
        {"organisation": group.pk, "name": "Drop-in", "description": "", "period": "week"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("demand:log", args=["drop-in"])


@pytest.mark.parametrize("size", [1, 40])
def test_the_service_page_makes_the_same_number_of_queries_whatever_the_data(
    client, service, colleague, django_assert_max_num_queries, size
):
    random.seed(size)
    weekly(service, size if size < 52 else 52, lambda back: random.randint(0, 5))
    for back in range(min(size, 5)):
        ChangeNoteFactory(service=service, made_on=MONDAY - datetime.timedelta(weeks=back))
    ServiceFactory.create_batch(size // 10 + 1)
    client.force_login(colleague)
    with django_assert_max_num_queries(CHART_QUERIES):
        client.get(reverse("demand:service", args=[service.slug]))


@pytest.mark.parametrize(
    ("language", "heading"), [("cy", "Cofnodi cyswllt"), ("ur", "رابطہ درج کریں")]
)
def test_the_pages_read_in_welsh_and_in_urdu(client, service, colleague, language, heading):
    weekly(service, 12, 3)
    colleague.preferred_language = language
    colleague.save()
    client.force_login(colleague)
    page = client.get(reverse("demand:log", args=[service.slug])).content.decode()
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in page
    chart = client.get(reverse("demand:service", args=[service.slug])).content.decode()
    direction = "rtl" if language == "ur" else "ltr"
    assert f'<html lang="{language}" dir="{direction}"' in chart
