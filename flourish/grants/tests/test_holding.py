"""Holding partners: staff add one, choose it on an award and pay it; the partner records
what it passes on or spends; the group sees where its money is."""

import pytest
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Membership, Role
from flourish.core.models import AuditEvent
from flourish.grants import events
from flourish.grants.factories import ProgrammeFactory, application_with_lines, holding_partner_for
from flourish.grants.models import HeldMoneyKind, HoldingPartnership, Stage
from flourish.grants.services.decisions import award_make
from flourish.grants.services.holding import held_money_move, partner_held_account
from flourish.grants.services.payments import RECEIVED_PURPOSE, award_pay
from flourish.ledger.models import Unit
from flourish.ledger.selectors import account_balance
from flourish.ledger.services import account_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def quick(funder):
    return ProgrammeFactory(funder=funder, slug="quick", stages=[Stage.DECISION])


@pytest.fixture
def partner(funder):
    return holding_partner_for(funder)


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
    award_pay(award=award, actor=staff, idempotency_key="pay-partner")
    return award


def test_staff_add_a_holding_partner_and_can_then_choose_it_on_the_decision_page(
    client, staff, funder, quick
):
    client.force_login(staff)
    url = reverse("grants:holding_partners", args=[funder.slug])

    response = client.post(
        url,
        {
            "name": "Bradford Community Hub",
            "contact_name": "Kim Hub",
            "contact_email": "kim@hub.example.org",
        },
    )

    assert response.status_code == 302
    partnership = HoldingPartnership.objects.get(funder=funder)
    assert partnership.partner.name == "Bradford Community Hub"
    assert Membership.objects.filter(
        user__email="kim@hub.example.org",
        organisation=partnership.partner,
        role=Role.HOLDING_PARTNER,
    ).exists()
    assert AuditEvent.objects.filter(action=events.HOLDING_PARTNER_ADDED).exists()
    application = application_with_lines(programme=quick)
    decision = client.get(reverse("grants:decide", args=[application.pk])).content.decode()
    assert "Bradford Community Hub" in decision


def test_the_decision_page_lists_only_this_funders_holding_partners(
    client, staff, other_staff, quick
):
    other_funder = other_staff.memberships.get().organisation
    holding_partner_for(other_funder, name="Somebody Else's Partner")
    client.force_login(staff)
    application = application_with_lines(programme=quick)

    decision = client.get(reverse("grants:decide", args=[application.pk])).content.decode()

    assert "Somebody Else&#x27;s Partner" not in decision
    assert "Somebody Else's Partner" not in decision


def test_an_award_cannot_name_a_partner_that_has_not_agreed_to_hold_for_this_funder(
    staff, other_staff, quick
):
    elsewhere = holding_partner_for(other_staff.memberships.get().organisation, name="Elsewhere")

    with pytest.raises(Exception, match="Choose one of your holding partners"):
        award_make(
            application=application_with_lines(programme=quick),
            actor=staff,
            amount_pence=1_000,
            holding_partner=elsewhere,
        )


def test_a_partner_sees_what_it_holds_and_records_passing_money_on(
    client, held_award, partner, partner_person, group
):
    client.force_login(partner_person)

    home = client.get(reverse("grants:holding_home"))
    assert home["Location"] == reverse("grants:holding_partner", args=[partner.slug])
    page = client.get(home["Location"]).content.decode()
    assert "Hearing Voices Leeds" in page and "£1,500" in page
    record_url = reverse("grants:held_money_record", args=[partner.slug, held_award.pk])
    response = client.post(
        record_url,
        {
            "idempotency_key": "pass-1",
            "kind": HeldMoneyKind.PASSED_ON,
            "amount": "400",
            "description": "Cash for the first sessions",
        },
    )

    assert response.status_code == 302
    group_account = account_open(owner=group, purpose=RECEIVED_PURPOSE, unit=Unit.GBP, name="x")
    assert account_balance(account=group_account) == 40_000
    assert account_balance(account=partner_held_account(partner=partner)) == 110_000
    assert AuditEvent.objects.filter(action=events.HELD_MONEY_MOVED).count() == 1


def test_a_partner_cannot_pass_on_more_than_it_holds_for_that_group(
    client, held_award, partner, partner_person
):
    client.force_login(partner_person)
    url = reverse("grants:held_money_record", args=[partner.slug, held_award.pk])

    response = client.post(
        url,
        {"idempotency_key": "k", "kind": "spent", "amount": "1,600", "description": "Hall"},
    )

    assert response.status_code == 200
    assert "You hold £1,500 for this group. Enter an amount up to £1,500." in (
        response.content.decode()
    )
    assert account_balance(account=partner_held_account(partner=partner)) == 150_000
    nothing = client.post(
        url, {"idempotency_key": "k0", "kind": "spent", "amount": "0", "description": "Hall"}
    )
    assert "Enter an amount more than £0, for example 50." in nothing.content.decode()


