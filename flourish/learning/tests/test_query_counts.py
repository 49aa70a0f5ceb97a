"""The circle page, a conversation's page and a group's page make the same number of queries
whatever the number of conversations, replies, items, guides and requests."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.models import Organisation
from flourish.learning.factories import CircleFactory, circle_member_make, published_guide
from flourish.learning.models import GUIDE_FOR_REASON, PromptReason
from flourish.learning.services.circles import reply_post, reply_report, thread_start
from flourish.learning.services.meetups import meetup_add
from flourish.learning.services.prompts import prompt_offer
from flourish.learning.services.support import support_request_create

pytestmark = pytest.mark.django_db
CIRCLE_QUERIES = 6  # the circle keeps its number of conversations: none counted
THREAD_QUERIES = 6  # a conversation keeps its number of replies: none counted
# The group comes with its choices and latest health check; the guides' headings and
# who a group may ask for help are kept after the first visit.
GROUP_QUERIES = 6


def count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


@pytest.fixture
def circle(db):
    return CircleFactory(name="Leeds leaders", slug="leeds-leaders")


def grow_circle(circle, people, threads, replies):
    made = []
    for number in range(threads):
        thread = thread_start(circle=circle, actor=people[number % 2], title="T", body="B")
        for _ in range(replies):
            reply = reply_post(thread=thread, actor=people[1], body="R")
        reply_report(reply=reply, actor=people[0], reason="Not kind")
        made.append(thread)
    return made


def test_the_circle_page_makes_a_fixed_number_of_queries(client, circle):
    people = [circle_member_make(circle, moderator=True), circle_member_make(circle)]
    client.force_login(people[0])
    address = reverse("learning:circle", args=[circle.slug])
    grow_circle(circle, people, 2, 1)
    small = count(client, address)
    grow_circle(circle, people, 30, 2)  # more than one page
    starts = timezone.now() + datetime.timedelta(days=3)
    for number in range(8):  # more meet-ups than the page lists
        meetup_add(
            circle=circle,
            actor=people[0],
            title=f"Meet-up {number}",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=1),
            where="Online",
        )
    assert small == count(client, address) == CIRCLE_QUERIES


def test_a_conversations_page_makes_a_fixed_number_of_queries(client, circle):
    people = [circle_member_make(circle, moderator=True), circle_member_make(circle)]
    client.force_login(people[0])
    thread = grow_circle(circle, people, 1, 2)[0]
    address = reverse("learning:thread", args=[circle.slug, thread.pk])
    small = count(client, address)
    for _ in range(60):  # more than one page
        reply_post(thread=thread, actor=people[1], body="More")
    assert small == count(client, address) == THREAD_QUERIES


def test_a_groups_page_makes_a_fixed_number_of_queries(client, group, owner):
    client.force_login(owner)
    address = reverse("learning:group", args=[group.slug])
    for slug in GUIDE_FOR_REASON.values():
        published_guide(slug=slug, title=slug)
    prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    assert count(client, address) == GROUP_QUERIES + 2  # the first visit keeps the lists
    small = count(client, address)
    for reason in PromptReason.values:
        for number in range(3):
            prompt_offer(group=group, reason=reason, about=str(number))
    for _ in range(5):
        support_request_create(group=group, actor=owner, what="Help")
    assert small == count(client, address) == GROUP_QUERIES


def test_a_groups_page_reads_who_it_may_ask_for_help_without_a_server_side_cursor(
    client, group, owner
):
    # On PostgreSQL, Django reads a select's choices through a cursor held on the server:
    # three round trips for a handful of organisations (flourish/core/forms.py).
    Organisation.objects.create(name="Leeds Mind", slug="leeds-mind", kind="support_organisation")
    client.force_login(owner)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("learning:group", args=[group.slug])).content.decode()
    assert "Leeds Mind" in page
    assert not [query for query in captured.captured_queries if "DECLARE" in query["sql"]]


def test_lists_of_posts_read_only_the_authors_name_never_their_phone_or_needs(client, circle):
    """A conversation's author is shown by name: their phone number and access needs,
    kept encrypted, are not read (nor decrypted) for every post on the page."""
    people = [circle_member_make(circle, moderator=True), circle_member_make(circle)]
    thread = grow_circle(circle, people, 1, 2)[0]
    client.force_login(people[0])
    pages = [
        reverse("learning:circle", args=[circle.slug]),
        reverse("learning:thread", args=[circle.slug, thread.pk]),
    ]
    for address in pages:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(address).status_code == 200
        lists = [
            query["sql"]
            for query in captured.captured_queries
            if "learning_thread" in query["sql"] or "learning_reply" in query["sql"]
        ]
        assert any('"accounts_user"."name"' in sql for sql in lists), address
        assert not any('"accounts_user"."phone"' in sql for sql in lists), address
        assert not any('"accounts_user"."access_needs"' in sql for sql in lists), address
