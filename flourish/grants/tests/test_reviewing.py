"""Funder staff, associates and panel members working through applications."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.core.models import AuditEvent
from flourish.grants.factories import GroupFactory, application_with_lines
from flourish.grants.models import ApplicationStatus, Conversation
from flourish.grants.services.decisions import (
    application_assign,
    application_sift,
    recommendation_write,
)

pytestmark = pytest.mark.django_db


def _applications(programme, count, **kwargs):
    return [
        application_with_lines(
            programme=programme, group=GroupFactory(name=f"Peer Group {n}"), **kwargs
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("count", [5, 50])
def test_the_staff_list_uses_a_fixed_number_of_queries_whatever_the_data_size(
    client, staff, programme, django_assert_num_queries, count
):
    _applications(programme, count)
    client.force_login(staff)
    url = reverse("grants:programme_applications", args=[programme.slug])
    category = programme.categories.first().pk

    filters = {"status": "submitted", "category": category, "search": "Peer"}

    # Four to sign in (session, person, roles, authenticator); the programme and its
    # categories; the count; then the page's rows, with its ids from the index as a
    # subquery.
    with django_assert_num_queries(8):
        response = client.get(url, filters)
    # The programme, its categories and the count are kept until they change: the page's
    # rows alone.
    with django_assert_num_queries(5):
        again = client.get(url, filters)

    assert response.status_code == again.status_code == 200
    assert f"{count} applications" in response.content.decode()
    assert f"{count} applications" in again.content.decode()


def test_another_funders_staff_cannot_open_a_list_its_own_staff_just_read(client, staff, programme):
    url = reverse("grants:programme_applications", args=[programme.slug])
    client.force_login(staff)
    assert client.get(url).status_code == 200

    other_funder = OrganisationFactory(name="Another Fund", kind=OrganisationKind.FUNDER)
    stranger = UserFactory(email="other.staff@example.org")
    MembershipFactory(user=stranger, organisation=other_funder, role=Role.FUNDER_STAFF)
    client.force_login(with_authenticator(stranger))

    assert client.get(url).status_code == 404


def test_the_staff_list_filters_by_status_and_council_area_and_searches_group_names(
    client, staff, programme
):
    application_with_lines(
        programme=programme, group=GroupFactory(name="Radio Ravi"), local_authority="Bradford"
    )
    application_with_lines(
        programme=programme,
        group=GroupFactory(name="Walk and Talk"),
        local_authority="Leeds",
        status=ApplicationStatus.IN_REVIEW,
    )
    application_with_lines(programme=programme, status=ApplicationStatus.DRAFT)
    client.force_login(staff)
    url = reverse("grants:programme_applications", args=[programme.slug])

    everything = client.get(url).content.decode()
    in_leeds = client.get(url, {"local_authority": "leeds"}).content.decode()
    searched = client.get(url, {"search": "radio"}).content.decode()
    in_review = client.get(url, {"status": "in_review"}).content.decode()

    assert "2 applications" in everything  # the draft is the group's own business
    assert "Walk and Talk" in in_leeds and "Radio Ravi" not in in_leeds
    assert "Radio Ravi" in searched and "Walk and Talk" not in searched
    assert "Walk and Talk" in in_review and "Radio Ravi" not in in_review


def test_the_staff_list_pages_through_many_applications(client, staff, programme):
    _applications(programme, 30)
    client.force_login(staff)
    url = reverse("grants:programme_applications", args=[programme.slug])

    second = client.get(url, {"page": 2}).content.decode()

    assert "Page 2 of 2" in second
    assert second.count('href="/grants/manage/applications/') == 5


def _rows_and_next_link(client, url, query=None):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(client.get(url, query).content, "html.parser")
    rows = [
        (cells[0].get_text(strip=True), cells[0].a["href"], cells[2].get_text(strip=True))
        for cells in (row.find_all("td") for row in soup.select("tbody tr"))
    ]
    following = soup.select_one("a[rel=next]")
    return rows, following["href"] if following else None


def test_paging_through_the_staff_list_shows_every_application_once_newest_first(
    client, staff, programme
):
    made = _applications(programme, 30)
    for minutes, application in enumerate(made):  # each sent a minute after the one before
        application.submitted_at = made[0].submitted_at + datetime.timedelta(minutes=minutes)
        application.save(update_fields=["submitted_at"])
    client.force_login(staff)
    url = reverse("grants:programme_applications", args=[programme.slug])

    first, following = _rows_and_next_link(client, url)
    second, after = _rows_and_next_link(client, url + following)

    newest_first = [application.group.name for application in reversed(made)]
    assert [name for name, _link, _status in first] == newest_first[:25]
    assert [name for name, _link, _status in second] == newest_first[25:]
    assert after is None
    for application in made:  # each row links to its own application
        link = reverse("grants:review", args=[application.pk])
        assert (application.group.name, link, "Submitted") in first + second


def test_the_next_page_of_a_filtered_staff_list_keeps_the_filter(client, staff, programme):
    _applications(programme, 30, status=ApplicationStatus.IN_REVIEW)
    _applications(programme, 30, status=ApplicationStatus.SHORTLISTED)
    client.force_login(staff)
    url = reverse("grants:programme_applications", args=[programme.slug])

    first, following = _rows_and_next_link(client, url, {"status": "in_review"})
    second, _after = _rows_and_next_link(client, url + following)

    assert "status=in_review" in following
    assert {status for _name, _link, status in first + second} == {"Being considered"}
    assert len({link for _name, link, _status in first + second}) == 30


def test_a_not_eligible_group_reads_a_kind_message_with_signposts(
    client, staff, owner, group, programme
):
    application = application_with_lines(programme=programme, group=group, submitted_by=owner)
    client.force_login(staff)
    form = client.get(reverse("grants:sift", args=[application.pk])).content.decode()
    assert "we are sorry that we cannot fund it this time" in form

    client.post(
        reverse("grants:sift", args=[application.pk]),
        {
            "eligible": "no",
            "decline_message": "Thank you, and sorry: we only fund groups in England.",
            "feedback": "Your idea is a good one.",
            "signposts": "Try the Wales Council for Voluntary Action.",
        },
    )

    client.force_login(owner)
    status = client.get(
        reverse("grants:application_status", args=[application.pk])
    ).content.decode()
    assert "we only fund groups in England" in status
    assert "Wales Council for Voluntary Action" in status
    application.refresh_from_db()
    assert application.status == ApplicationStatus.NOT_ELIGIBLE


def test_an_application_cannot_be_sifted_twice(staff, programme):
    application = application_with_lines(programme=programme)
    application_sift(application=application, actor=staff, eligible=True)

    with pytest.raises(ValidationError, match="already been sifted"):
        application_sift(application=application, actor=staff, eligible=False, decline_message="x")


def test_an_associate_follows_up_by_conversation_and_recommends(
    client, staff, associate, programme
):
    application = application_with_lines(programme=programme)
    application_sift(application=application, actor=staff, eligible=True)
    client.force_login(staff)
    client.post(reverse("grants:assign", args=[application.pk]), {"associate": associate.pk})

    client.force_login(associate)
    assert client.get(reverse("grants:review", args=[application.pk])).status_code == 200
    client.post(
        reverse("grants:conversation", args=[application.pk]),
        {
            "kind": "phone",
            "happened_on_0": "27",
            "happened_on_1": "3",
            "happened_on_2": "2026",
            "notes": "Lovely group, clear plan.",
        },
    )
    client.post(
        reverse("grants:recommend", args=[application.pk]),
        {
            "background": "Runs weekly.",
            "verdict": "yes",
            "suggested_amount": "1500",
            "conditions": "Tell us how it went.",
        },
    )

    conversation = Conversation.objects.get()
    assert conversation.happened_on == datetime.date(2026, 3, 27)
    assert application.recommendation.suggested_amount_pence == 150_000
    page = client.get(reverse("grants:review", args=[application.pk])).content.decode()
    assert "Lovely group, clear plan." in page
    assert "£1,500" in page
    assert AuditEvent.objects.filter(action="grants.recommendation_written").exists()


def test_only_an_associate_of_the_funder_can_be_assigned(staff, stranger, programme):
    application = application_with_lines(programme=programme)

    with pytest.raises(ValidationError):
        application_assign(application=application, actor=staff, associate=stranger)


def test_a_recommendation_over_the_maximum_is_refused(associate, programme):
    application = application_with_lines(programme=programme, associate=associate)

    with pytest.raises(ValidationError, match="£2,000 or less"):
        recommendation_write(
            application=application,
            actor=associate,
            background="x",
            verdict="yes",
            suggested_amount_pence=250_000,
        )


def test_funder_staff_see_their_programmes_on_the_manage_page(client, staff, programme):
    client.force_login(staff)

    page = client.get(reverse("grants:manage")).content.decode()

    assert "Covid Fund" in page


def test_reading_a_groups_contact_details_is_recorded(client, associate, programme):
    application = application_with_lines(programme=programme, associate=associate)
    client.force_login(associate)

    page = client.get(reverse("grants:review", args=[application.pk])).content.decode()

    assert "07700 900123" in page
    event = AuditEvent.objects.get(action="core.sensitive_record_read")
    assert event.actor == associate
    assert event.target_id == str(application.pk)


def test_a_panel_member_is_not_shown_contact_details(client, panel_member, programme):
    application = application_with_lines(programme=programme, status=ApplicationStatus.SHORTLISTED)
    client.force_login(panel_member)

    page = client.get(reverse("grants:review", args=[application.pk])).content.decode()

    assert "07700 900123" not in page
    read = AuditEvent.objects.get(action="core.sensitive_record_read")
    assert read.actor == panel_member  # what the group wrote is special category data
    assert "what_you_want_to_do" in read.data["fields"]
    assert "contact_detail" not in read.data["fields"]


def test_a_search_that_matches_nothing_says_so_instead_of_showing_an_empty_table(
    client, staff, programme
):
    _applications(programme, 2)
    client.force_login(staff)

    response = client.get(
        reverse("grants:programme_applications", args=[programme.slug]), {"search": "zzzz"}
    )

    html = response.content.decode()
    assert "No applications match" in html
    assert "<table" not in html


def test_a_grant_paid_in_full_offers_no_more_decisions_or_payments(client, staff, programme):
    from flourish.grants.factories import AwardFactory

    award = AwardFactory(
        application__programme=programme,
        application__status=ApplicationStatus.PAID,
        programme=programme,
        amount_pence=100_000,
        paid_pence=100_000,
    )
    client.force_login(staff)

    html = client.get(reverse("grants:review", args=[award.application.pk])).content.decode()

    assert reverse("grants:decide", args=[award.application.pk]) not in html
    assert reverse("grants:pay", args=[award.application.pk]) not in html
    assert "nothing more to do" in html


def test_an_award_not_yet_paid_in_full_can_still_be_paid(client, staff, programme):
    from flourish.grants.factories import AwardFactory

    award = AwardFactory(application__programme=programme, programme=programme, paid_pence=0)
    client.force_login(staff)

    html = client.get(reverse("grants:review", args=[award.application.pk])).content.decode()

    assert reverse("grants:pay", args=[award.application.pk]) in html
    assert reverse("grants:decide", args=[award.application.pk]) not in html


def test_each_programme_on_the_manage_page_names_what_its_links_lead_to(client, staff, programme):
    from bs4 import BeautifulSoup

    client.force_login(staff)

    soup = BeautifulSoup(client.get(reverse("grants:manage")).content, "html.parser")

    names = {" ".join(a.get_text(" ").split()): a["href"] for a in soup.select("main a")}
    url = reverse("grants:programme_applications", args=[programme.slug])
    assert names["Applications Covid Fund"] == url
    assert names["Dashboard Covid Fund"] == reverse("grants:dashboard", args=[programme.slug])


@pytest.mark.parametrize("asked", ["99999999999999999999", "3", "two", "-1"])
def test_the_staff_list_shows_a_page_that_exists_whatever_page_is_asked_for(
    client, staff, programme, asked
):
    _applications(programme, 30)
    client.force_login(staff)
    url = reverse("grants:programme_applications", args=[programme.slug])

    response = client.get(url, {"page": asked})

    assert response.status_code == 200
    expected = "Page 1 of 2" if asked in ("two", "-1") else "Page 2 of 2"
    assert expected in response.content.decode()


def test_what_a_group_wrote_keeps_its_own_direction_on_an_urdu_page(client, staff, programme):
    application = application_with_lines(programme=programme)
    client.force_login(staff)

    page = client.get(
        reverse("grants:review", args=[application.pk]), HTTP_ACCEPT_LANGUAGE="ur"
    ).content.decode()

    assert 'dir="rtl"' in page
    assert (
        '<dd class="govuk-summary-list__value" dir="auto">Run our weekly peer support group' in page
    )
