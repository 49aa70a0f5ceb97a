"""Every way in passes through the same sign-in, rate limits and two-step check.

These tests use Django's plain test client on purpose: the shared `client`
fixture records the second step on force_login, which is what is being tested.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, OrganisationFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.accounts.tests.conftest import authenticator_code, page_text, verified_person

PASSWORD = "a long operator password"
# Pages only an administrator sees, each reached a different way.
ADMINISTRATOR_PAGES = ["/django-admin/", "/audit/", "/directory/import/"]


@pytest.fixture
def operator(db):
    """A superuser with a password and an authenticator app, as the probe found."""
    person = verified_person("operator@example.org", is_staff=True, is_superuser=True)
    person.set_password(PASSWORD)
    person.save()
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    person.totp_secret = secret
    return person


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_admin_sign_in_page_sends_people_to_our_sign_in(db):
    client = Client()

    response = client.get("/django-admin/login/?next=/django-admin/")

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/django-admin/"


def test_someone_signed_in_who_may_not_use_the_admin_is_told_nothing_is_there(client, owner):
    client.force_login(owner)

    assert client.get("/django-admin/login/").status_code == 404


def test_a_password_posted_to_the_admin_sign_in_page_signs_nobody_in(operator):
    client = Client()

    response = client.post(
        "/django-admin/login/", {"username": operator.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)
    for url in ADMINISTRATOR_PAGES:
        assert client.get(url).status_code in {302, 404}  # sent to sign in, or "not found"


def test_an_operator_with_a_password_is_asked_for_their_code_before_any_administrator_page(
    operator,
):
    client = Client()

    response = client.post(
        reverse("account_login"), {"login": operator.email, "password": PASSWORD}
    )

    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    for url in ADMINISTRATOR_PAGES:
        assert client.get(url).status_code in {302, 404}
    client.post(reverse("mfa_authenticate"), {"code": authenticator_code(operator.totp_secret)})
    for url in ADMINISTRATOR_PAGES:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("url", ADMINISTRATOR_PAGES)
def test_a_session_that_never_used_the_authenticator_app_is_signed_out_and_sent_to_sign_in(
    operator, url
):
    client = Client()
    client.force_login(operator)  # signed in, but no code entered in this session

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url.replace('/', '%2F')}"
    assert not signed_in(client)
    assert "sign in again" in page_text(client.get(response["Location"]))


def test_wrong_passwords_are_limited_for_the_admin_as_for_everyone(operator):
    client = Client()
    for _attempt in range(5):
        client.post(
            reverse("account_login"), {"login": operator.email, "password": "not the password"}
        )

    response = client.post(
        reverse("account_login"), {"login": operator.email, "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "too many tries to sign in" in page_text(response)
    assert not signed_in(client)
    assert client.get("/django-admin/login/").status_code == 302  # no other door to try


@pytest.mark.parametrize(
    "role", [Role.FUNDER_STAFF, Role.ASSOCIATE, Role.PANEL_MEMBER, Role.BROKER, Role.ADMINISTRATOR]
)
def test_everyone_whose_role_reads_sensitive_details_must_set_up_two_step_sign_in(db, role):
    person = verified_person("reader@example.org")
    MembershipFactory(user=person, organisation=OrganisationFactory(), role=role)
    client = Client()
    client.force_login(person)

    response = client.get(reverse("core:home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_an_operator_who_can_use_the_admin_must_set_up_two_step_sign_in(db):
    person = verified_person("staff.only@example.org", is_staff=True)
    client = Client()
    client.force_login(person)

    assert client.get("/django-admin/")["Location"] == reverse("mfa_activate_totp")


@pytest.mark.parametrize("role", [Role.GROUP_LEAD, Role.GROUP_MEMBER])
def test_group_organisers_and_members_are_not_asked_for_an_authenticator_app(db, role):
    person = verified_person("organiser@example.org")
    group = OrganisationFactory(kind=OrganisationKind.GROUP)
    MembershipFactory(user=person, organisation=group, role=role)
    client = Client()
    client.force_login(person)

    assert client.get(reverse("accounts:profile")).status_code == 200
