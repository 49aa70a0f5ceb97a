"""A coordinator's dashboard shows its figures (members approved, the community pot, the
hours given to the organisation) and each list in full (who asks to join and who recorded
it, disputes and who gave, exchanges waiting to be confirmed, members past the warning
level and their balance, checks running out) while reading only what it shows of each
person: their name. The lists are drawn once for what they show, and drawn again as soon
as that changes."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import UserFactory
from flourish.accounts.models import User
from flourish.core.tests.pieces import read_counting
from flourish.timebank.factories import TimebankFactory
from flourish.timebank.models import CheckKind
from flourish.timebank.selectors.dashboard import coordinator_dashboard
from flourish.timebank.services import exchanges, timebanks
from flourish.timebank.tests.test_exchanges import recorded, volunteered_for_the_organisation

pytestmark = pytest.mark.django_db
LISTS_TEMPLATE = "timebank/_dashboard_lists.html"


@pytest.fixture
def busy_timebank(timebank, coordinator, alice, bob, carol):
    """One of everything the dashboard lists."""
    newcomer = UserFactory(email="dee@example.org", name="Dee Newcomer")
    timebanks.member_ask_to_join(timebank=timebank, user=newcomer, area="LS5", actor=coordinator)
    dispute = recorded(alice, carol, minutes=45)
    exchanges.exchange_dispute(
        exchange=dispute, member=carol, reason="It was 30 minutes", actor=carol.user
    )
    # Carol has not confirmed the hour Bob gave her yet.
    recorded(bob, carol, minutes=60)
    # Past the soft limit of ten hours' debt (600 minutes): Bob received eleven.
    for _ in range(11):
        exchange = recorded(alice, bob, minutes=60)
        exchanges.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    timebanks.member_check_record(
        member=alice,
        kind=CheckKind.SAFEGUARDING,
        done_on=timezone.localdate(),
        expires_on=timezone.localdate() + datetime.timedelta(days=10),
        actor=coordinator,
    )
    return timebank


def _section(page, heading):
    start = page.index(heading)
    return page[start : page.index("</ul>", start)]


def test_every_list_on_the_dashboard_shows_its_people_by_name(
    client, busy_timebank, coordinator_signed_in
):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("timebank:dashboard", args=[busy_timebank.slug]))
    page = response.content.decode()
    asking = _section(page, "Asking to join")
    assert "Dee Newcomer" in asking and "recorded by Cora Ord for Dee Newcomer" in asking
    disputed = _section(page, "Disputed exchanges")
    assert "Alice Giver" in disputed
    waiting = _section(page, "Waiting for the people helped to confirm")
    assert "Bob Receiver" in waiting and "Alice Giver" not in waiting
    past = _section(page, "Members who may like a check-in")
    assert "Bob Receiver" in past and "11 hours" in past
    checks = _section(page, "Checks running out")
    assert "Alice Giver" in checks and "Reminder not sent yet." in checks
    # The lists read each person's name, never the rest of their account.
    lists = [
        q["sql"]
        for q in captured.captured_queries
        if "timebank_exchange" in q["sql"] or "timebank_membercheck" in q["sql"]
    ]
    own = f'"timebank_timebankmember"."user_id" = {coordinator_signed_in.pk})'
    lists += [
        q["sql"]
        for q in captured.captured_queries
        if '"timebank_timebankmember"."status" = ' in q["sql"]
        and '"name"' in q["sql"]
        and own not in q["sql"]  # the coordinator's own place, read for who they are
    ]
    assert len(lists) >= 4
    assert not [sql for sql in lists if '"password"' in sql or '"phone"' in sql]


def _figure(page, label):
    start = page.index(f'<dt class="govuk-summary-list__key">{label}</dt>')
    value = page.index('<dd class="govuk-summary-list__value"', start)
    return page[page.index(">", value) + 1 : page.index("</dd>", value)]


def test_the_dashboard_counts_approved_members_and_shows_the_pot_and_the_organisations_hours(
    client, busy_timebank, coordinator_signed_in, alice
):
    exchanges.gift_give(member=alice, minutes=30, actor=alice.user)
    for_the_organisation = volunteered_for_the_organisation(
        busy_timebank, alice, coordinator_signed_in, minutes=90
    )
    exchanges.exchange_confirm(
        exchange=for_the_organisation, member=None, actor=coordinator_signed_in, as_coordinator=True
    )
    page = client.get(reverse("timebank:dashboard", args=[busy_timebank.slug])).content.decode()
    # Alice, Bob and Carol; Dee has only asked to join.
    assert _figure(page, "Members") == "3"
    assert _figure(page, "Community pot") == "30 minutes"
    assert _figure(page, "Given to the organisation") == "1 hour 30 minutes"


def test_the_lists_are_drawn_once_and_a_change_to_what_they_show_shows_at_once(
    client, busy_timebank, coordinator_signed_in, alice, bob
):
    address = reverse("timebank:dashboard", args=[busy_timebank.slug])
    _first, drawn_first = read_counting(client, address, LISTS_TEMPLATE)
    _again, drawn_again = read_counting(client, address, LISTS_TEMPLATE)
    assert (drawn_first, drawn_again) == (1, 0)
    # Bob receives another hour, then changes his name: each shows on the next visit.
    exchange = recorded(alice, bob, minutes=60)
    exchanges.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    page, drawn = read_counting(client, address, LISTS_TEMPLATE)
    assert drawn == 1 and "12 hours" in _section(page, "Members who may like a check-in")
    bob.user.name = "Robert Receiver"
    bob.user.save()
    page, drawn = read_counting(client, address, LISTS_TEMPLATE)
    past = _section(page, "Members who may like a check-in")
    assert drawn == 1 and "Robert Receiver" in past and "Bob Receiver" not in past
    # So does a new name for someone asking to join.
    User.objects.filter(email="dee@example.org").update(name="Deborah Newcomer")
    page, drawn = read_counting(client, address, LISTS_TEMPLATE)
    assert drawn == 1 and "Deborah Newcomer" in _section(page, "Asking to join")


def test_each_timebanks_dashboard_lists_only_its_own_people(busy_timebank):
    """The dashboard's statements are written once and run again for the same timebank:
    one read for another timebank first never answers for this one."""
    other = TimebankFactory(name="Keighley Timebank", slug="keighley")
    elsewhere = UserFactory(email="stella@example.org", name="Stella Elsewhere")
    timebanks.member_ask_to_join(timebank=other, user=elsewhere, area="BD21", actor=elsewhere)
    theirs = coordinator_dashboard(timebank=other)
    ours = coordinator_dashboard(timebank=busy_timebank)
    assert [str(person) for person in theirs.asking] == ["Stella Elsewhere"]
    assert [str(person) for person in ours.asking] == ["Dee Newcomer"]
    assert (theirs.members, theirs.disputed, theirs.over_soft_limit) == (0, [], [])
    assert ours.members == 3 and len(ours.disputed) == 1 and len(ours.waiting) == 1
    assert theirs.waiting == []
