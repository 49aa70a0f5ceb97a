"""Applicants' feedback on applying is logged as demand on the programme, anonymous if they
want, and shows on the funder's chart; nobody else sees it."""

import pytest
from django.urls import reverse

from flourish.accounts.factories import AuthenticatorFactory, MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.core.models import AuditEvent
from flourish.demand.models import Contact, Service
from flourish.grants.factories import FunderFactory, ProgrammeFactory, application_with_lines
from flourish.grants.models import ApplicationStatus


@pytest.fixture
def programme(db):
    return ProgrammeFactory(funder=FunderFactory(name="Leeds Fund"), title="Small grants")


@pytest.fixture
def application(programme, group, owner):
    return application_with_lines(
        programme=programme, group=group, submitted_by=owner, status=ApplicationStatus.SUBMITTED
    )


def feedback(client, application, **overrides):
    data = {"about": "not_understood", "part": "question 4", "words": "Q4 made no sense"}
    return client.post(
        reverse("grants:application_feedback", args=[application.pk]), data | overrides
    )


def test_feedback_on_applying_is_failure_demand_on_the_programme(client, application, owner):
    client.force_login(owner)
    page = client.get(reverse("grants:application_status", args=[application.pk]))
    assert "How was applying?" in page.content.decode()
    response = feedback(client, application)
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.service == Service.objects.get(programme=application.programme)
    assert (contact.demand, contact.failure_kind, contact.cause) == (
        "failure",
        "not_understood",
        "question 4",
    )
    assert contact.recorded_by == owner


def test_anonymous_feedback_keeps_no_trace_of_who_left_it(client, application, owner):
    client.force_login(owner)
    feedback(client, application, anonymous="on")
    assert Contact.objects.get().recorded_by is None
    event = AuditEvent.objects.get(action="demand.feedback_left")
    assert event.actor is None


def test_it_went_well_is_value_demand(client, application, owner):
    client.force_login(owner)
    feedback(client, application, about="worked_well", part="ignored")
    contact = Contact.objects.get()
    assert (contact.demand, contact.failure_kind, contact.cause) == ("value", "", "")


def test_empty_feedback_gets_a_message_and_saves_nothing(client, application, owner):
    client.force_login(owner)
    response = feedback(client, application, about="", words="")
    assert response.status_code == 200
    assert "Choose an answer for “How did applying go?”" in response.content.decode()
    assert not Contact.objects.exists()


def test_the_funders_staff_see_it_on_the_programmes_chart(client, application, owner, programme):
    client.force_login(owner)
    feedback(client, application)
    service = Service.objects.get(programme=programme)
    staff = UserFactory(email="staff@example.org")
    MembershipFactory(user=staff, organisation=programme.funder, role=Role.FUNDER_STAFF)
    AuthenticatorFactory(user=staff)
    force_login_with_two_steps(client, staff)
    page = client.get(reverse("demand:service", args=[service.slug])).content.decode()
    assert "Q4 made no sense" in page and "question 4" in page
    client.force_login(owner)  # the applicant is not on the funder's team
    assert client.get(reverse("demand:service", args=[service.slug])).status_code == 404


def test_a_stranger_cannot_leave_feedback_on_someone_elses_application(
    client, application, stranger
):
    client.force_login(stranger)
    assert feedback(client, application).status_code == 404
    assert not Contact.objects.exists()
