"""Every message a person reads says what to do, and nothing a person cannot act on is
accepted silently or shown raw."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import OrganisationFactory
from flourish.accounts.models import OrganisationKind
from flourish.grants.factories import ProgrammeFactory, application_with_lines
from flourish.grants.models import ApplicationStatus, Conversation, SpendLine
from flourish.grants.services.applications import application_attach, spend_line_add
from flourish.grants.services.decisions import conversation_log, recommendation_write
from flourish.grants.services.panels import conflict_declare, panel_create

pytestmark = pytest.mark.django_db

VOICE_NOTE = b"ID3\x03\x00\x00\x00\x00\x00\x00" + (b"\xff\xfb\x90\x64" + b"\x00" * 413) * 3


@pytest.fixture
def draft(programme, group, owner):
    return application_with_lines(
        programme=programme, group=group, submitted_by=owner, status=ApplicationStatus.DRAFT
    )


@pytest.fixture
def in_review(programme, group, owner, associate):
    return application_with_lines(
        programme=programme,
        group=group,
        submitted_by=owner,
        associate=associate,
        status=ApplicationStatus.IN_REVIEW,
    )


def _page(client, url, data=None):
    response = client.post(url, data) if data is not None else client.get(url)
    return response, response.content.decode()


def test_nothing_costing_nothing_is_refused_with_a_message_not_a_database_error(
    client, owner, draft
):
    client.force_login(owner)
    category = draft.programme.categories.first()
    before = SpendLine.objects.count()

    _response, html = _page(
        client,
        reverse("grants:money", args=[draft.pk]),
        {"category": category.pk, "description": "Free room", "amount": "0"},
    )

    assert "Enter an amount more than £0, for example 450." in html
    assert "spend_line_positive" not in html
    assert SpendLine.objects.count() == before
    with pytest.raises(ValidationError, match="more than £0"):
        spend_line_add(
            application=draft, actor=owner, category=category, description="x", amount_pence=0
        )


@pytest.mark.parametrize(
    ("route", "detail", "message"),
    [
        ("email", "notanemail", "Enter an email address like name@example.org"),
        ("phone", "abc", "Enter the phone number we should call or text"),
        ("text", "123", "Enter the phone number we should call or text"),
    ],
)
def test_contact_details_that_cannot_reach_anyone_are_refused(
    client, owner, draft, route, detail, message
):
    client.force_login(owner)

    _response, html = _page(
        client,
        reverse("grants:question", args=[draft.pk, "how-to-reach-you"]),
        {"contact_route": route, "contact_detail": detail},
    )

    assert message in html
    draft.refresh_from_db()
    assert draft.contact_detail != detail


def test_a_real_uk_number_and_a_real_email_are_accepted(client, owner, draft):
    client.force_login(owner)
    url = reverse("grants:question", args=[draft.pk, "how-to-reach-you"])

    phone, _html = _page(
        client, url, {"contact_route": "phone", "contact_detail": "+44 7700 900123"}
    )
    email, _html = _page(client, url, {"contact_route": "email", "contact_detail": "a@example.org"})

    assert phone.status_code == email.status_code == 302


def test_a_conversation_cannot_be_logged_in_the_future(client, associate, in_review):
    client.force_login(associate)
    url = reverse("grants:conversation", args=[in_review.pk])

    _response, html = _page(
        client,
        url,
        {
            "kind": "phone",
            "happened_on_0": "1",
            "happened_on_1": "1",
            "happened_on_2": "2030",
            "notes": "Lovely group.",
        },
    )

    assert "The date you talked must be today or in the past" in html
    assert not Conversation.objects.exists()
    with pytest.raises(ValidationError, match="today or in the past"):
        conversation_log(
            application=in_review,
            actor=associate,
            kind="phone",
            happened_on=timezone.localdate() + datetime.timedelta(days=1),
            notes="x",
        )


def test_staff_dates_are_the_gov_uk_date_input(client, associate, in_review):
    client.force_login(associate)

    html = client.get(reverse("grants:conversation", args=[in_review.pk])).content.decode()

    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one(".govuk-date-input")
    assert [box["name"] for box in soup.select(".govuk-date-input__input")] == [
        "happened_on_0",
        "happened_on_1",
        "happened_on_2",
    ]


def test_a_yes_recommendation_needs_an_amount_more_than_nothing(client, associate, in_review):
    client.force_login(associate)

    _response, html = _page(
        client,
        reverse("grants:recommend", args=[in_review.pk]),
        {"background": "Good", "verdict": "yes", "suggested_amount": "0"},
    )

    assert "Enter the amount you recommend, more than £0, for example 1500." in html
    with pytest.raises(ValidationError, match="more than £0"):
        recommendation_write(
            application=in_review,
            actor=associate,
            background="Good",
            verdict="yes",
            suggested_amount_pence=0,
        )


def test_a_conflict_must_say_what_it_is(client, staff, panel_member, programme, group, owner):
    shortlisted = application_with_lines(
        programme=programme, group=group, submitted_by=owner, status=ApplicationStatus.SHORTLISTED
    )
    panel = panel_create(
        programme=programme,
        actor=staff,
        title="Panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=1,
        members=[panel_member],
    )
    client.force_login(panel_member)

    _response, html = _page(
        client,
        reverse("grants:panel_application", args=[panel.pk, shortlisted.pk]),
        {"has_conflict": "yes", "details": ""},
    )

    assert "Say what the conflict is" in html
    with pytest.raises(ValidationError, match="Say what the conflict is"):
        conflict_declare(
            panel=panel, application=shortlisted, member=panel_member, has_conflict=True
        )


def test_a_quorum_of_one_is_one_vote(client, staff, panel_member, programme):
    panel = panel_create(
        programme=programme,
        actor=staff,
        title="Panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=1,
        members=[panel_member],
    )
    client.force_login(staff)

    html = client.get(reverse("grants:panel_pack", args=[panel.pk])).content.decode()

    assert "Quorum: 1 vote per application." in html


def test_a_fixed_grant_says_its_amount_once(client, funder):
    programme = ProgrammeFactory(
        funder=funder, min_grant_pence=1_000_000, max_grant_pence=1_000_000
    )

    html = client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()

    assert "From £10,000 up to £10,000" not in html
    assert 'Each grant is <bdi dir="ltr">£10,000</bdi>.' in html


def test_choices_start_with_words_not_dashes(client, staff, in_review):
    OrganisationFactory(kind=OrganisationKind.HOLDING_PARTNER, name="Leeds Community Trust")
    client.force_login(staff)

    assign = client.get(reverse("grants:assign", args=[in_review.pk])).content.decode()
    decide = client.get(reverse("grants:decide", args=[in_review.pk])).content.decode()

    assert "---------" not in assign + decide
    assert "Choose someone" in assign
    assert "None: pay the group directly" in decide


@pytest.mark.parametrize("question", ["about-you", "your-group", "when", "access-needs"])
def test_each_question_page_has_a_back_link_to_the_page_before(client, owner, draft, question):
    client.force_login(owner)

    html = client.get(reverse("grants:question", args=[draft.pk, question])).content.decode()

    back = BeautifulSoup(html, "html.parser").select_one("a.govuk-back-link")
    assert back is not None
    expected = {
        "about-you": reverse("grants:application_status", args=[draft.pk]),
        "your-group": reverse("grants:question", args=[draft.pk, "about-you"]),
        "when": reverse("grants:money", args=[draft.pk]),
        "access-needs": reverse("grants:question", args=[draft.pk, "how-to-reach-you"]),
    }[question]
    assert back["href"] == expected


def test_money_and_check_your_answers_have_back_links(client, owner, draft):
    client.force_login(owner)

    money = client.get(reverse("grants:money", args=[draft.pk])).content.decode()
    check = client.get(reverse("grants:check_answers", args=[draft.pk])).content.decode()

    assert 'class="govuk-back-link"' in money
    assert reverse("grants:question", args=[draft.pk, "access-needs"]) in check


def test_a_sent_file_is_shown_by_name_and_can_be_removed(client, owner, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application_attach(
        application=draft,
        actor=owner,
        upload=SimpleUploadedFile("our-plan.mp3", VOICE_NOTE, content_type="audio/mpeg"),
    )
    client.force_login(owner)
    url = reverse("grants:question", args=[draft.pk, "what-you-want-to-do"])

    html = client.get(url).content.decode()
    assert "Currently" not in html
    assert "our-plan.mp3" in html
    assert "Remove our-plan.mp3" in html

    client.post(url, {"what_you_want_to_do": "We will meet weekly.", "attachment-clear": "on"})

    draft.refresh_from_db()
    assert not draft.attachment
    assert draft.attachment_name == ""


def test_removing_the_only_answer_is_refused(client, owner, draft, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    draft.what_you_want_to_do = ""
    draft.save()
    application_attach(
        application=draft,
        actor=owner,
        upload=SimpleUploadedFile("our-plan.mp3", VOICE_NOTE, content_type="audio/mpeg"),
    )
    client.force_login(owner)
    url = reverse("grants:question", args=[draft.pk, "what-you-want-to-do"])

    _response, html = _page(client, url, {"what_you_want_to_do": "", "attachment-clear": "on"})

    assert "Tell us what you want to do, or send a clip or document instead." in html
    draft.refresh_from_db()
    assert draft.attachment
