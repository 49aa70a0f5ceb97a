"""Funder staff and administrators must turn on two-step sign-in; then it guards each sign-in."""

from allauth.mfa.models import Authenticator
from django.urls import reverse

from flourish.accounts.tests.conftest import (
    authenticator_code,
    emailed_code,
    page_text,
    verified_person,
)


def sign_in_by_code(client, email: str):
    client.post(reverse("account_login"), {"login": email})
    return client.post(reverse("account_confirm_login_code"), {"code": emailed_code()})


def sign_out(client) -> None:
    client.post(reverse("account_logout"))


def test_funder_staff_set_up_an_authenticator_app_then_need_it_every_time(client, funder_staff):
    response = sign_in_by_code(client, funder_staff.email)
    response = client.get(response["Location"])  # the home page sends them on
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    setup = client.get(reverse("mfa_activate_totp"))
    assert "Because your role" in page_text(setup)
    secret = setup.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(reverse("mfa_view_recovery_codes"))
    recovery_codes = list(codes_page.context["unused_codes"])
    assert len(recovery_codes) == 10
    assert recovery_codes[0] in page_text(codes_page)
    assert client.get(reverse("accounts:profile")).status_code == 200

    sign_out(client)
    response = sign_in_by_code(client, funder_staff.email)
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    response = client.post(reverse("mfa_authenticate"), {"code": authenticator_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(funder_staff.pk)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_recovery_code_works_once(client, funder_staff):
    client.force_login(funder_staff)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    recovery_code = client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"][0]
    sign_out(client)

    sign_in_by_code(client, funder_staff.email)
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_code})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    sign_out(client)

    sign_in_by_code(client, funder_staff.email)
    response = client.post(reverse("mfa_authenticate"), {"code": recovery_code})

    assert response.status_code == 200
    assert "That code is not right" in page_text(response)
    assert "_auth_user_id" not in client.session


def test_a_wrong_authenticator_code_does_not_turn_two_step_sign_in_on(client, funder_staff):
    client.force_login(funder_staff)
    client.get(reverse("mfa_activate_totp"))

    response = client.post(reverse("mfa_activate_totp"), {"code": "000000x"})

    assert response.status_code == 200
    assert "That code is not right" in page_text(response)
    assert not Authenticator.objects.filter(user=funder_staff).exists()


def test_someone_made_to_set_up_two_step_sign_in_can_still_sign_out(client, funder_staff):
    client.force_login(funder_staff)
    assert client.get(reverse("accounts:profile"))["Location"] == reverse("mfa_activate_totp")
    setup = client.get(reverse("mfa_activate_totp"))
    assert 'action="/accounts/logout/"' in setup.content.decode()

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("core:home")).status_code == 200


def test_a_group_organiser_is_not_made_to_set_up_two_step_sign_in(client, db):
    organiser = verified_person("priya@example.org")

    client.force_login(organiser)

    assert client.get(reverse("accounts:profile")).status_code == 200


def test_staff_who_have_a_password_are_not_asked_for_it_again_moments_after_signing_in(
    client, funder_staff
):
    funder_staff.set_password("a long demo password")
    funder_staff.save()

    sign_in_by_code(client, funder_staff.email)
    setup = client.get(reverse("mfa_activate_totp"))

    assert setup.status_code == 200
    assert "Set up your authenticator app" in page_text(setup)
    secret = setup.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")


def test_staff_who_signed_in_an_hour_ago_prove_it_is_them_before_setting_it_up(
    client, funder_staff
):
    funder_staff.set_password("a long demo password")
    funder_staff.save()
    sign_in_by_code(client, funder_staff.email)
    session = client.session
    records = session["account_authentication_methods"]
    session["account_authentication_methods"] = [{**r, "at": r["at"] - 3600} for r in records]
    session.save()

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_the_set_up_page_is_not_topped_by_a_you_are_signed_in_banner(client, funder_staff):
    response = sign_in_by_code(client, funder_staff.email)
    response = client.get(response["Location"], follow=True)

    assert response.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert "You are signed in" not in page_text(response)
    assert "Set up your authenticator app" in page_text(response)


def test_a_group_organiser_is_still_told_they_are_signed_in(client, db):
    verified_person("priya@example.org")

    response = sign_in_by_code(client, "priya@example.org")

    assert "You are signed in" in page_text(client.get(response["Location"]))
