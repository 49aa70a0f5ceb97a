import pytest
from django.core import mail
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Consent, ConsentMethod, Membership, Organisation, User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.core.models import AuditEvent
from flourish.grants import events
from flourish.grants.factories import FunderFactory
from flourish.grants.models import Application

pytestmark = pytest.mark.django_db

CALL = {
    "contact_name": "Nadia Caller",
    "contact_email": "Nadia.Caller@example.org",
    "group_name": "Traveller LGBTQ+ Helpline",
    "consent": "on",
    "what_was_said": "A weekly peer support call; about £900 for a year of phone credit.",
    "notes": "Agreed on the call on Monday.",
}


def _start(client, person, programme, **changes):
    client.force_login(person)
    return client.post(
        reverse("grants:apply_on_behalf", args=[programme.slug]), {**CALL, **changes}
    )


def test_staff_start_an_application_for_a_group_after_a_call_recording_its_consent(
    client, staff, programme
):
    response = _start(client, staff, programme)

    application = Application.objects.get()
    assert response["Location"] == reverse("grants:question", args=[application.pk, "about-you"])
    person = User.objects.get(email="nadia.caller@example.org")
    consent = Consent.objects.get(given_by=person)
    assert consent.method == ConsentMethod.PHONE
    assert consent.recorded_by == staff
    assert application.group.name == "Traveller LGBTQ+ Helpline"


def test_the_application_stays_with_the_group_when_staff_answer_your_group_for_it(
    client, staff, programme
):
    _start(client, staff, programme)
    application = Application.objects.get()
    group = application.group

    client.post(
        reverse("grants:question", args=[application.pk, "your-group"]),
        {"group_name": "Traveller LGBTQ+ Helpline", "local_authority": "Leeds"},
    )

    application.refresh_from_db()
    assert application.group == group
    assert application.local_authority == "Leeds"
    assert Organisation.objects.filter(name="Traveller LGBTQ+ Helpline").count() == 1
    assert not Membership.objects.filter(user=staff, organisation=group).exists()


def test_staff_cannot_move_a_phone_application_to_another_group_by_renaming_it(
    client, staff, programme
):
    _start(client, staff, programme)
    application = Application.objects.get()

    page = client.post(
        reverse("grants:question", args=[application.pk, "your-group"]),
        {"group_name": "Something Else"},
    )

    assert "This application is for Traveller LGBTQ+ Helpline" in page.content.decode()
    application.refresh_from_db()
    assert application.group.name == "Traveller LGBTQ+ Helpline"
    assert not Organisation.objects.filter(name="Something Else").exists()


def test_the_groups_contact_signs_in_and_finds_the_application_to_take_over(
    client, staff, programme
):
    _start(client, staff, programme)
    application = Application.objects.get()
    client.post(
        reverse("grants:question", args=[application.pk, "your-group"]),
        {"group_name": "Traveller LGBTQ+ Helpline", "local_authority": "Leeds"},
    )

    client.force_login(User.objects.get(email="nadia.caller@example.org"))
    listing = client.get(reverse("grants:my_applications")).content.decode()

    assert "You have not started an application yet" not in listing
    assert "Traveller LGBTQ+ Helpline" in listing
    assert (
        client.get(reverse("grants:application_status", args=[application.pk])).status_code == 200
    )
    assert client.get(reverse("grants:check_answers", args=[application.pk])).status_code == 200


def test_the_contact_is_emailed_an_invitation_with_what_was_said_on_the_call(
    client, staff, programme
):
    _start(client, staff, programme)
    application = Application.objects.get()

    (email,) = mail.outbox
    assert email.to == ["nadia.caller@example.org"]
    assert "Covid Fund" in email.subject
    assert "A weekly peer support call; about £900" in email.body
    assert f"/grants/applications/{application.pk}/" in email.body
    assert "Grace Funder" in email.body
    assert AuditEvent.objects.filter(action=events.TAKE_OVER_INVITED).count() == 1


def test_an_associate_of_the_funder_can_apply_for_a_group_by_phone(client, associate, programme):
    client.force_login(associate)
    assert programme.title in client.get(reverse("grants:manage")).content.decode()

    response = _start(client, associate, programme)

    application = Application.objects.get()
    assert response.status_code == 302
    assert application.submitted_by == associate
    assert Consent.objects.get().recorded_by == associate


def test_an_associate_of_another_funder_cannot_apply_by_phone_to_this_programme(client, programme):
    elsewhere = with_authenticator(UserFactory(email="elsewhere@example.org"))
    MembershipFactory(user=elsewhere, organisation=FunderFactory(), role="associate")

    response = _start(client, elsewhere, programme)

    assert response.status_code == 404
    assert not Application.objects.exists()


def test_no_application_is_started_without_saying_what_was_talked_about(client, staff, programme):
    response = _start(client, staff, programme, what_was_said="")

    assert "Write what you talked about, so the group can check it." in response.content.decode()
    assert not Application.objects.exists()
    assert not mail.outbox


def test_no_application_is_started_without_the_groups_consent(client, staff, programme):
    response = _start(client, staff, programme, consent="")

    assert "Only apply for a group that has agreed to it." in response.content.decode()
    assert not Application.objects.exists()
    assert not User.objects.filter(email="nadia.caller@example.org").exists()
