"""Journeys: suggest a group; claim it by the emailed link; edit it; confirm it; go stale."""

import datetime
import re

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Membership, Role
from flourish.core.models import AuditEvent
from flourish.directory.factories import ListingFactory
from flourish.directory.models import Listing, ListingState

SUGGEST = reverse("directory:suggest")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


GOOD = {
    "name": "Sisters Mutual Aid Bradford",
    "description": "Women of colour looking out for each other: food, calls, company.",
    "led_by": "Run by Black and Asian women with lived experience.",
    "communities": "Black women, South Asian women",
    "languages": "English, Urdu, Punjabi",
    "legal_form": "unconstituted",
    "area_outward_code": "bd7 2aa",
    "website": "",
    "social_link": "https://social.example.org/sisters-bd",
    "email": "sisters@example.org",
    "phone": "",
    "registration_number": "",
}


def test_anyone_can_suggest_a_group_and_it_waits_for_a_coordinator(client, db):
    response = client.post(SUGGEST, GOOD, follow=True)
    assert response.status_code == 200
    listing = Listing.objects.get()
    assert listing.area_outward_code == "BD7"
    assert listing.local_authority == "Bradford"
    assert listing.state == ListingState.PENDING
    page = response.content.decode()
    assert "Sisters Mutual Aid Bradford" in page
    assert "A coordinator checks every suggestion" in page
    assert AuditEvent.objects.filter(action="directory.listing_suggested").count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter the name of the group"),
        ({"description": ""}, "Say what the group is and does"),
        ({"area_outward_code": "XX0"}, "Enter the first half of a real postcode, for example LS6"),
        ({"area_outward_code": ""}, "Enter the first half of a postcode, for example LS6"),
        ({"email": "not an email"}, "Enter an email address, for example name@example.org"),
        ({"website": "not a link"}, "Enter a website address, for example https://example.org"),
    ],
)
def test_bad_suggestions_get_a_clear_message_and_nothing_is_saved(client, db, changes, message):
    response = client.post(SUGGEST, {**GOOD, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "<title>Error:" in page
    assert not Listing.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [
        {"name": "sisters mutual-aid, Bradford", "social_link": ""},
        {"name": "Another name", "social_link": "http://www.social.example.org/sisters-bd/"},
    ],
)
def test_a_group_already_listed_is_not_listed_twice(client, db, changes):
    client.post(SUGGEST, GOOD)
    Listing.objects.update(state=ListingState.ACTIVE)
    response = client.post(SUGGEST, {**GOOD, **changes})
    assert "is already listed with the same name or link" in response.content.decode()
    assert Listing.objects.count() == 1


def test_the_same_name_in_a_different_area_is_a_different_group(client, db):
    client.post(SUGGEST, GOOD)
    client.post(SUGGEST, {**GOOD, "area_outward_code": "CF10", "social_link": ""})
    assert Listing.objects.count() == 2


def claim_link(listing, client, capture):
    with capture(execute=True):
        client.post(reverse("directory:claim", args=[listing.uuid]))
    assert mail.outbox[-1].to == [listing.email]
    return re.search(r"http://testserver(/directory/claim/\S+/)", mail.outbox[-1].body).group(1)


def test_a_group_claims_its_listing_through_the_emailed_link_and_edits_it(
    client, stranger, django_capture_on_commit_callbacks
):
    listing = ListingFactory(
        name="Queer Minds Cardiff", area_outward_code="CF10", email="hello@queerminds.example.org"
    )
    link = claim_link(listing, client, django_capture_on_commit_callbacks)
    client.force_login(stranger)
    assert "Claim the listing for Queer Minds Cardiff" in client.get(link).content.decode()
    response = client.post(link)
    assert response.url == reverse("directory:listing_edit", args=[listing.uuid])
    listing.refresh_from_db()
    assert Membership.objects.filter(
        user=stranger, organisation=listing.organisation, role=Role.GROUP_LEAD
    ).exists()

    form = client.get(response.url)
    assert form.status_code == 200
    data = {
        **GOOD,
        "name": "Queer Minds Cardiff",
        "area_outward_code": "CF10",
        "description": "LGBTQ+ peer support, in our words.",
        "email": listing.email,
        "social_link": "",
    }
    saved = client.post(response.url, data, follow=True)
    assert "LGBTQ+ peer support, in our words." in saved.content.decode()
    listing.refresh_from_db()
    assert listing.description == "LGBTQ+ peer support, in our words."
    assert listing.last_confirmed_at is not None


def test_a_claim_link_works_once(client, stranger, django_capture_on_commit_callbacks):
    listing = ListingFactory()
    link = claim_link(listing, client, django_capture_on_commit_callbacks)
    client.force_login(stranger)
    client.post(link)
    again = client.post(link)
    assert "This link has expired or has already been used" in again.content.decode()
    assert Membership.objects.filter(user=stranger).count() == 1


def test_a_tampered_claim_link_does_nothing(client, stranger):
    listing = ListingFactory()
    client.force_login(stranger)
    response = client.post(reverse("directory:claim_complete", args=[f"{listing.uuid}:forged"]))
    assert "This link has expired or has already been used" in response.content.decode()
    assert not Membership.objects.filter(user=stranger).exists()


def test_a_listing_without_an_email_cannot_be_claimed_by_link(client, db):
    listing = ListingFactory(email="")
    response = client.post(reverse("directory:claim", args=[listing.uuid]), follow=True)
    assert "Ask a coordinator to add you to the group" in response.content.decode()
    assert mail.outbox == []


@pytest.fixture
def claimed(group, owner):
    return ListingFactory(organisation=group, name="Hearing Voices Leeds")


@pytest.mark.parametrize("page", ["directory:listing_edit", "directory:offer_add"])
def test_strangers_and_members_who_are_not_leads_get_404(
    client, claimed, stranger, colleague, page
):
    for person in (stranger, colleague):
        client.force_login(person)
        assert client.get(reverse(page, args=[claimed.uuid])).status_code == 404
        assert client.post(reverse(page, args=[claimed.uuid]), GOOD).status_code == 404
    claimed.refresh_from_db()
    assert claimed.name == "Hearing Voices Leeds"


def test_a_stranger_cannot_confirm_a_listing(client, claimed, stranger):
    client.force_login(stranger)
    assert client.post(reverse("directory:listing_confirm", args=[claimed.uuid])).status_code == 404


def test_a_coordinator_can_edit_for_a_group(client, claimed):
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, role=Role.ADMINISTRATOR)
    # Administrators must have two-factor authentication before they can do anything.
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={})
    client.force_login(coordinator)
    assert client.get(reverse("directory:listing_edit", args=[claimed.uuid])).status_code == 200


