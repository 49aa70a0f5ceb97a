"""After signing in, a group organiser starts from their own group's pages."""

import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.demo import DEMO_PASSWORD
from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role

pytestmark = pytest.mark.django_db

GROUP_PAGE = reverse("learning:group", args=["peer-support-bradford"])
BOOKINGS = reverse("budgets:group_bookings", args=["peer-support-bradford"])


def test_from_the_demo_the_organiser_signs_in_and_lands_on_their_groups_pages():
    accounts_demo.build(io.StringIO())
    browser = Client()
    credentials = {"login": "organiser@example.org", "password": DEMO_PASSWORD}
    landed = browser.post(reverse("account_login"), credentials, follow=True)

    assert landed.request["PATH_INFO"] == reverse("core:home")
    page = landed.content.decode()
    assert "Your group" in page
    assert f'href="{GROUP_PAGE}">Peer Support Bradford</a>' in page
    assert f'href="{BOOKINGS}">Bookings with Peer Support Bradford</a>' in page
    assert f'href="{reverse("grants:my_applications")}">Your applications</a>' in page
    for link in (GROUP_PAGE, BOOKINGS, reverse("grants:my_applications")):
        assert browser.get(link).status_code == 200


def test_a_member_who_does_not_lead_sees_their_group_but_not_its_bookings(client):
    group = OrganisationFactory(name="Walk and Talk Hull", slug="walk-and-talk-hull")
    member = MembershipFactory(organisation=group, role=Role.GROUP_MEMBER).user
    client.force_login(member)

    page = client.get(reverse("core:home")).content.decode()

    assert reverse("learning:group", args=[group.slug]) in page
    assert reverse("budgets:group_bookings", args=[group.slug]) not in page


def test_a_groups_lead_goes_from_home_to_their_listing_and_a_member_does_not(client):
    from flourish.directory.factories import ListingFactory

    group = OrganisationFactory(name="Walk and Talk Hull", slug="walk-and-talk-hull")
    listing = ListingFactory(organisation=group)
    lead = MembershipFactory(organisation=group, role=Role.GROUP_LEAD).user
    member = MembershipFactory(organisation=group, role=Role.GROUP_MEMBER).user
    edit = reverse("directory:listing_edit", args=[listing.uuid])

    client.force_login(lead)
    assert f'href="{edit}"' in client.get(reverse("core:home")).content.decode()
    assert client.get(edit).status_code == 200
    client.force_login(member)
    assert edit not in client.get(reverse("core:home")).content.decode()


def test_people_see_only_their_own_groups_and_not_other_organisations(client):
    mine = OrganisationFactory(name="Hearing Voices Leeds", slug="hearing-voices-leeds")
    theirs = OrganisationFactory(name="Mind the Gap Bristol", slug="mind-the-gap-bristol")
    council = OrganisationFactory(name="Bradford Council", kind=OrganisationKind.COUNCIL)
    person = MembershipFactory(organisation=mine, role=Role.GROUP_LEAD).user
    MembershipFactory(user=person, organisation=mine, role=Role.GROUP_MEMBER)
    MembershipFactory(user=person, organisation=council, role=Role.BUDGET_HOLDER)
    MembershipFactory(organisation=theirs, role=Role.GROUP_LEAD)
    client.force_login(person)

    page = client.get(reverse("core:home")).content.decode()

    assert page.count(f'href="{reverse("learning:group", args=[mine.slug])}"') == 1
    assert "Mind the Gap Bristol" not in page
    assert "Bradford Council" not in page


def test_someone_in_no_group_and_a_visitor_see_no_group_section(client):
    assert "Your group" not in client.get(reverse("core:home")).content.decode()
    client.force_login(UserFactory())
    assert "Your group" not in client.get(reverse("core:home")).content.decode()


def test_the_home_page_reads_a_persons_groups_in_one_query(client):
    person = UserFactory()
    client.force_login(person)

    def queries_with(groups):
        for number in range(groups):
            group = OrganisationFactory(name=f"Group {number}", slug=f"group-{number}")
            MembershipFactory(user=person, organisation=group, role=Role.GROUP_LEAD)
        with CaptureQueriesContext(connection) as captured:
            client.get(reverse("core:home"))
        return len(captured.captured_queries)

    # The session, the person, their roles (for the two-step check and the menu), and
    # their groups.
    assert queries_with(1) == queries_with(4) == 4
