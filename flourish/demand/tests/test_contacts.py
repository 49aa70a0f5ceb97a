"""Logging contacts: the quick log page, and the refusals that change nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flourish.core.models import AuditEvent
from flourish.demand.models import Contact
from flourish.demand.services.contacts import contact_log

TODAY = timezone.localdate()


def fields(**overrides):
    return {
        "received_on": TODAY,
        "words": "I don't understand question 4",
        "channel": "phone",
        "demand": "failure",
        "failure_kind": "not_understood",
        "cause": "Question 4 wording",
        "resolved_first_time": True,
    } | overrides


def posted(**overrides):
    data = {
        "words": "Can I come on Thursday?",
        "demand": "value",
        "channel": "phone",
        "received_on_0": TODAY.day,
        "received_on_1": TODAY.month,
        "received_on_2": TODAY.year,
    }
    return {key: value for key, value in (data | overrides).items() if value is not None}


def test_a_team_member_logs_a_contact_and_it_is_audited(service, colleague):
    contact = contact_log(actor=colleague, service=service, **fields())
    assert contact.failure_kind == "not_understood"
    assert AuditEvent.objects.filter(action="demand.contact_logged").count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"words": "  "}, "what they asked"),
        ({"failure_kind": "lost_the_form"}, "not a kind of failure demand we know"),
        ({"failure_kind": ""}, "Choose what kind of failure demand"),
        ({"demand": "value"}, "Leave the kind and cause empty"),
        ({"channel": "pigeon"}, "The channel must be one of: phone"),
        ({"received_on": TODAY + datetime.timedelta(days=1)}, "cannot be in the future"),
    ],
)
def test_bad_contacts_are_refused_with_a_reason_and_change_nothing(
    service, colleague, overrides, message
):
    with pytest.raises(ValidationError) as refused:
        contact_log(actor=colleague, service=service, **fields(**overrides))
    assert message.lower() in str(refused.value).lower()
    assert not Contact.objects.exists()


def test_someone_outside_the_team_cannot_log_for_it(service, other_lead):
    with pytest.raises(ValidationError):
        contact_log(actor=other_lead, service=service, **fields())
    assert not Contact.objects.exists()


def test_the_quick_log_saves_and_comes_back_empty_for_the_next_one(client, service, colleague):
    client.force_login(colleague)
    url = reverse("demand:log", args=[service.slug])
    response = client.post(url, posted(channel="email"), follow=True)
    assert response.redirect_chain == [(url + "?saved=1", 302)]
    assert "Saved. Log the next one" in response.content.decode()
    assert Contact.objects.get().recorded_by == colleague
    # The channel used last time is already chosen for the next contact.
    assert 'value="email" checked' in response.content.decode()


def test_an_empty_contact_gets_a_message_for_each_question_and_saves_nothing(
    client, service, colleague
):
    client.force_login(colleague)
    response = client.post(reverse("demand:log", args=[service.slug]), {})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Enter an answer for “What did they ask? In their words”" in page
    assert "Choose an answer for “Value or failure demand?”" in page
    assert not Contact.objects.exists()


def test_an_unknown_kind_on_the_page_is_refused(client, service, colleague):
    client.force_login(colleague)
    response = client.post(
        reverse("demand:log", args=[service.slug]),
        posted(demand="failure", failure_kind="lost_the_form"),
    )
    assert "Choose one of the answers given for" in response.content.decode()
    assert not Contact.objects.exists()


def test_a_kind_chosen_before_switching_to_value_demand_does_not_count(client, service, colleague):
    client.force_login(colleague)
    client.post(
        reverse("demand:log", args=[service.slug]),
        posted(demand="value", failure_kind="chasing", cause="slow post"),
    )
    contact = Contact.objects.get()
    assert (contact.failure_kind, contact.cause) == ("", "")


@pytest.mark.parametrize(
    ("words", "what"),
    [
        ("Please call me on 07700 900123", "a phone number"),
        ("Email jo@example.org about it", "an email address"),
        ("Mrs Patel wants to know when", "a name"),
        ("Hi, my name is Sam and I need help", "a name"),
    ],
)
def test_words_that_look_like_personal_data_get_a_warning_first(
    client, service, colleague, words, what
):
    client.force_login(colleague)
    url = reverse("demand:log", args=[service.slug])
    response = client.post(url, posted(words=words))
    assert f"look as if they hold {what}" in response.content.decode()
    assert not Contact.objects.exists()
    # Pressing Save again keeps the words as they are.
    client.post(url, posted(words=words, save_as_written=words))
    assert Contact.objects.get().words == words


def test_changed_words_are_checked_again(client, service, colleague):
    client.force_login(colleague)
    url = reverse("demand:log", args=[service.slug])
    client.post(url, posted(words="Ring 07700 900123", save_as_written="Ring 07700 900000"))
    assert not Contact.objects.exists()


def test_everyday_words_get_no_warning(client, service, colleague):
    client.force_login(colleague)
    client.post(
        reverse("demand:log", args=[service.slug]),
        posted(words="Is the Thursday group on in December? It's 3 stops away"),
    )
    assert Contact.objects.count() == 1
