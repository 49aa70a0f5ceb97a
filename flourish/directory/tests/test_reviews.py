"""Journeys: a suggestion waits for a coordinator, who lists it, merges it or refuses it with
a reason; the suggester is told; nobody else can see it or act on it meanwhile."""

import re

import pytest
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.core.models import AuditEvent
from flourish.directory import review_views
from flourish.directory.factories import ListingFactory
from flourish.directory.models import Listing, ListingState

SUGGEST = reverse("directory:suggest")
QUEUE = reverse("directory:suggestion_list")
SUGGESTION = {
    "name": "Sisters Mutual Aid Bradford",
    "description": "Women of colour looking out for each other: food, calls, company.",
    "led_by": "",
    "communities": "Black women, South Asian women",
    "languages": "English, Urdu",
    "legal_form": "unconstituted",
    "area_outward_code": "BD7",
    "website": "",
    "social_link": "",
    "email": "sisters@example.org",
    "phone": "0113 496 0000",
    "registration_number": "",
    "suggester_email": "neighbour@example.org",
}


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator(db):
    person = UserFactory(email="coordinator@example.org")
    MembershipFactory(user=person, role=Role.ADMINISTRATOR)
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    return person


@pytest.fixture
def suggestion(client, db):
    client.post(SUGGEST, SUGGESTION)
    client.logout()
    return Listing.objects.get(name=SUGGESTION["name"])


def _url(name, listing):
    return reverse(f"directory:{name}", args=[listing.uuid])


def test_a_suggestion_is_hidden_from_everyone_until_a_coordinator_has_checked_it(
    client, suggestion
):
    assert suggestion.state == ListingState.PENDING
    assert client.get(_url("listing", suggestion)).status_code == 404
    assert client.get(_url("listing_calendar", suggestion)).status_code == 404
    search = client.get(reverse("directory:search"), {"q": "Sisters"})
    assert "Sisters Mutual Aid" not in search.content.decode()


def test_a_coordinator_finds_the_queue_in_their_menu_and_lists_the_group(
    client, suggestion, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    home = client.get(reverse("core:home")).content.decode()
    assert f'href="{QUEUE}"' in home
    queue = client.get(QUEUE).content.decode()
    assert "Check Sisters Mutual Aid Bradford" in queue
    review = client.get(_url("suggestion_review", suggestion)).content.decode()
    assert "0113 496 0000" in review

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url("suggestion_approve", suggestion), follow=True)

    assert "Sisters Mutual Aid Bradford is now listed" in response.content.decode()
    client.logout()
    assert client.get(_url("listing", suggestion)).status_code == 200
    assert mail.outbox[-1].to == ["neighbour@example.org"]
    assert "is now in the Flourish directory" in mail.outbox[-1].subject
    event = AuditEvent.objects.get(action="directory.listing_approved")
    assert event.actor == coordinator


def test_a_coordinator_refuses_a_suggestion_with_a_reason_the_suggester_is_sent(
    client, suggestion, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    blank = client.post(_url("suggestion_reject", suggestion), {"reject-reason": " "})
    assert blank.status_code == 400
    assert "Say why the group is not being listed" in blank.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("suggestion_reject", suggestion),
            {"reject-reason": "We could not find any sign that this group meets."},
        )

    suggestion.refresh_from_db()
    assert suggestion.state == ListingState.REJECTED
    assert "We could not find any sign that this group meets." in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["neighbour@example.org"]
    assert client.get(_url("listing", suggestion)).status_code == 404
    assert AuditEvent.objects.filter(action="directory.listing_rejected").count() == 1


def test_merging_adds_only_what_the_listed_group_lacks(
    client, suggestion, coordinator, django_capture_on_commit_callbacks
):
    listed = ListingFactory(
        name="Sisters of Bradford",
        area_outward_code="BD7",
        description="Our own words.",
        phone="",
        languages="",
    )
    client.force_login(coordinator)
    review = client.get(_url("suggestion_review", suggestion)).content.decode()
    assert "Sisters of Bradford (BD7)" in review

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("suggestion_merge", suggestion), {"merge-into": str(listed.uuid)})

    listed.refresh_from_db()
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.merged_into) == (ListingState.MERGED, listed)
    assert listed.description == "Our own words."
    assert (listed.phone, listed.languages) == ("0113 496 0000", "English, Urdu")
    assert "already in the Flourish directory" in mail.outbox[-1].subject
    assert AuditEvent.objects.filter(action="directory.listing_merged").count() == 1


def test_a_suggestion_cannot_be_merged_into_a_group_that_is_not_listed(
    client, suggestion, coordinator
):
    hidden = ListingFactory(area_outward_code="BD7", state=ListingState.HIDDEN)
    client.force_login(coordinator)
    response = client.post(_url("suggestion_merge", suggestion), {"merge-into": str(hidden.uuid)})
    assert "Choose the group that is already listed" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == ListingState.PENDING


def test_only_coordinators_see_the_queue_or_decide(client, suggestion, owner, stranger):
    for person in (None, owner, stranger):
        if person:
            client.force_login(person)
        for name in ("suggestion_review", "suggestion_approve", "suggestion_reject"):
            method = client.get if name == "suggestion_review" else client.post
            assert method(_url(name, suggestion)).status_code in (302, 404)
        assert client.get(QUEUE).status_code in (302, 404)
    client.force_login(owner)
    assert client.get(QUEUE).status_code == 404
    assert f'href="{QUEUE}"' not in client.get(reverse("core:home")).content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == ListingState.PENDING