def test_the_group_sees_where_its_money_is_on_its_grant_page(
    client, held_award, partner_person, owner
):
    held_money_move(
        award=held_award,
        actor=partner_person,
        kind=HeldMoneyKind.SPENT,
        amount_pence=25_000,
        description="Hall hire in May",
        idempotency_key="hall",
    )
    client.force_login(owner)

    page = client.get(reverse("grants:application_status", args=[held_award.application_id]))

    html = page.content.decode()
    assert "Where your money is" in html
    assert "Leeds Community Voluntary Services holds your grant" in html
    assert "£250" in html and "£1,250" in html


@pytest.mark.parametrize("who", ["stranger", "owner", "staff", "someone_at_another_partner"])
def test_only_the_partners_own_people_see_what_it_holds(client, held_award, partner, request, who):
    if who == "someone_at_another_partner":
        person = UserFactory(email="other@partner.example.org")
        MembershipFactory(
            user=person,
            organisation=holding_partner_for(held_award.programme.funder, name="Other Partner"),
            role=Role.HOLDING_PARTNER,
        )
    else:
        person = request.getfixturevalue(who)
    client.force_login(person)

    assert client.get(reverse("grants:holding_partner", args=[partner.slug])).status_code == 404
    url = reverse("grants:held_money_record", args=[partner.slug, held_award.pk])
    assert client.get(url).status_code == 404
    response = client.post(
        url, {"idempotency_key": "k", "kind": "spent", "amount": "1", "description": "x"}
    )
    assert response.status_code == 404


def test_other_funders_staff_cannot_see_or_add_holding_partners(client, other_staff, funder):
    client.force_login(other_staff)
    url = reverse("grants:holding_partners", args=[funder.slug])

    assert client.get(url).status_code == 404
    response = client.post(url, {"name": "X", "contact_name": "Y", "contact_email": "y@x.org"})
    assert response.status_code == 404
    assert not HoldingPartnership.objects.exists()


def test_the_partners_page_reads_a_fixed_number_of_queries(
    client, quick, staff, partner, partner_person, django_assert_max_num_queries
):
    for _ in range(4):
        award = award_make(
            application=application_with_lines(programme=quick),
            actor=staff,
            amount_pence=10_000,
            holding_partner=partner,
        )
        award_pay(award=award, actor=staff, idempotency_key=f"pay-{award.pk}")
    client.force_login(partner_person)

    with django_assert_max_num_queries(8):
        html = client.get(reverse("grants:holding_partner", args=[partner.slug])).content.decode()

    assert html.count("£100<") >= 4


def test_a_partner_holding_for_many_groups_pages_through_them_by_name(
    client, monkeypatch, quick, staff, partner, partner_person
):
    from flourish.grants.factories import GroupFactory
    from flourish.grants.views import holding as holding_views

    monkeypatch.setattr(holding_views, "AWARDS_PER_PAGE", 2)
    for name in ["Carers Café", "Allotment Friends", "Bradford Walkers"]:
        application = application_with_lines(programme=quick, group=GroupFactory(name=name))
        award_make(
            application=application, actor=staff, amount_pence=10_000, holding_partner=partner
        )
    client.force_login(partner_person)
    address = reverse("grants:holding_partner", args=[partner.slug])

    first = client.get(address).content.decode()
    second = client.get(address + "?page=2").content.decode()

    assert "Allotment Friends" in first and "Bradford Walkers" in first
    assert "Carers Café" not in first
    assert "Page 1 of 2" in first
    assert "Carers Café" in second


def test_a_reference_used_for_one_groups_grant_records_nothing_on_anothers(
    held_award, quick, staff, partner, partner_person
):
    from django.core.exceptions import ValidationError

    from flourish.grants.factories import GroupFactory

    other = award_make(
        application=application_with_lines(programme=quick, group=GroupFactory()),
        actor=staff,
        amount_pence=10_000,
        holding_partner=partner,
    )
    award_pay(award=other, actor=staff, idempotency_key="pay-other")
    move = {"actor": partner_person, "kind": HeldMoneyKind.SPENT, "description": "Hall hire"}
    held_money_move(award=held_award, amount_pence=5_000, idempotency_key="hall", **move)

    with pytest.raises(ValidationError, match="already used for a different grant"):
        held_money_move(award=other, amount_pence=2_000, idempotency_key="hall", **move)

    assert not other.held_movements.exists()
