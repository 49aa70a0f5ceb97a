"""A circle's pages read the person's place, the conversation and a page of each list in
statements written once for everyone: each person still gets only their own circle's,
and what members typed reads in its own direction on an Urdu page."""

import pytest
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.learning.factories import CircleFactory, circle_member_make
from flourish.learning.services.circles import reply_post, thread_start

pytestmark = pytest.mark.django_db


def _circle_with_a_conversation(name: str):
    circle = CircleFactory(name=name)
    member = circle_member_make(circle, UserFactory())
    thread = thread_start(circle=circle, actor=member, title=f"{name} question", body="Hi")
    reply_post(thread=thread, actor=member, body=f"{name} answer")
    return circle, member, thread


def test_each_member_reads_their_own_circle_and_nobody_elses(client):
    leeds, leeds_member, leeds_thread = _circle_with_a_conversation("Leeds leaders")
    hull, hull_member, hull_thread = _circle_with_a_conversation("Hull leaders")

    for member, circle, thread, other_circle, other_thread in [
        (leeds_member, leeds, leeds_thread, hull, hull_thread),
        (hull_member, hull, hull_thread, leeds, leeds_thread),
        (leeds_member, leeds, leeds_thread, hull, hull_thread),
    ]:
        client.force_login(member)
        own = client.get(reverse("learning:circle", args=[circle.slug])).text
        conversation = client.get(reverse("learning:thread", args=[circle.slug, thread.pk])).text
        assert f"{circle.name} question" in own and f"{other_circle.name} question" not in own
        assert f"{circle.name} answer" in conversation
        assert f"{other_circle.name} answer" not in conversation
        # Another circle, and another circle's conversation through one's own: nothing.
        elsewhere = client.get(reverse("learning:circle", args=[other_circle.slug]))
        smuggled = client.get(reverse("learning:thread", args=[circle.slug, other_thread.pk]))
        assert (elsewhere.status_code, smuggled.status_code) == (404, 404)


def test_what_members_typed_keeps_its_own_direction_on_an_urdu_page(client):
    circle, member, thread = _circle_with_a_conversation("Leeds leaders")
    client.force_login(member)
    client.cookies["django_language"] = "ur"

    listing = client.get(reverse("learning:circle", args=[circle.slug])).text
    conversation = client.get(reverse("learning:thread", args=[circle.slug, thread.pk])).text

    assert f'<p class="govuk-body" dir="auto">{circle.about}</p>' in listing
    assert "<bdi>Leeds leaders question</bdi>" in listing
    assert '<h1 class="govuk-heading-xl" dir="auto">Leeds leaders question</h1>' in conversation
    assert '<div class="govuk-body" dir="auto"><p>Leeds leaders answer</p></div>' in conversation


def test_a_conversation_number_too_big_for_any_column_is_not_found(client):
    circle, member, thread = _circle_with_a_conversation("Leeds leaders")
    client.force_login(member)
    client.get(reverse("learning:thread", args=[circle.slug, thread.pk]))

    response = client.get(f"/learning/circles/{circle.slug}/conversations/{10**20}/")

    assert response.status_code == 404
