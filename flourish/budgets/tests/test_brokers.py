"""Brokers book for a person with their consent, within the limit, and never pay their own
group."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.budgets.factories import budget_make
from flourish.budgets.models import Booking
from flourish.budgets.selectors import get_budget_for_user
from flourish.budgets.services.bookings import booking_ask
from flourish.budgets.services.brokers import broker_check_for, broker_invite, broker_withdraw


def _book(budget, offer, sam, day, quantity=1):
    access = get_budget_for_user(user=sam, pk=budget.pk)
    return booking_ask(
        budget=budget,
        offer=offer,
        session_on=day,
        quantity=quantity,
        actor=sam,
        broker_check=broker_check_for(access.broker),
    )


def test_a_broker_books_within_the_limit_and_the_person_is_told(
    budget, offer, sam, consent, next_week, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = _book(budget, offer, sam, next_week, quantity=2)
    assert booking.by_broker
    assert any("Sam Broker booked" in message.subject for message in mail.outbox)


def test_a_broker_is_refused_over_the_monthly_limit(budget, offer, sam, consent, next_week):
    _book(budget, offer, sam, next_week, quantity=2)
    with pytest.raises(ValidationError, match="over the £50 a month"):
        _book(budget, offer, sam, next_week, quantity=2)
    assert Booking.objects.count() == 1


def test_a_broker_is_refused_after_consent_is_withdrawn(budget, offer, sam, jo, consent, next_week):
    access = get_budget_for_user(user=sam, pk=budget.pk)
    broker_withdraw(consent=consent, actor=jo)
    with pytest.raises(ValidationError, match="has ended"):
        booking_ask(
            budget=budget,
            offer=offer,
            session_on=next_week,
            actor=sam,
            broker_check=broker_check_for(access.broker),
        )


def test_a_broker_cannot_pay_their_own_group(budget, offer, sam, consent, next_week):
    MembershipFactory(user=sam, organisation=offer.listing.organisation, role=Role.GROUP_MEMBER)
    with pytest.raises(ValidationError, match="cannot pay it"):
        _book(budget, offer, sam, next_week)


def test_only_the_person_chooses_a_broker(budget, sam, council_staff):
    with pytest.raises(ValidationError, match="Only the person"):
        broker_invite(
            budget=budget,
            broker=sam,
            may_book=True,
            monthly_limit_pence=100,
            ends_on=timezone.localdate(),
            actor=council_staff,
        )


def test_after_the_end_date_the_broker_gets_404(client, budget, sam, jo):
    from flourish.budgets.models import BrokerConsent

    BrokerConsent.objects.create(
        budget=budget,
        broker=sam,
        monthly_limit_pence=100,
        ends_on=timezone.localdate() - datetime.timedelta(days=1),
        given_by=jo,
    )
    client.force_login(sam)
    assert client.get(f"/budgets/{budget.pk}/").status_code == 404


def test_once_consent_is_withdrawn_the_broker_gets_404(client, budget, sam, jo, consent):
    client.force_login(sam)
    assert client.get(f"/budgets/{budget.pk}/").status_code == 200
    broker_withdraw(consent=consent, actor=jo)
    assert client.get(f"/budgets/{budget.pk}/").status_code == 404
    assert client.get(f"/budgets/{budget.pk}/statement/").status_code == 404


def test_the_broker_books_through_the_pages_shown_as_by_sam_for_jo(
    client, budget, offer, sam, consent, next_week
):
    client.force_login(sam)
    assert "Jo Holder" in client.get("/budgets/").content.decode()
    page = client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "You are acting as Sam Broker, for Jo Holder" in page
    response = client.post(
        f"/budgets/{budget.pk}/offers/{offer.uuid}/book/",
        {
            "session_on_0": next_week.day,
            "session_on_1": next_week.month,
            "session_on_2": next_week.year,
            "quantity": "3",
        },
    )
    assert "over the £50 a month" in response.content.decode()
    response = client.post(
        f"/budgets/{budget.pk}/offers/{offer.uuid}/book/",
        {
            "session_on_0": next_week.day,
            "session_on_1": next_week.month,
            "session_on_2": next_week.year,
            "quantity": "1",
        },
    )
    booking = Booking.objects.get()
    page = client.get(response.url).content.decode()
    assert "Sam Broker, for Jo Holder" in page and "by Sam Broker, for" not in page
    assert booking.booked_by == sam
    home = client.get(reverse("budgets:home", args=[booking.budget_id])).content.decode()
    assert '<h1 class="govuk-heading-xl">Personal budget of Jo Holder</h1>' in home


def test_the_person_gives_and_withdraws_permission_through_the_pages(client, budget, jo):
    client.force_login(jo)
    day = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(
        f"/budgets/{budget.pk}/brokers/",
        {
            "name": "Pat Friend",
            "email": "pat@example.org",
            "may_book": "on",
            "monthly_limit_pence": "80",
            "ends_on_0": day.day,
            "ends_on_1": day.month,
            "ends_on_2": day.year,
        },
    )
    assert response.status_code == 302
    consent = budget.broker_consents.get()
    assert consent.monthly_limit_pence == 8_000
    client.post(f"/budgets/{budget.pk}/brokers/{consent.pk}/withdraw/")
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None


def test_a_broker_cannot_withdraw_or_add_brokers(client, budget, sam, consent):
    client.force_login(sam)
    assert client.get(f"/budgets/{budget.pk}/brokers/").status_code == 404
    assert client.post(f"/budgets/{budget.pk}/brokers/{consent.pk}/withdraw/").status_code == 404


def _act_for(council, sam, names):
    for name in names:
        person = UserFactory(name=name)
        broker_invite(
            budget=budget_make(council=council, person=person),
            broker=sam,
            may_book=True,
            monthly_limit_pence=5_000,
            ends_on=timezone.localdate() + datetime.timedelta(days=30),
            actor=person,
        )


def test_a_broker_finds_the_people_they_act_for_by_name_a_page_at_a_time(client, council, sam):
    """A broker at a brokerage acts for hundreds: the list is in name order, 25 a page,
    and costs the same however many there are."""
    _act_for(council, sam, ["Zed Last", "Amy First"])
    client.force_login(sam)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("budgets:index"))
    _act_for(council, sam, [f"Person {number:02d}" for number in range(30)])

    with CaptureQueriesContext(connection) as many:
        first = client.get(reverse("budgets:index")).content.decode()
    second = client.get(reverse("budgets:index"), {"acting_for": 2}).content.decode()

    assert len(many) == len(few)
    assert first.index("Amy First") < first.index("Person 00") < first.index("Person 23")
    assert "Person 24" not in first and "Zed Last" not in first
    assert "Person 24" in second and "Zed Last" in second and "Amy First" not in second
    assert "Pages of people you act for" in first


def test_a_withdrawn_consent_takes_the_person_off_the_brokers_list(client, budget, sam, consent):
    client.force_login(sam)
    assert "Jo Holder" in client.get(reverse("budgets:index")).content.decode()
    broker_withdraw(consent=consent, actor=budget.person)
    assert "Jo Holder" not in client.get(reverse("budgets:index")).content.decode()