def test_a_decided_suggestion_cannot_be_decided_again(client, suggestion, coordinator):
    client.force_login(coordinator)
    client.post(_url("suggestion_approve", suggestion))
    again = client.post(_url("suggestion_reject", suggestion), {"reject-reason": "Spam"})
    assert again.status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.state == ListingState.ACTIVE


def test_the_queue_takes_the_same_number_of_queries_however_many_wait(
    client, coordinator, django_assert_num_queries
):
    client.force_login(coordinator)
    ListingFactory.create_batch(2, state=ListingState.PENDING)
    client.get(QUEUE)
    # Sign-in, the coordinator's roles (for the two-step check and the menu), their
    # authenticator, then the queue itself.
    with django_assert_num_queries(6) as few:
        client.get(QUEUE)
    ListingFactory.create_batch(20, state=ListingState.PENDING)
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(QUEUE).content.decode()
    assert "22 suggestions waiting" in page


def test_a_group_that_claims_its_suggestion_is_listed_without_waiting(
    client, suggestion, stranger, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("claim", suggestion))
    link = re.search(r"http://testserver(/directory/claim/\S+/)", mail.outbox[-1].body).group(1)
    assert mail.outbox[-1].to == ["sisters@example.org"]
    client.force_login(stranger)
    assert "Claim the listing for Sisters Mutual Aid Bradford" in client.get(link).content.decode()

    client.post(link)

    suggestion.refresh_from_db()
    assert suggestion.state == ListingState.ACTIVE
    assert client.get(_url("listing", suggestion)).status_code == 200
    assert AuditEvent.objects.filter(action="directory.listing_approved").count() == 1


def test_a_coordinators_own_suggestion_is_listed_at_once(client, coordinator):
    client.force_login(coordinator)
    response = client.post(SUGGEST, SUGGESTION, follow=True)
    assert response.status_code == 200
    assert Listing.objects.get().state == ListingState.ACTIVE


def test_suggesting_a_group_already_waiting_says_so(client, suggestion):
    response = client.post(SUGGEST, {**SUGGESTION, "suggester_email": ""})
    assert "waiting for a coordinator to check it" in response.content.decode()
    assert Listing.objects.count() == 1


# A council area of hundreds of groups: the merge form lists the first few by name and
# finds the rest by name; any group of the area may still be chosen.


@pytest.fixture
def crowded_area(monkeypatch, suggestion):
    """More groups in the suggestion's area than the merge form lists (three, for the test)."""
    monkeypatch.setattr(review_views, "CANDIDATES_SHOWN", 3)
    for name in ["Allotment Friends", "Bradford Walkers", "Carers Café", "Sisters of Bradford"]:
        ListingFactory(name=name, area_outward_code="BD7")
    return suggestion


def review_url(suggestion, **query):
    address = reverse("directory:suggestion_review", args=[suggestion.uuid])
    return address + ("?name=" + query["name"] if query else "")


def listed(html):
    select = BeautifulSoup(html, "html.parser").find("select", attrs={"name": "merge-into"})
    return [option.get_text() for option in select.find_all("option") if option["value"]]


def test_the_merge_form_lists_the_first_groups_and_says_how_to_find_the_rest(
    client,
    crowded_area,
    coordinator,
):
    client.force_login(coordinator)
    page = client.get(review_url(crowded_area)).text
    assert listed(page) == [
        "Allotment Friends (BD7)",
        "Bradford Walkers (BD7)",
        "Carers Café (BD7)",
    ]
    assert "Showing the first 3 groups in this area by name" in page


def test_a_group_found_by_name_is_listed_and_merged_into(
    client,
    crowded_area,
    coordinator,
):
    client.force_login(coordinator)
    page = client.get(review_url(crowded_area, name="sisters")).text
    assert listed(page) == ["Sisters of Bradford (BD7)"]
    assert "Showing the groups in this area whose name has “sisters”" in page
    target = BeautifulSoup(page, "html.parser").find("option", string="Sisters of Bradford (BD7)")
    merge = reverse("directory:suggestion_merge", args=[crowded_area.uuid])
    client.post(merge, {"merge-into": target["value"]})
    crowded_area.refresh_from_db()
    assert crowded_area.state == ListingState.MERGED
    assert crowded_area.merged_into.name == "Sisters of Bradford"


def test_finding_nothing_says_what_to_try(client, crowded_area, coordinator):
    client.force_login(coordinator)
    page = client.get(review_url(crowded_area, name="<b>Nobody</b>")).text
    assert "No group in this area has “&lt;b&gt;Nobody&lt;/b&gt;” in its name" in page
    assert "<b>Nobody</b>" not in page
    assert "No groups are listed in this council area yet" not in page


def test_the_review_page_reads_the_same_however_many_groups_the_area_has(
    client,
    crowded_area,
    coordinator,
):
    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as few:
        client.get(review_url(crowded_area))
    for n in range(10):
        ListingFactory(name=f"Zine Club {n}", area_outward_code="BD7")
    with CaptureQueriesContext(connection) as many:
        page = client.get(review_url(crowded_area)).text
    assert len(listed(page)) == 3
    assert len(many.captured_queries) == len(few.captured_queries)
