"""A group does the health check on its own terms (never a score) and asks for support;
someone who runs support takes it on, logs a conversation, and the group says how it went."""

import re

import pytest
from django.urls import reverse

from flourish.learning.factories import published_guide
from flourish.learning.health import QUESTIONS
from flourish.learning.models import HealthCheck, SupportRequest, SupportStatus

pytestmark = pytest.mark.django_db


def _answers(**overrides):
    return {q.key: overrides.get(q.key, "yes") for q in QUESTIONS}


def test_a_group_does_the_health_check_and_sees_guides_not_a_score(client, group, owner):
    published_guide(slug="keeping-simple-money-records", title="Simple money records")
    published_guide(slug="sharing-the-load", title="Sharing the load")
    client.force_login(owner)
    response = client.post(
        reverse("learning:health_check", args=[group.slug]),
        _answers(money_records="not_yet", rest="not_sure"),
    )
    check = HealthCheck.objects.get()
    assert response.url == reverse("learning:health_check_answers", args=[group.slug, check.pk])
    page = client.get(response.url).content.decode()
    assert "Simple money records" in page
    assert "Sharing the load" not in page  # answered yes
    assert not re.search(r"\b\d+\s*(/|out of|of)\s*10\b|score|%", page, re.IGNORECASE)
    assert not check.shared_with_support


def test_a_question_left_unanswered_is_asked_again_and_nothing_is_kept(client, group, owner):
    client.force_login(owner)
    answers = _answers()
    del answers["rest"]
    response = client.post(reverse("learning:health_check", args=[group.slug]), answers)
    assert response.status_code == 200
    assert "Choose an answer, or choose Not sure." in response.content.decode()
    assert not HealthCheck.objects.exists()


def test_support_sees_a_health_check_only_when_the_group_shares_it(client, group, owner, writer):
    client.force_login(owner)
    client.post(reverse("learning:health_check", args=[group.slug]), _answers())
    client.post(reverse("learning:health_check", args=[group.slug]), {**_answers(), "share": "on"})
    private, shared = HealthCheck.objects.order_by("pk")
    client.force_login(writer)
    address = "learning:health_check_answers"
    assert client.get(reverse(address, args=[group.slug, private.pk])).status_code == 404
    assert client.get(reverse(address, args=[group.slug, shared.pk])).status_code == 200


def test_a_group_asks_for_support_and_sees_who_helps_and_says_how_it_went(
    client, group, owner, colleague, writer
):
    client.force_login(owner)
    response = client.post(
        reverse("learning:support_ask", args=[group.slug]), {"what": "We have never done a budget"}
    )
    asked = SupportRequest.objects.get()
    assert response.url == reverse("learning:support_request", args=[asked.pk])

    client.force_login(writer)
    assert "Hearing Voices Leeds" in client.get(reverse("learning:support_list")).content.decode()
    client.post(
        reverse("learning:support_take_on", args=[asked.pk]),
        {"agreed_help": "Two calls to build a first budget"},
    )
    client.post(reverse("learning:support_note", args=[asked.pk]), {"text": "First call went well"})

    client.force_login(colleague)
    page = client.get(reverse("learning:support_request", args=[asked.pk])).content.decode()
    assert "Wyn Writer" in page and "Two calls to build a first budget" in page
    assert "First call went well" not in page  # the helper's log is theirs
    client.post(
        reverse("learning:support_how_it_went", args=[asked.pk]), {"how_it_went": "We have one now"}
    )
    asked.refresh_from_db()
    assert (asked.status, asked.how_it_went) == (SupportStatus.CLOSED, "We have one now")


def test_the_helper_changes_the_help_agreed_starting_from_what_was_agreed(
    client, group, owner, writer
):
    client.force_login(owner)
    client.post(reverse("learning:support_ask", args=[group.slug]), {"what": "A first budget"})
    asked = SupportRequest.objects.get()
    client.force_login(writer)
    client.post(reverse("learning:support_take_on", args=[asked.pk]), {"agreed_help": "Two calls"})

    page = client.get(reverse("learning:support_request", args=[asked.pk])).content.decode()
    box = re.search(r'<textarea name="agreed_help"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    changed = client.post(
        reverse("learning:support_take_on", args=[asked.pk]),
        {"agreed_help": "Two calls and a visit"},
        follow=True,
    )

    assert "Change the help agreed" in page
    assert box is not None and box.group(1).strip() == "Two calls"
    assert "The help agreed is changed." in changed.content.decode()
    asked.refresh_from_db()
    assert asked.agreed_help == "Two calls and a visit"


def test_an_empty_request_is_refused_with_a_message(client, group, owner):
    client.force_login(owner)
    response = client.post(reverse("learning:support_ask", args=[group.slug]), {"what": "  "})
    assert response.status_code == 200
    assert "What would you like help with?" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_strangers_get_404_and_only_support_takes_a_request_on(client, group, owner, stranger):
    client.force_login(owner)
    client.post(reverse("learning:support_ask", args=[group.slug]), {"what": "A budget"})
    asked = SupportRequest.objects.get()
    response = client.post(
        reverse("learning:support_take_on", args=[asked.pk]), {"agreed_help": "I will"}
    )
    assert response.status_code == 404
    client.force_login(stranger)
    assert client.get(reverse("learning:support_request", args=[asked.pk])).status_code == 404
    assert client.get(reverse("learning:health_check", args=[group.slug])).status_code == 404
    assert client.get(reverse("learning:support_list")).status_code == 404
    asked.refresh_from_db()
    assert asked.helper is None


def test_open_requests_come_oldest_first_a_page_at_a_time_in_the_same_queries(
    client, monkeypatch, writer
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from flourish.grants.factories import GroupFactory
    from flourish.learning.views import support as support_views

    monkeypatch.setattr(support_views, "SUPPORT_REQUESTS_PER_PAGE", 2)
    for name in ["First Group", "Second Group", "Third Group"]:
        SupportRequest.objects.create(
            group=GroupFactory(name=name), asked_by=writer, what="Help with a budget"
        )
    client.force_login(writer)
    address = reverse("learning:support_list")

    with CaptureQueriesContext(connection) as few:
        first = client.get(address).text
    for n in range(4):
        SupportRequest.objects.create(
            group=GroupFactory(name=f"Later {n}"), asked_by=writer, what="Help"
        )
    with CaptureQueriesContext(connection) as many:
        client.get(address)
    second = client.get(address + "?page=2").text

    assert "First Group" in first and "Second Group" in first
    assert "Third Group" not in first
    assert "Page 1 of 2" in first
    assert "Third Group" in second
    assert len(many.captured_queries) == len(few.captured_queries)
