import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.ledger.tests.conftest import move


@pytest.fixture
def operator_client(db):
    operator = UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)
    # Operators must have two-factor authentication before they can use the admin.
    Authenticator.objects.create(user=operator, type=Authenticator.Type.TOTP, data={})
    client = Client()
    force_login_with_two_steps(client, operator)
    return client


def test_operators_can_read_transactions_but_not_add_or_change_them(
    operator_client, outside, budget
):
    posted = move(outside, budget, 1_234)
    page = operator_client.get(reverse("admin:ledger_ledgertransaction_change", args=[posted.pk]))
    assert page.status_code == 200
    assert posted.description in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    assert operator_client.get(reverse("admin:ledger_ledgerentry_add")).status_code == 403
    refused = operator_client.post(
        reverse("admin:ledger_ledgeraccount_delete", args=[budget.pk]), {"post": "yes"}
    )
    assert refused.status_code == 403
