"""A circle's meet-ups, a group's waiting items and the forms nobody has typed into yet
are drawn once and kept: reading the page again draws none of them, what a reader would
see change shows at once, each person's own choice stays theirs, and a kept form still
posts."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from flourish.core.forms import FilterFormMarkup
from flourish.core.tests.pieces import read_counting
from flourish.learning.models import Digest, Meetup, Prompt, PromptReason, PromptState
from flourish.learning.services.circles import thread_start
from flourish.learning.services.meetups import meetup_add
from flourish.learning.services.prompts import prompt_offer

pytestmark = pytest.mark.django_db

MEETUP_TEMPLATE = "learning/_meetup_item.html"
WAITING_TEMPLATE = "learning/_waiting_item.html"
FIELD_TEMPLATE = "core/forms/field.html"


@pytest.fixture
def meetup(circle, moderator):
    starts = timezone.now() + datetime.timedelta(days=3)
    return meetup_add(
        circle=circle,
        actor=moderator,
        title="Tea and planning",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        where="Chapeltown library",
    )


def test_a_circles_meetups_are_drawn_once_and_a_changed_one_shows_at_once(
    client, circle, meetup, peer
):
    address = reverse("learning:circle", args=[circle.slug])
    client.force_login(peer)
    _first, drawn_first = read_counting(client, address, MEETUP_TEMPLATE)
    again, drawn_again = read_counting(client, address, MEETUP_TEMPLATE)
    assert (drawn_first, drawn_again) == (1, 0)
    assert "Tea and planning" in again and "Chapeltown library" in again
    calendar = reverse("learning:meetup_ics", args=[circle.slug, meetup.pk])
    assert calendar in again
    # Even a change made around the services shows on the next reading.
    Meetup.objects.filter(pk=meetup.pk).update(where="Room 2, Chapeltown library")
    changed, drawn = read_counting(client, address, MEETUP_TEMPLATE)
    assert "Room 2, Chapeltown library" in changed and drawn == 1


def test_each_member_sees_their_own_email_choice_on_a_kept_form(client, circle, moderator, peer):
    circle.members.filter(user=peer).update(digest=Digest.DAILY)
    circle.members.filter(user=moderator).update(digest=Digest.OFF)
    address = reverse("learning:circle", args=[circle.slug])

    def chosen(person):
        client.force_login(person)
        page = client.get(address).content.decode()
        return re.findall(r'value="(\w+)"[^>]*\bchecked', page)

    assert chosen(peer) == ["daily"]
    assert chosen(moderator) == ["off"]
    assert chosen(peer) == ["daily"]


def test_what_someone_typed_into_a_reply_is_never_kept_for_the_next_reader(
    client, circle, moderator, peer
):
    thread = thread_start(circle=circle, actor=moderator, title="Room hire", body="Where?")
    address = reverse("learning:thread", args=[circle.slug, thread.pk])
    client.force_login(peer)
    read_counting(client, address, FIELD_TEMPLATE)  # the empty reply box, now kept
    too_long = "My private worry " * 400
    posted = client.post(address, {"body": too_long}).content.decode()
    assert "My private worry" in posted  # given back to fix, with what to do
    assert 'class="govuk-error-message"' in posted
    # Not even kept in this process's memory, where the next reader's box comes from.
    assert not [
        markup for markup in FilterFormMarkup._kept.values() if "My private worry" in markup
    ]
    client.force_login(moderator)
    page, drawn = read_counting(client, address, FIELD_TEMPLATE)
    assert "My private worry" not in page and "govuk-error-message" not in page
    assert drawn == 0  # the empty box was kept; the posted one never was


def test_a_groups_waiting_items_are_drawn_once_and_each_answer_still_posts(group, owner):
    for reason in (PromptReason.STALE_LISTING, PromptReason.FIRST_BOOKING):
        prompt_offer(group=group, reason=reason)
    address = reverse("learning:group", args=[group.slug])
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    _first, drawn_first = read_counting(client, address, WAITING_TEMPLATE)
    page, drawn_again = read_counting(client, address, WAITING_TEMPLATE)
    assert (drawn_first, drawn_again) == (2, 0)
    # Every form on a kept item carries this visitor's token, never a marker or a stale one.
    assert "<!--csrf-->" not in page
    stale = Prompt.objects.get(group=group, reason=PromptReason.STALE_LISTING)
    answer = reverse("learning:prompt_answer", args=[group.slug, stale.pk, "done"])
    form = re.search(re.escape(answer) + r'"><input[^>]*value="([^"]+)"', page)
    assert form is not None
    response = client.post(answer, {"csrfmiddlewaretoken": form.group(1)})
    assert response.status_code == 302
    stale.refresh_from_db()
    assert stale.state == PromptState.DONE
    page, drawn = read_counting(client, address, WAITING_TEMPLATE)
    assert "Your listing needs a check" not in page and "Your first booking" in page
    assert drawn == 0
