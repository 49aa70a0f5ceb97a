"""The audit trail: administrators only, filtered by area, never broken by its query string."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.core.services import audit_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(admin)
    for action in ("ledger.transaction_posted", "grants.application_answered"):
        audit_record(actor=admin, action=action)
    return admin


def test_the_audit_trail_narrows_to_one_area(client, administrator):
    html = client.get(reverse("core:audit"), {"area": "ledger."}).content.decode()

    assert "ledger.transaction_posted" in html
    assert "grants.application_answered" not in html


def test_each_action_is_named_in_words_beside_its_code(client, administrator):
    html = client.get(reverse("core:audit")).content.decode()

    assert "Transaction recorded<br><code" in html


@pytest.mark.parametrize("area", ["\x00", "<script>", "LEDGER"])
def test_an_area_that_cannot_be_an_action_is_explained_and_everything_shown(
    client, administrator, area
):
    response = client.get(reverse("core:audit"), {"area": area})

    html = response.content.decode()
    assert response.status_code == 200
    assert "using only small letters, numbers, dots and underscores" in html
    assert "ledger.transaction_posted" in html


def test_a_page_number_too_big_to_exist_shows_the_last_page(client, administrator):
    response = client.get(reverse("core:audit"), {"page": "99999999999999999999"})

    assert response.status_code == 200
    assert "grants.application_answered" in response.content.decode()
