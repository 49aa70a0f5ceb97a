"""A Leeds-style larger tier: a business plan (template or online) and planning sessions."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import UserFactory
from flourish.grants.factories import ProgrammeFactory, application_with_lines
from flourish.grants.models import PlanningSession, SessionBooking
from flourish.grants.services.applications import application_submit
from flourish.grants.services.planning import planning_session_book

pytestmark = pytest.mark.django_db

QUESTIONS = ["What is your idea?", "Who will buy or use it?", "What will the money pay for?"]


@pytest.fixture
def investment(funder):
    return ProgrammeFactory(
        funder=funder,
        slug="investment",
        title="Investment",
        min_grant_pence=1_000_000,
        max_grant_pence=1_000_000,
        budget_pence=6_000_000,
        award_limit=6,
        business_plan_questions=QUESTIONS,
    )


def test_the_business_plan_template_downloads_with_the_same_questions(client, investment):
    response = client.get(reverse("grants:business_plan_template", args=[investment.slug]))

    text = response.content.decode()
    assert response["Content-Disposition"].startswith("attachment")
    assert "1. What is your idea?" in text and "3. What will the money pay for?" in text


def test_the_business_plan_is_answered_online_and_needed_before_sending(
    client, owner, group, investment
):
    application = application_with_lines(
        programme=investment,
        group=group,
        submitted_by=owner,
        status="draft",
        amounts=(1_000_000,),
    )
    with pytest.raises(ValidationError, match="business plan"):
        application_submit(application=application, actor=owner)
    client.force_login(owner)

    client.post(
        reverse("grants:business_plan", args=[application.pk]),
        {"0": "A café run by peers", "1": "Local people", "2": "Equipment"},
    )
    application_submit(application=application, actor=owner)

    application.refresh_from_db()
    assert application.business_plan["0"] == "A café run by peers"
    assert application.status == "submitted"


def test_people_book_a_planning_session_until_it_is_full(client, owner, stranger, investment):
    session = PlanningSession.objects.create(
        programme=investment,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="Leeds Civic Hall",
        places=1,
    )
    client.force_login(owner)
    url = reverse("grants:planning_session_book", args=[investment.slug, session.pk])

    client.post(url)
    page = client.get(reverse("grants:planning_sessions", args=[investment.slug]))

    assert "You have a place." in page.content.decode()
    with pytest.raises(ValidationError, match="full"):
        planning_session_book(session=session, actor=stranger)
    with pytest.raises(ValidationError, match="already have a place"):
        planning_session_book(session=session, actor=owner)
    assert SessionBooking.objects.count() == 1


def test_a_session_that_has_happened_cannot_be_booked(investment):
    session = PlanningSession.objects.create(
        programme=investment,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        place="Online",
    )

    with pytest.raises(ValidationError, match="already happened"):
        planning_session_book(session=session, actor=UserFactory())
