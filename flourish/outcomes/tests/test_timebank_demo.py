"""From the demo data, Bradford Timebank's coordinator sees its members' totals and its
mentoring scheme's, and Keighley Timebank's coordinator sees nothing: only three are counted."""

import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants import demo as grants_demo
from flourish.ledger import demo as ledger_demo
from flourish.outcomes import demo as outcomes_demo
from flourish.outcomes.models import TotalsConsent
from flourish.timebank import demo as timebank_demo

pytestmark = pytest.mark.django_db


def test_the_demo_timebanks_show_totals_and_hide_them_under_5(client, monkeypatch):
    monkeypatch.setattr(outcomes_demo, "PEOPLE", 20)
    monkeypatch.setattr(timebank_demo, "EXCHANGES", 20)
    for module in (accounts_demo, ledger_demo, grants_demo, timebank_demo, outcomes_demo):
        module.build(io.StringIO())
    assert TotalsConsent.objects.filter(timebank__slug="bradford-timebank").count() >= 5
    assert TotalsConsent.objects.filter(timebank__slug="keighley-timebank").count() == 3
    assert TotalsConsent.objects.filter(scheme__slug="after-hospital").count() >= 5
    client.force_login(with_authenticator(User.objects.get(email="coordinator@example.org")))
    page = client.get(reverse("outcomes:timebank_totals", args=["bradford-timebank"]))
    assert 'id="totals"' in page.content.decode()
    scheme = reverse("outcomes:scheme_totals", args=["bradford-timebank", "after-hospital"])
    assert 'id="totals"' in client.get(scheme).content.decode()
    keighley = User.objects.get(email="keighley.coordinator@example.org")
    client.force_login(with_authenticator(keighley))
    page = client.get(reverse("outcomes:timebank_totals", args=["keighley-timebank"]))
    assert 'id="too-few"' in page.content.decode()
