"""Personal budget journeys in a real browser, JavaScript on and off, with axe-core on each
page: a person books a peer group session with their budget; a broker books for them within
the limit and is refused over it; a pool member votes and the pool pays a group; council
staff download a month's statements.

The scene is built from the same factories and services as the demo (the whole demo takes
too long to build twice per journey on a shared machine; `test_demo.py` walks it)."""

import datetime
import shutil

import pytest
from django.utils import timezone

from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


@pytest.fixture
def scene(transactional_db):
    from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
    from flourish.accounts.models import Role
    from flourish.budgets.factories import (
        budget_make,
        budget_offer_make,
        council_make,
        council_staff_make,
    )
    from flourish.budgets.services.brokers import broker_invite
    from flourish.budgets.services.budgets import budget_periods_pay
    from flourish.budgets.services.pools import pool_form, pool_join, proposal_make, vote_cast
    from flourish.directory.factories import OfferPlaceFactory, PlaceFactory

    council = council_make("Bradford Council", slug="bradford-council")
    staff = council_staff_make(council, UserFactory(email="council@example.org", name="Kim"))
    group = OrganisationFactory(name="Peer Support Bradford", slug="peer-support-bradford")
    lead = UserFactory(email="organiser@example.org", name="Priya Organiser")
    MembershipFactory(user=lead, organisation=group, role=Role.GROUP_LEAD)
    offer = budget_offer_make(group=group, name="Peer support session", price_pence=2_000)
    OfferPlaceFactory(offer=offer, place=PlaceFactory(listing=offer.listing, postcode="BD1 1AA"))
    jo = UserFactory(email="holder@example.org", name="Jo Holder")
    budget = budget_make(council=council, person=jo, amount_pence=40_000)
    others = [budget_make(council=council) for _n in range(2)]
    budget_periods_pay(today=timezone.localdate())
    sam = UserFactory(email="broker@example.org", name="Sam Broker")
    broker_invite(
        budget=budget,
        broker=sam,
        may_book=True,
        monthly_limit_pence=5_000,
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        actor=jo,
    )
    pool = pool_form(
        name="Tuesday art group",
        purpose="Art together",
        rule="majority",
        quorum=2,
        decide_days=7,
        budget=others[0],
        contribution_pence=3_000,
        outcome="Be creative",
        actor=others[0].person,
    )
    for member_budget in (budget, others[1]):
        pool_join(
            pool=pool,
            budget=member_budget,
            contribution_pence=3_000,
            outcome="Be creative",
            actor=member_budget.person,
        )
    members = {m.budget_id: m for m in pool.members.all()}
    proposal = proposal_make(
        pool=pool,
        member=members[others[0].pk],
        offer=offer,
        amount_pence=6_000,
        why="Six art sessions",
        actor=others[0].person,
    )
    vote_cast(
        proposal=proposal, member=members[others[0].pk], in_favour=True, actor=others[0].person
    )
    return {
        "budget": budget,
        "jo": jo,
        "sam": sam,
        "lead": lead,
        "staff": staff,
        "pool": pool,
        "offer": offer,
    }


