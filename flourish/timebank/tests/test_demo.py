"""The demo timebank lets a newcomer try every journey from the pages alone."""

import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.accounts.tests.demo_sign_in import signs_in_with_the_demo_password
from flourish.accounts.tests.two_step import force_login_with_two_steps, with_authenticator
from flourish.ledger.models import LedgerAccount
from flourish.ledger.selectors import account_balance_from_entries
from flourish.timebank import demo as timebank_demo
from flourish.timebank.models import (
    Exchange,
    ExchangeStatus,
    MenteeRequest,
    MentoringPair,
    PartnershipRequest,
    PartnershipStatus,
    Timebank,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for _run in range(2):
        for module in (accounts_demo, timebank_demo):
            module.build(io.StringIO())
    return Timebank.objects.get(slug=timebank_demo.SLUG)


def test_the_demo_has_every_journey_ready_and_runs_twice(client, demo):
    """One build for every check: the demo takes a while to make."""
    check_the_counts(demo)
    check_the_member_confirms_the_hour_waiting_for_them(client, demo)
    check_the_coordinator_sees_the_newcomer_asking_to_join(client, demo)
    check_the_coordinator_confirms_for_someone_who_phoned(client, demo)
    check_a_partner_timebank_has_agreed_and_an_hour_crossed_between_them(client, demo)
    assert signs_in_with_the_demo_password("keighley.coordinator@example.org")
    assert signs_in_with_the_demo_password("newcomer@example.org")


def check_the_counts(demo):
    assert demo.members.filter(status="approved").count() == 60
    confirmed = demo.exchanges.filter(status=ExchangeStatus.CONFIRMED)
    sessions = confirmed.filter(mentoring=True)
    assert sessions.exists()
    assert confirmed.count() - sessions.count() == 400
    assert confirmed.exclude(recorded_by=None).exclude(mentoring=True).count() >= 40
    assert MentoringPair.objects.filter(scheme__timebank=demo, status="active").count() == 10
    assert MenteeRequest.objects.filter(scheme__timebank=demo, status="waiting").count() == 5
    for account in LedgerAccount.objects.filter(timebank_member__timebank=demo):
        assert account.balance == account_balance_from_entries(account=account)


def check_the_member_confirms_the_hour_waiting_for_them(client, demo):
    tom = User.objects.get(email="member@example.org")
    client.force_login(tom)
    home = client.get(reverse("timebank:home", args=[demo.slug])).text
    assert "Help with a benefits form" in home
    waiting = demo.exchanges.get(description="Help with a benefits form")
    response = client.post(
        reverse("timebank:exchange_act", args=[demo.slug, waiting.pk, "confirm"]), follow=True
    )
    assert "Confirmed" in response.text


def check_the_coordinator_sees_the_newcomer_asking_to_join(client, demo):
    coordinator = User.objects.get(email="coordinator@example.org")
    dashboard = reverse("timebank:dashboard", args=[demo.slug])
    client.force_login(coordinator)
    # Coordinators read members' checks: first they set up their authenticator app.
    assert client.get(dashboard)["Location"] == reverse("mfa_activate_totp")
    with_authenticator(coordinator)
    force_login_with_two_steps(client, coordinator)
    assert "Lena Newcomer" in client.get(dashboard).text


def check_the_coordinator_confirms_for_someone_who_phoned(client, demo):
    """Signed in as the coordinator (above): the lift they recorded by phone is waiting,
    and they confirm it for the member helped."""
    dashboard = client.get(reverse("timebank:dashboard", args=[demo.slug])).text
    waiting_list = dashboard[dashboard.index("Waiting for the people helped to confirm") :]
    assert "Lift to a hospital appointment" in waiting_list[: waiting_list.index("</ul>")]
    lift = demo.exchanges.get(description="Lift to a hospital appointment")
    page = client.get(reverse("timebank:exchange", args=[demo.slug, lift.pk])).text
    assert "Confirm for the people helped" in page
    client.post(reverse("timebank:exchange_act", args=[demo.slug, lift.pk, "confirm"]))
    lift.refresh_from_db()
    assert lift.status == ExchangeStatus.CONFIRMED


def check_a_partner_timebank_has_agreed_and_an_hour_crossed_between_them(client, demo):
    keighley = Timebank.objects.get(slug=timebank_demo.PARTNER_SLUG)
    assert keighley.organisation != demo.organisation
    assert keighley.members.filter(status="approved").count() == 6
    assert list(demo.partners.all()) == [keighley]
    assert list(keighley.partners.all()) == [demo]
    agreed = PartnershipRequest.objects.get()
    assert (agreed.from_timebank, agreed.to_timebank) == (keighley, demo)
    assert agreed.status == PartnershipStatus.ACCEPTED

    crossed = Exchange.objects.get(description="Cooking together across the two timebanks")
    assert crossed.status == ExchangeStatus.CONFIRMED
    assert crossed.timebank == keighley and crossed.giver.timebank == keighley
    tom = crossed.shares.get().member
    assert tom.timebank == demo and tom.user.email == "member@example.org"
    for account in (crossed.giver.account, tom.account):
        assert account.balance == account_balance_from_entries(account=account)

    # Tom finds Keighley's offers in his own timebank's search, ready to ask for one.
    client.force_login(tom.user)
    search = client.get(reverse("timebank:search", args=[demo.slug])).text
    assert "Keighley Timebank" in search
    assert "happy to meet someone from Bradford too" in search
