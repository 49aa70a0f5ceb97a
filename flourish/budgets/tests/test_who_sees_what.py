"""Every budgets page × every role: the person, their broker, their council's staff, another
council's staff, the group they booked, another group, a fellow pool member and a stranger.
Anyone not entitled gets 404, never a hint."""

import pytest

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import Role
from flourish.budgets.services.bookings import booking_ask, booking_confirm

PERSON, BROKER, COUNCIL, OTHER_COUNCIL = "person", "broker", "council", "other council"
GROUP, OTHER_GROUP, POOL_MEMBER, STRANGER = "group", "other group", "pool member", "stranger"


@pytest.fixture
def world(
    budget,
    offer,
    pool,
    jo,
    sam,
    consent,
    owner,
    council_staff,
    other_staff,
    ali,
    stranger,
    next_week,
):
    booking = booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )
    elsewhere = OrganisationFactory(name="Elsewhere Group")
    other_lead = UserFactory(email="other.lead@example.org")
    MembershipFactory(user=other_lead, organisation=elsewhere, role=Role.GROUP_LEAD)
    people = {
        PERSON: jo,
        BROKER: sam,
        COUNCIL: council_staff,
        OTHER_COUNCIL: other_staff,
        GROUP: owner,
        OTHER_GROUP: other_lead,
        POOL_MEMBER: ali.person,
        STRANGER: stranger,
    }
    b, g = budget.pk, offer.listing.organisation.slug
    pages = {
        f"/budgets/{b}/": {PERSON, BROKER, COUNCIL},
        f"/budgets/{b}/plan/": {PERSON, BROKER, COUNCIL},
        f"/budgets/{b}/offers/": {PERSON, BROKER},
        f"/budgets/{b}/offers/{offer.uuid}/book/": {PERSON, BROKER},
        f"/budgets/{b}/bookings/{booking.pk}/": {PERSON, BROKER, COUNCIL},
        f"/budgets/{b}/brokers/": {PERSON, COUNCIL},
        f"/budgets/{b}/pools/": {PERSON, BROKER, COUNCIL},
        f"/budgets/{b}/statement/": {PERSON, BROKER, COUNCIL},
        f"/budgets/receipts/{booking.pk}/": {PERSON, BROKER, COUNCIL, GROUP},
        f"/budgets/groups/{g}/": {GROUP},
        f"/budgets/pools/{pool.pk}/": {PERSON, BROKER, POOL_MEMBER},
        f"/budgets/pools/{pool.pk}/propose/": {PERSON, BROKER, POOL_MEMBER},
        f"/budgets/pools/{pool.pk}/propose/{offer.uuid}/": {PERSON, BROKER, POOL_MEMBER},
        "/budgets/council/leeds/": {COUNCIL},
        "/budgets/council/leeds/new/": {COUNCIL},
        "/budgets/council/leeds/statements/": {COUNCIL},
    }
    return people, pages


def test_every_page_for_every_role(client, world):
    people, pages = world
    wrong = []
    for role, person in people.items():
        client.force_login(person)
        for url, allowed in pages.items():
            status = client.get(url).status_code
            expected = 200 if role in allowed else 404
            if status != expected:
                wrong.append((role, url, status))
    assert wrong == []


def test_pages_speak_urdu_right_to_left(client, jo, budget):
    client.force_login(jo)
    client.cookies["django_language"] = "ur"
    page = client.get(f"/budgets/{budget.pk}/").content.decode()
    assert 'dir="rtl"' in page
    assert "آپ کا ذاتی بجٹ" in page


def test_a_budget_number_too_big_for_any_column_is_not_found(client, jo, budget):
    client.force_login(jo)
    assert client.get(f"/budgets/{budget.pk}/").status_code == 200

    assert client.get(f"/budgets/{10**20}/").status_code == 404