def _book(page, quantity):
    day = timezone.localdate() + datetime.timedelta(days=7)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("How many?").fill(str(quantity))
    press(page, "Book it")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_books_a_peer_session_and_the_group_confirms_it(
    browser, live_server, scene, javascript
):
    page = signed_in_page(browser, live_server, scene["jo"], javascript)
    page.goto(f"/budgets/{scene['budget'].pk}/")
    assert page.locator("h1").inner_text() == "Your personal budget"
    assert accessible(page, javascript)
    follow(page, "Find support to book")
    assert accessible(page, javascript)
    page.get_by_label("Postcode").fill("BD1 3AB")
    press(page, "Search")
    assert "Under half a mile away" in page.locator("#bookable-offers").inner_text()
    assert accessible(page, javascript)
    follow(page, "Peer support session")
    assert accessible(page, javascript)
    _book(page, 1)
    assert "Waiting for the group" in page.locator("main").inner_text()
    assert accessible(page, javascript)
    page.context.close()

    page = signed_in_page(browser, live_server, scene["lead"], javascript)
    page.goto("/budgets/groups/peer-support-bradford/")
    assert accessible(page, javascript)
    day = f"{timezone.localdate() + datetime.timedelta(days=7):%-d %b %Y}"
    press(page, f"Confirm Peer support session, {day}")
    assert "Confirmed and paid" in page.locator("main").inner_text()
    follow(page, f"Receipt Peer support session, {day}")
    assert "£20" in page.locator("#amount").inner_text()
    assert accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_broker_books_within_the_limit_and_is_refused_over_it(
    browser, live_server, scene, javascript
):
    page = signed_in_page(browser, live_server, scene["sam"], javascript)
    page.goto(f"/budgets/{scene['budget'].pk}/offers/{scene['offer'].uuid}/book/")
    _book(page, 3)
    assert page.title().startswith("Error:")
    assert "over the £50 a month" in page.locator(".govuk-error-summary").inner_text()
    assert accessible(page, javascript)
    _book(page, 2)
    assert "Sam Broker, for Jo Holder" in page.locator("main").inner_text()
    assert accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_pool_member_votes_and_the_pool_pays_the_group(browser, live_server, scene, javascript):
    page = signed_in_page(browser, live_server, scene["jo"], javascript)
    page.goto(f"/budgets/pools/{scene['pool'].pk}/")
    assert accessible(page, javascript)
    page.get_by_label("Yes").check()
    press(page, "Vote Peer support session")
    assert "Agreed and paid" in page.locator("main").inner_text()
    assert page.locator("#pool-balance").inner_text() == "£30"
    assert accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_pool_member_finds_support_and_proposes_it(browser, live_server, scene, javascript):
    page = signed_in_page(browser, live_server, scene["jo"], javascript)
    page.goto(f"/budgets/pools/{scene['pool'].pk}/propose/")
    page.get_by_label("Words to search for").fill("peer")
    press(page, "Search")
    assert accessible(page, javascript)
    page.locator("#bookable-offers").get_by_role("link", name="Peer support session").click()
    assert "Peer support session" in page.locator("#proposed-offer").inner_text()
    page.get_by_label("How much, in pounds?").fill("10")
    page.get_by_label("Why?").fill("A session for the group")
    assert accessible(page, javascript)
    press(page, "Propose it")
    assert "Your proposal is open for the members to decide." in page.locator("main").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_council_staff_download_a_months_statements(browser, live_server, scene, javascript):
    page = signed_in_page(browser, live_server, scene["staff"], javascript)
    page.goto("/budgets/council/bradford-council/")
    assert accessible(page, javascript)
    follow(page, "Download statements")
    assert accessible(page, javascript)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    with open(download.value.path(), encoding="utf-8") as saved:
        text = saved.read()
    assert text.startswith("Council,Budget,Person")
    assert "Money in" in text


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_records_spending_outside_flourish_and_says_what_came_of_a_pool_payment(
    browser, live_server, scene, javascript
):
    page = signed_in_page(browser, live_server, scene["jo"], javascript)
    page.goto(f"/budgets/{scene['budget'].pk}/")
    follow(page, "Record spending outside Flourish")
    assert accessible(page, javascript)
    page.get_by_label("How much, in pounds?").fill("12.50")
    page.get_by_label("What was it for? (optional)").fill("Bus pass")
    press(page, "Record it")
    assert "It is on this month’s statement" in page.locator("main").inner_text()
    follow(page, "Statement")
    assert "Spent outside Flourish: Bus pass" in page.locator("main").inner_text()
    page.goto(f"/budgets/pools/{scene['pool'].pk}/")
    page.get_by_label("Yes").check()
    press(page, "Vote Peer support session")
    follow(page, "Say what came of it Peer support session")
    assert accessible(page, javascript)
    page.get_by_label("What came of it?").fill("Six of us painted the mural.")
    press(page, "Save")
    assert "Six of us painted the mural." in page.locator("main").inner_text()
    page.context.close()

    page = signed_in_page(browser, live_server, scene["staff"], javascript)
    page.goto("/budgets/council/bradford-council/")
    follow(page, "Under- and overspends")
    assert "Jo Holder" in page.locator("#overview").inner_text()
    assert accessible(page, javascript)
