"""Paying a grant that a holding partner holds: staff, the group and the partner each read
that the money went to the partner, what the partner holds for the group now, and what
happens next, and the group's page and the partner's page show the same figures."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.grants.factories import ProgrammeFactory, application_with_lines, holding_partner_for
from flourish.grants.models import HeldMoneyKind, Stage
from flourish.grants.services.decisions import award_make
from flourish.grants.services.holding import held_money_move
from flourish.grants.services.payments import award_pay

pytestmark = pytest.mark.django_db

PARTNER = "Leeds Community Voluntary Services"


@pytest.fixture
def quick(funder):
    return ProgrammeFactory(funder=funder, slug="quick", stages=[Stage.DECISION])


@pytest.fixture
def partner(funder):
    return holding_partner_for(funder, name=PARTNER)


@pytest.fixture
def partner_person(partner):
    person = UserFactory(email="jo@leedscvs.example.org", name="Jo Partner")
    MembershipFactory(user=person, organisation=partner, role=Role.HOLDING_PARTNER)
    return person


@pytest.fixture
def held_award(quick, staff, group, owner, partner):
    application = application_with_lines(programme=quick, group=group, submitted_by=owner)
    award = award_make(
        application=application, actor=staff, amount_pence=150_000, holding_partner=partner
    )
    award.accepted_at = timezone.now()
    award.save(update_fields=["accepted_at"])
    return award


def _pay(client, staff, award, **fields):
    client.force_login(staff)
    data = {"idempotency_key": f"pay-{len(fields)}", "payee": "group", **fields}
    return client.post(reverse("grants:pay", args=[award.application_id]), data, follow=True)


def _text(response) -> str:
    """The page's words with tags and runs of spaces gone, as a person reads them."""
    html = response.content.decode() if hasattr(response, "content") else response
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


def _status(client, owner, award) -> str:
    client.force_login(owner)
    return _text(client.get(reverse("grants:application_status", args=[award.application_id])))


def test_staff_who_pay_a_holding_partner_read_that_the_partner_holds_it_not_the_group(
    client, staff, held_award
):
    page = _text(_pay(client, staff, held_award))

    assert (
        f"£1,500 paid to {PARTNER}, which holds it for Hearing Voices Leeds. "
        "The group has not received it yet."
    ) in page
    assert "records each step; the group sees where its money is" in page
    assert "£1,500 paid to Hearing Voices Leeds" not in page
    assert f"£1,500 paid to {PARTNER}, which holds it for the group" in page
    assert "Where the money is: " + PARTNER + " holds it for the group" in page
    assert "Saved." not in page


def test_the_pay_page_names_the_holding_partner_as_the_one_who_is_paid(client, staff, held_award):
    client.force_login(staff)

    page = _text(client.get(reverse("grants:pay", args=[held_award.application_id])))

    assert f"{PARTNER}, which holds the money for Hearing Voices Leeds" in page
    assert "The group, or its holding partner" not in page


def test_staff_who_pay_the_group_itself_read_that_the_group_has_it(
    client, staff, quick, group, owner
):
    award = award_make(
        application=application_with_lines(programme=quick, group=group, submitted_by=owner),
        actor=staff,
        amount_pence=150_000,
    )

    client.force_login(staff)
    form = _text(client.get(reverse("grants:pay", args=[award.application_id])))
    page = _text(_pay(client, staff, award))

    assert "Hearing Voices Leeds, the group itself" in form
    assert "£1,500 paid to Hearing Voices Leeds." in page
    assert "the group has not accepted it yet" in page
    assert "which holds it" not in page


def test_staff_who_pay_a_supplier_read_who_was_paid_and_for_what(client, staff, held_award):
    page = _text(
        _pay(
            client,
            staff,
            held_award,
            payee="supplier",
            supplier_name="Leeds Print Co",
            supplier_for="200 leaflets",
        )
    )

    assert "£1,500 paid to Leeds Print Co for 200 leaflets, on behalf of Hearing Voices Leeds." in (
        page
    )
    assert "Next, the group tells you briefly what happened" in page


def test_before_anything_is_paid_the_group_reads_that_the_partner_will_hold_it(
    client, held_award, owner
):
    page = _status(client, owner, held_award)

    assert f"Next, we pay it to {PARTNER}, who will hold it for your group." in page
    assert f"We will pay your grant to {PARTNER}, who will hold it for your group" in page
    assert "Nothing has been paid to them yet." in page
    assert f"{PARTNER} holds your grant" not in page