def test_editing_with_bad_input_saves_nothing(client, claimed, owner):
    client.force_login(owner)
    response = client.post(
        reverse("directory:listing_edit", args=[claimed.uuid]),
        {**GOOD, "name": "", "area_outward_code": "LS6"},
    )
    assert "Enter the name of the group" in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.name == "Hearing Voices Leeds"


def test_a_lead_confirms_the_group_is_still_running(client, claimed, owner):
    claimed.state, claimed.last_confirmed_at = ListingState.STALE, None
    claimed.save()
    client.force_login(owner)
    page = client.get(reverse("directory:listing", args=[claimed.uuid])).content.decode()
    assert "has not confirmed its details for a while" in page
    response = client.post(reverse("directory:listing_confirm", args=[claimed.uuid]), follow=True)
    assert "still running" in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.state == ListingState.ACTIVE
    assert claimed.last_confirmed_at.date() == timezone.localdate()


def test_unconfirmed_listings_go_stale_then_hidden_and_are_never_deleted(
    db, django_capture_on_commit_callbacks
):
    long_ago = timezone.now() - datetime.timedelta(days=200)
    old = ListingFactory(last_confirmed_at=long_ago, email="old@example.org")
    Listing.objects.filter(pk=old.pk).update(created_at=long_ago)
    fresh = ListingFactory()
    stale_for_ages = ListingFactory(
        state=ListingState.STALE, stale_since=timezone.now() - datetime.timedelta(days=100)
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("mark_stale_listings", stdout=open("/dev/null", "w"))  # noqa: SIM115
    states = dict(Listing.objects.values_list("pk", "state"))
    assert states == {old.pk: "stale", fresh.pk: "active", stale_for_ages.pk: "hidden"}
    assert mail.outbox[0].to == ["old@example.org"]
    assert "still running" in mail.outbox[0].subject


def test_words_a_group_adds_to_its_listing_find_its_offers(client, claimed, owner):
    from flourish.directory.factories import offer_meeting_at

    offer_meeting_at(postcode="LS6 1AA", listing=claimed, name="Tuesday group")
    search = reverse("directory:search")
    assert client.get(search, {"q": "traveller"}).context["results"].total == 0
    client.force_login(owner)
    data = {
        **GOOD,
        "name": claimed.name,
        "area_outward_code": "LS6",
        "communities": "Roma and Traveller families",
        "social_link": "",
        "email": "",
    }
    client.post(reverse("directory:listing_edit", args=[claimed.uuid]), data)
    results = client.get(search, {"q": "Traveller"}).context["results"]
    assert [hit.offer.name for hit in results.hits] == ["Tuesday group"]


def test_claim_emails_are_sent_at_most_once_an_hour(client, db, django_capture_on_commit_callbacks):
    listing = ListingFactory()
    url = reverse("directory:claim", args=[listing.uuid])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
        again = client.post(url, follow=True)
    assert "less than an hour ago" in again.content.decode()
    assert len(mail.outbox) == 1


def test_someone_told_a_group_is_already_listed_gets_a_link_to_that_listing(client, db):
    client.post(SUGGEST, GOOD)
    Listing.objects.update(state=ListingState.ACTIVE)
    existing = Listing.objects.get()

    response = client.post(SUGGEST, {**GOOD, "social_link": ""})

    listing_url = reverse("directory:listing", args=[existing.uuid])
    assert f'href="{listing_url}"' in response.content.decode()
    assert Listing.objects.count() == 1
