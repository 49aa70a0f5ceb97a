"""Helpers for the sign-in journeys: emailed codes, authenticator codes, fresh rate limits."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from bs4 import BeautifulSoup
from django.core import mail
from django.core.cache import cache

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role

CODE_IN_EMAIL = re.compile(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", re.MULTILINE)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # allauth counts attempts in the cache, which outlives a single test.
    cache.clear()
    yield
    cache.clear()


def emailed_code() -> str:
    """The code in the last email we sent."""
    match = CODE_IN_EMAIL.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def authenticator_code(secret: str) -> str:
    """What an authenticator app would show now for this secret."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def verified_person(email: str, **extra: object):
    person = UserFactory(email=email, **extra)
    EmailAddress.objects.get_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


@pytest.fixture
def funder_staff(db):
    person = verified_person("grace.funder@example.org", name="Grace Funder")
    funder = OrganisationFactory(kind=OrganisationKind.FUNDER, name="Community Minds Fund")
    MembershipFactory(user=person, organisation=funder, role=Role.FUNDER_STAFF)
    return person


def page_text(response) -> str:
    """The words a reader sees, with spacing tidied."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    return " ".join(soup.get_text(" ", strip=True).split())