def test_once_paid_the_group_reads_that_the_money_is_with_its_partner_and_what_to_do(
    client, staff, held_award, owner
):
    award_pay(award=held_award, actor=staff, idempotency_key="pay")

    page = _status(client, owner, held_award)

    assert f"We have paid all of your £1,500 grant to {PARTNER}, who holds it for your group." in (
        page
    )
    assert f"{PARTNER} holds £1,500 for you now: ask them to pass it on to you" in page
    assert "When the money is spent, tell us briefly what happened." in page
    assert "We have paid all of your £1,500 grant. " not in page


def test_a_part_payment_says_what_the_partner_holds_and_that_the_rest_will_follow(
    client, staff, held_award, owner, partner_person
):
    award_pay(award=held_award, actor=staff, idempotency_key="half", amount_pence=75_000)
    held_money_move(
        award=held_award,
        actor=partner_person,
        kind=HeldMoneyKind.PASSED_ON,
        amount_pence=75_000,
        description="Cash for the sessions",
        idempotency_key="all-of-it",
    )

    page = _status(client, owner, held_award)

    assert f"We have paid £750 of your £1,500 grant to {PARTNER}, who holds it for your group." in (
        page
    )
    assert f"{PARTNER} has passed on or spent all it held for you." in page
    assert "We will pay the rest and show each payment on this page." in page


def test_a_supplier_paid_directly_is_not_counted_as_money_the_partner_holds(
    client, staff, held_award, owner
):
    award_pay(award=held_award, actor=staff, idempotency_key="to-partner", amount_pence=100_000)
    award_pay(
        award=held_award,
        actor=staff,
        idempotency_key="to-supplier",
        to_supplier=True,
        supplier_name="Leeds Print Co",
        supplier_for="leaflets",
    )

    page = _status(client, owner, held_award)

    assert f"We have paid £1,000 of your £1,500 grant to {PARTNER}" in page
    assert "We have paid £500 of your £1,500 grant straight to suppliers, for your group." in page
    assert f"We have paid all of your £1,500 grant to {PARTNER}" not in page


def _figures(page: str, labels: list[str]) -> list[str]:
    return re.findall("".join(re.escape(label) + r" (£[\d,.]+) " for label in labels), page)[0]


def test_the_groups_page_and_the_partners_page_show_the_same_figures(
    client, staff, held_award, owner, partner, partner_person
):
    award_pay(award=held_award, actor=staff, idempotency_key="pay")
    for kind, amount, key in (
        (HeldMoneyKind.PASSED_ON, 40_000, "cash"),
        (HeldMoneyKind.SPENT, 25_000, "hall"),
    ):
        held_money_move(
            award=held_award,
            actor=partner_person,
            kind=kind,
            amount_pence=amount,
            description="For the group",
            idempotency_key=key,
        )

    group_page = _status(client, owner, held_award)
    client.force_login(partner_person)
    partner_page = _text(client.get(reverse("grants:holding_partner", args=[partner.slug])))
    client.force_login(staff)
    staff_page = _text(client.get(reverse("grants:review", args=[held_award.application_id])))

    labels = [
        "Paid to the holding partner",
        "Passed on to the group",
        "Spent for the group",
        "Still held for the group",
    ]
    expected = ["£1,500", "£400", "£250", "£850"]
    assert list(_figures(group_page, labels)) == expected
    assert list(_figures(staff_page, labels)) == expected
    (row,) = re.findall(r"Hearing Voices Leeds .*? awarded ((?:£[\d,.]+ ){4})", partner_page)
    assert row.split() == expected
    assert f"{PARTNER} holds £850 for you now" in group_page


def test_your_applications_says_where_held_money_is_in_a_fixed_number_of_queries(
    client, staff, quick, group, owner, partner, django_assert_max_num_queries
):
    def held_and_paid():
        award = award_make(
            application=application_with_lines(programme=quick, group=group, submitted_by=owner),
            actor=staff,
            amount_pence=10_000,
            holding_partner=partner,
        )
        award_pay(award=award, actor=staff, idempotency_key=f"pay-{award.pk}")

    held_and_paid()
    client.force_login(owner)
    url = reverse("grants:my_applications")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    held_and_paid()
    held_and_paid()
    with django_assert_max_num_queries(len(one)):
        page = _text(client.get(url))

    assert page.count(f"We have paid all of your £100 grant to {PARTNER}") == 3


def test_a_grant_paid_before_it_is_accepted_says_where_the_money_is_and_asks_to_accept(
    client, staff, held_award, owner
):
    held_award.accepted_at = None
    held_award.save(update_fields=["accepted_at"])
    award_pay(award=held_award, actor=staff, idempotency_key="early")

    page = _status(client, owner, held_award)

    assert f"We have paid all of your £1,500 grant to {PARTNER}" in page
    assert f"{PARTNER} holds £1,500 for you now" in page
    assert "Please accept the grant and its conditions below." in page
