"""Operators set up programmes in the admin, including a two-tier scheme's planning sessions."""

import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.accounts.tests.two_step import force_login_with_two_steps

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client():
    operator = UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)
    # Operators must have two-factor authentication before they can use the admin.
    Authenticator.objects.create(user=operator, type=Authenticator.Type.TOTP, data={})
    client = Client()
    force_login_with_two_steps(client, operator)
    return client


def test_the_programme_page_in_the_admin_lets_an_operator_add_planning_sessions(
    operator_client, programme
):
    page = operator_client.get(reverse("admin:grants_programme_change", args=[programme.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Planning sessions" in html
    assert 'name="planning_sessions-__prefix__-place"' in html
