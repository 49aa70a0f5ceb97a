"""The applicant's journey in the Django client, and every way it refuses bad input."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.core.models import AuditEvent
from flourish.grants.factories import EligibilityQuestionFactory, application_with_lines
from flourish.grants.forms import QUESTION_SLUGS
from flourish.grants.models import Application, ApplicationStatus
from flourish.grants.services.applications import (
    application_answer,
    application_start,
    application_submit,
    spend_line_add,
)

pytestmark = pytest.mark.django_db

ANSWERS = {
    "about-you": {"applicant_name": "Asha Owner", "applicant_role": "I started it"},
    "your-group": {"group_name": "Hearing Voices Leeds", "local_authority": "Leeds"},
    "what-you-want-to-do": {"what_you_want_to_do": "Move our weekly group online."},
    "who-it-helps": {"who_it_helps": "Thirty people who hear voices."},
    "when": {"when": "May to July"},
    "how-to-reach-you": {"contact_route": "phone", "contact_detail": "07700 900123"},
    "access-needs": {"access_needs": ""},
}


def _question_url(application, slug):
    return reverse("grants:question", kwargs={"pk": application.pk, "question": slug})


def _start(client, programme):
    response = client.post(reverse("grants:application_start", args=[programme.slug]))
    application = Application.objects.get()
    assert response["Location"] == _question_url(application, "about-you")
    return application


def test_an_organiser_applies_one_question_at_a_time_and_sees_their_status(
    client, owner, group, programme
):
    client.force_login(owner)
    assert client.get(reverse("grants:programme_detail", args=[programme.slug])).status_code == 200
    application = _start(client, programme)

    for slug in QUESTION_SLUGS:
        page = client.get(
            _question_url(application, slug)
            if slug != "money"
            else reverse("grants:money", args=[application.pk])
        )
        assert page.status_code == 200
        if slug == "money":
            category = programme.categories.first()
            response = client.post(
                reverse("grants:money", args=[application.pk]),
                {"category": category.pk, "description": "Zoom for a year", "amount": "£150"},
            )
            assert response.status_code == 302
            continue
        response = client.post(_question_url(application, slug), ANSWERS[slug])
        assert response.status_code == 302, response.content.decode()

    assert response["Location"] == reverse("grants:check_answers", args=[application.pk])
    check = client.get(response["Location"])
    assert "Move our weekly group online." in check.content.decode()
    assert "£150" in check.content.decode()

    sent = client.post(reverse("grants:check_answers", args=[application.pk]))
    assert sent["Location"] == reverse("grants:application_status", args=[application.pk])
    status = client.get(sent["Location"]).content.decode()
    assert "We have your application." in status
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.group == group
    assert application.amount_requested_pence == 15_000


def test_the_default_form_asks_at_most_eight_questions():
    assert len(QUESTION_SLUGS) <= 8


def test_a_group_with_no_constitution_or_bank_account_can_apply_under_a_new_name(
    client, stranger, programme
):
    client.force_login(stranger)
    application = _start(client, programme)

    client.post(
        _question_url(application, "your-group"),
        {"group_name": "Tuesday Walkers", "local_authority": "Bradford"},
    )

    application.refresh_from_db()
    assert application.group.name == "Tuesday Walkers"
    assert application.group.memberships.get().user == stranger


def test_save_and_come_back_later_keeps_the_answer_and_returns_to_your_applications(
    client, owner, programme
):
    client.force_login(owner)
    application = _start(client, programme)

    response = client.post(
        _question_url(application, "what-you-want-to-do"),
        {"what_you_want_to_do": "A radio show in Urdu", "later": "1"},
    )

    assert response["Location"] == reverse("grants:my_applications")
    application.refresh_from_db()
    assert application.what_you_want_to_do == "A radio show in Urdu"
    listing = client.get(reverse("grants:my_applications")).content.decode()
    assert "Not sent yet" in listing


def test_save_and_come_back_later_saves_a_page_with_a_question_not_yet_answered(
    client, owner, programme
):
    client.force_login(owner)
    application = _start(client, programme)
    address = _question_url(application, "when")

    later = client.post(address, {"when": "", "later": "1"})
    onwards = client.post(address, {"when": ""})

    assert later["Location"] == reverse("grants:my_applications")
    assert onwards.status_code == 200  # "Save and continue" still asks for the answer
    assert "Tell us roughly when" in onwards.content.decode()


def test_save_and_come_back_later_still_shows_what_must_be_put_right(client, owner, programme):
    client.force_login(owner)
    application = _start(client, programme)

    page = client.post(
        _question_url(application, "what-you-want-to-do"),
        {"what_you_want_to_do": "x" * 20_000, "later": "1"},
    )

    assert page.status_code == 200
    application.refresh_from_db()
    assert application.what_you_want_to_do != "x" * 20_000


def test_a_change_link_comes_back_to_check_your_answers(client, owner, programme):
    client.force_login(owner)
    application = _start(client, programme)

    response = client.post(
        _question_url(application, "when") + "?change=1", {"when": "Next spring"}
    )

    assert response["Location"] == reverse("grants:check_answers", args=[application.pk])


def test_a_missing_answer_gets_a_message_that_says_what_to_do(client, owner, programme):
    client.force_login(owner)
    application = _start(client, programme)

    response = client.post(_question_url(application, "who-it-helps"), {"who_it_helps": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Tell us who it will help." in html
    assert "<title>Error:" in html


def test_an_amount_typed_wrongly_gets_an_example(client, owner, programme):
    client.force_login(owner)
    application = _start(client, programme)
    category = programme.categories.first()

    response = client.post(
        reverse("grants:money", args=[application.pk]),
        {"category": category.pk, "description": "Data", "amount": "lots"},
    )

    assert "Enter the amount in pounds, for example 450." in response.content.decode()
    assert not application.spend_lines.exists()


def test_it_refuses_an_amount_over_the_programme_maximum(client, owner, group, programme):
    application = application_with_lines(
        programme=programme,
        group=group,
        submitted_by=owner,
        status="draft",
        amounts=(150_000, 100_000),
    )
    client.force_login(owner)

    response = client.post(reverse("grants:check_answers", args=[application.pk]))

    assert response.status_code == 200
    assert "this programme gives up to £2,000" in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_it_refuses_an_application_after_the_close_date(owner, group, programme):
    programme.closes_on = datetime.date(2026, 6, 30)
    programme.save()
    application = application_with_lines(
        programme=programme, group=group, submitted_by=owner, status="draft"
    )

    with pytest.raises(ValidationError, match="closed on 30 June 2026"):
        application_submit(application=application, actor=owner, today=datetime.date(2026, 7, 1))
    with pytest.raises(ValidationError, match="closed on"):
        application_start(programme=programme, actor=owner, today=datetime.date(2026, 7, 1))

    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_it_refuses_a_double_submit_and_records_one_submission(client, owner, group, programme):
    application = application_with_lines(
        programme=programme, group=group, submitted_by=owner, status="draft"
    )
    client.force_login(owner)
    client.post(reverse("grants:check_answers", args=[application.pk]))
    sent_at = Application.objects.get().submitted_at

    second = client.post(reverse("grants:check_answers", args=[application.pk]), follow=True)

    assert "You have already sent this application" in second.content.decode()
    assert Application.objects.get().submitted_at == sent_at
    assert AuditEvent.objects.filter(action="grants.application_submitted").count() == 1
    with pytest.raises(ValidationError, match="already sent"):
        application_submit(application=application, actor=owner)


def test_it_refuses_an_edit_after_submission(client, owner, group, programme):
    application = application_with_lines(programme=programme, group=group, submitted_by=owner)
    client.force_login(owner)

    response = client.post(
        _question_url(application, "what-you-want-to-do"),
        {"what_you_want_to_do": "Something else entirely"},
        follow=True,
    )

    assert "You have already sent this application" in response.content.decode()
    application.refresh_from_db()
    assert application.what_you_want_to_do != "Something else entirely"
    with pytest.raises(ValidationError, match="already sent"):
        application_answer(application=application, actor=owner, answers={"when": "Later"})
    with pytest.raises(ValidationError, match="already sent"):
        spend_line_add(
            application=application,
            actor=owner,
            category=programme.categories.first(),
            description="More",
            amount_pence=100,
        )
    assert application.spend_lines.count() == 1


def test_a_colleague_can_follow_the_groups_application(client, colleague, owner, group, programme):
    application = application_with_lines(programme=programme, group=group, submitted_by=owner)
    client.force_login(colleague)

    response = client.get(reverse("grants:application_status", args=[application.pk]))

    assert response.status_code == 200


def test_an_answer_that_rules_a_group_out_says_why_and_where_else_to_go(client, programme):
    EligibilityQuestionFactory(programme=programme, position=1)

    response = client.post(
        reverse("grants:eligibility", args=[programme.slug, 1]), {"answer": "no"}
    )

    html = response.content.decode()
    assert "only for groups led by people with lived experience" in html
    assert "council for voluntary service" in html


def test_an_answer_that_does_not_rule_a_group_out_goes_on_to_apply(client, programme):
    EligibilityQuestionFactory(programme=programme, position=1)

    response = client.post(
        reverse("grants:eligibility", args=[programme.slug, 1]), {"answer": "yes"}
    )

    assert response["Location"] == reverse("grants:application_start", args=[programme.slug])


def test_a_closed_programme_says_it_has_closed_and_offers_no_way_to_start(client, programme):
    programme.closes_on = datetime.date(2020, 5, 31)
    programme.save()

    listing = client.get(reverse("grants:programme_list")).content.decode()
    page = client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()

    assert "Closed on 31 May 2020" in listing
    assert "Closes on" not in listing
    assert "Closed on 31 May 2020" in page
    assert "Apply by" not in page
    assert "Start your application" not in page
    assert "Check you can apply" not in page


def test_a_programme_with_no_smallest_grant_says_up_to_not_from_nothing(client, programme):
    page = client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()

    assert 'Up to <bdi dir="ltr">£2,000</bdi>.' in page
    assert "From £0" not in page


def test_a_spend_line_that_takes_the_total_over_the_maximum_is_refused_beside_the_amount(
    client, owner, programme
):
    client.force_login(owner)
    application = _start(client, programme)
    category = programme.categories.first()
    spend_line_add(
        application=application,
        actor=owner,
        category=category,
        description="Laptop",
        amount_pence=150_000,
    )

    response = client.post(
        reverse("grants:money", args=[application.pk]),
        {"category": category.pk, "description": "Data", "amount": "600"},
    )

    html = response.content.decode()
    assert "That would make your total £2,100" in html
    assert "Enter £500 or less" in html
    application.refresh_from_db()
    assert application.amount_requested_pence == 150_000
    assert application.spend_lines.count() == 1


def test_choosing_a_phone_call_without_a_number_asks_for_the_number(client, owner, programme):
    client.force_login(owner)
    application = _start(client, programme)

    response = client.post(
        _question_url(application, "how-to-reach-you"), {"contact_route": "phone"}
    )

    assert response.status_code == 200
    assert "Enter the phone number we should call or text" in response.content.decode()
    application.refresh_from_db()
    assert application.contact_route == ""


def test_coming_back_to_a_draft_carries_on_at_the_first_unanswered_question(
    client, owner, programme
):
    client.force_login(owner)
    application = _start(client, programme)
    for slug in ("about-you", "your-group", "what-you-want-to-do"):
        client.post(_question_url(application, slug), ANSWERS[slug])

    listing = client.get(reverse("grants:my_applications")).content.decode()
    status = client.get(reverse("grants:application_status", args=[application.pk]))

    assert f'href="{_question_url(application, "who-it-helps")}"' in listing
    assert f'href="{_question_url(application, "who-it-helps")}"' in status.content.decode()


def test_a_draft_for_a_programme_that_has_closed_does_not_invite_them_to_carry_on(
    client, owner, group, programme
):
    application_with_lines(programme=programme, group=group, submitted_by=owner, status="draft")
    programme.closes_on = datetime.date(2020, 5, 31)
    programme.save()
    client.force_login(owner)

    listing = client.get(reverse("grants:my_applications")).content.decode()

    assert "this programme has now closed" in listing
    assert "You can carry on where you left off" not in listing


def test_sending_with_answers_missing_lists_each_one_in_plain_english(client, owner, programme):
    client.force_login(owner)
    application = _start(client, programme)
    client.post(_question_url(application, "what-you-want-to-do"), ANSWERS["what-you-want-to-do"])

    response = client.post(reverse("grants:check_answers", args=[application.pk]))

    assert (
        "Before you send it, tell us who it helps, what the money is for, "
        "when it will happen and how to reach you."
    ) in response.content.decode()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT
