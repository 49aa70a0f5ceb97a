"""Opening any record with encrypted fields in the admin is audited, not only people."""

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from flourish.accounts.factories import ConsentFactory, UserFactory
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.core.admin import SensitiveReadAuditedAdmin, encrypted_field_names
from flourish.core.models import AuditEvent
from flourish.grants.factories import application_with_lines
from flourish.grants.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator():
    person = UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={})
    client = Client()
    force_login_with_two_steps(client, person)
    return client


def test_every_admin_page_for_a_model_with_encrypted_fields_audits_its_reads():
    unaudited = [
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if encrypted_field_names(model) and not isinstance(model_admin, SensitiveReadAuditedAdmin)
    ]

    assert unaudited == []


def test_opening_an_application_a_decision_or_a_consent_in_the_admin_is_audited(operator):
    application = application_with_lines(what_you_want_to_do="Support for men with anxiety")
    decision = Decision.objects.create(
        application=application, outcome="decline", reasons="Too big", decided_by=UserFactory()
    )
    consent = ConsentFactory(notes="Her daughter rang for her")

    for name, record in [
        ("grants_application", application),
        ("grants_decision", decision),
        ("accounts_consent", consent),
    ]:
        page = operator.get(reverse(f"admin:{name}_change", args=[record.pk]))
        assert page.status_code == 200

    reads = AuditEvent.objects.filter(action="core.sensitive_record_read")
    assert {(event.target_type.model, event.target_id) for event in reads} == {
        ("application", str(application.pk)),
        ("decision", str(decision.pk)),
        ("consent", str(consent.pk)),
    }
    application_read = reads.get(target_type__model="application")
    assert "what_you_want_to_do" in application_read.data["fields"]
    assert "contact_detail" not in application_read.data["fields"]  # never shown there
