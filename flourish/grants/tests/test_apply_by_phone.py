import pytest
from django.urls import reverse

from flourish.accounts.models import Consent, ConsentMethod, User
from flourish.grants.models import Application

pytestmark = pytest.mark.django_db

CALL = {
    "contact_name": "Nadia Caller",
    "contact_email": "Nadia.Caller@example.org",
    "group_name": "Traveller LGBTQ+ Helpline",
    "consent": "on",
    "notes": "Agreed on the call on Monday.",
}


def test_staff_start_an_application_for_a_group_after_a_call_recording_its_consent(
    client, staff, programme
):
    client.force_login(staff)

    response = client.post(reverse("grants:apply_on_behalf", args=[programme.slug]), CALL)

    application = Application.objects.get()
    assert response["Location"] == reverse("grants:question", args=[application.pk, "about-you"])
    person = User.objects.get(email="nadia.caller@example.org")
    consent = Consent.objects.get(given_by=person)
    assert consent.method == ConsentMethod.PHONE
    assert consent.recorded_by == staff
    assert application.group.name == "Traveller LGBTQ+ Helpline"

    client.force_login(person)
    page = client.get(reverse("grants:check_answers", args=[application.pk]))
    assert page.status_code == 200  # the group can take it over


def test_no_application_is_started_without_the_groups_consent(client, staff, programme):
    client.force_login(staff)

    response = client.post(
        reverse("grants:apply_on_behalf", args=[programme.slug]), {**CALL, "consent": ""}
    )

    assert "Only apply for a group that has agreed to it." in response.content.decode()
    assert not Application.objects.exists()
    assert not User.objects.filter(email="nadia.caller@example.org").exists()
