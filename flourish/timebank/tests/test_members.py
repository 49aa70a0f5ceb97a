"""Joining, checks, approval, settings and leaving."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.ledger.selectors import account_balance
from flourish.timebank.factories import TimebankFactory
from flourish.timebank.models import CheckKind, MemberStatus
from flourish.timebank.services import exchanges, timebanks
from flourish.timebank.services.accounts import pot_account_open
from flourish.timebank.tests.test_exchanges import recorded


def test_approval_opens_an_account_with_the_timebanks_floor(timebank, coordinator):
    person = UserFactory()
    member = timebanks.member_ask_to_join(timebank=timebank, user=person, area="LS5", actor=person)
    timebanks.member_approve(member=member, actor=coordinator)
    assert member.status == MemberStatus.APPROVED
    assert (member.account.floor, member.account.soft_limit) == (-1200, -600)


def test_a_coordinator_joining_someone_by_phone_is_recorded_as_doing_it_for_them(
    timebank, coordinator
):
    person = UserFactory()
    member = timebanks.member_ask_to_join(
        timebank=timebank, user=person, area="LS5", actor=coordinator
    )
    assert member.recorded_by == coordinator


def test_a_safeguarding_check_needs_the_date_it_runs_out(alice, coordinator):
    with pytest.raises(ValidationError, match="runs out"):
        timebanks.member_check_record(
            member=alice,
            kind=CheckKind.SAFEGUARDING,
            done_on=datetime.date(2026, 1, 5),
            actor=coordinator,
        )


def test_new_limits_apply_to_every_members_account(timebank, alice, coordinator):
    timebanks.timebank_settings_update(
        timebank=timebank,
        floor_minutes=-600,
        soft_limit_minutes=-300,
        confirm_within_days=3,
        auto_confirm=False,
        actor=coordinator,
    )
    alice.account.refresh_from_db()
    assert (alice.account.floor, alice.account.soft_limit) == (-600, -300)


def test_a_leaver_keeps_their_history_and_their_balance_goes_to_the_pot(
    alice, bob, timebank, coordinator
):
    exchanges.exchange_confirm(exchange=recorded(alice, bob), member=bob, actor=bob.user)
    timebanks.member_leave(member=bob, actor=coordinator)
    assert account_balance(account=bob.account) == 0
    assert account_balance(account=pot_account_open(timebank=timebank)) == -60
    assert bob.status == MemberStatus.LEFT
    assert bob.account.entries.count() == 2


def test_the_list_of_timebanks_says_where_a_person_already_belongs_or_has_asked(
    client, timebank, coordinator, alice, django_assert_num_queries
):
    other = TimebankFactory(name="Armley Timebank")
    asked = TimebankFactory(name="Bramley Timebank")
    timebanks.member_ask_to_join(timebank=asked, user=alice.user, area="LS5", actor=alice.user)

    client.force_login(alice.user)
    html = client.get(reverse("timebank:index")).content.decode()

    # Her own timebank first, as a link to it; the one she asked to join, not offered again.
    assert html.index("Kirkstall Timebank") < html.index("Bramley Timebank")
    assert html.index("Bramley Timebank") < html.index("Armley Timebank")
    assert "you are a member" in html
    assert "ask to join Kirkstall Timebank" not in html
    assert "ask to join Bramley Timebank" not in html
    assert "you have asked to join" in html
    assert "ask to join Armley Timebank" in html
    assert f'href="{reverse("timebank:home", args=[other.slug])}"' not in html

    client.force_login(coordinator)
    # Four to know who is asking, then the list's total and the page's rows.
    with django_assert_num_queries(6):
        html = client.get(reverse("timebank:index")).content.decode()
    assert "you coordinate it" in html


def test_timebanks_come_a_page_at_a_time_and_are_found_by_name(
    client, monkeypatch, timebank, alice
):
    from flourish.timebank.views import members as member_views

    monkeypatch.setattr(member_views, "TIMEBANKS_PER_PAGE", 2)
    for name in ["Armley Timebank", "Bramley Timebank", "Hull Time Exchange"]:
        TimebankFactory(name=name)
    client.force_login(alice.user)

    first = client.get(reverse("timebank:index")).text
    found = client.get(reverse("timebank:index") + "?name=bramley").text
    nobody = client.get(reverse("timebank:index") + "?name=<i>zz</i>").text

    # Her own first, then the rest by name.
    assert first.index("Kirkstall Timebank") < first.index("Armley Timebank")
    assert "Hull Time Exchange" not in first
    assert "Page 1 of 2" in first
    assert "Find a timebank by name" in first
    assert "Bramley Timebank" in found and "Armley Timebank" not in found
    assert "No timebank has “&lt;i&gt;zz&lt;/i&gt;” in its name" in nobody
