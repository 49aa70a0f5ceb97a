from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.core.models import AuditEvent


def operator_client(db) -> Client:
    # The Django admin is not a GOV.UK page, so it gets a plain client.
    operator = UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)
    TOTP.activate(operator, generate_totp_secret())  # operators must have two-step sign-in
    client = Client()
    force_login_with_two_steps(client, operator)
    return client


def test_the_people_list_never_shows_encrypted_details(db):
    UserFactory(email="asha@example.org", phone="07700 900982", access_needs="Large print")

    response = operator_client(db).get(reverse("admin:accounts_user_changelist"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "asha@example.org" in html
    assert "07700" not in html
    assert "Large print" not in html


def test_opening_a_persons_record_is_audited_and_shows_their_memberships(db, owner):
    client = operator_client(db)

    response = client.get(reverse("admin:accounts_user_change", args=[owner.pk]))

    assert response.status_code == 200
    assert "Hearing Voices Leeds" in response.content.decode()
    event = AuditEvent.objects.get(action="core.sensitive_record_read")
    assert event.target_id == str(owner.pk)
    assert event.actor.email == "operator@example.org"


def test_consents_can_be_looked_at_but_not_changed_in_the_admin(db):

    response = operator_client(db).get(reverse("admin:accounts_consent_add"))

    assert response.status_code == 403
