"""Every sign-in and account-security page is in the Flourish layout, in GOV.UK markup.

The page-checking client fails any page without one <h1>, a <title> that starts
with it, lang/dir, unique ids, and forms with an action and CSRF token.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from flourish.accounts.tests.conftest import authenticator_code, page_text, verified_person
from flourish.core.tests.page_checks import check_page

SIGNED_OUT_PAGES = {
    "account_login": "Sign in",
    "account_signup": "Create an account",
    "account_request_login_code": "Email me a sign-in code",
    "account_reset_password": "Reset your password",
    "account_reset_password_done": "Check your email",
}


@pytest.mark.parametrize(("name", "heading"), SIGNED_OUT_PAGES.items())
def test_signed_out_pages_use_the_flourish_layout(client, db, name, heading):
    response = client.get(reverse(name))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in html
    assert "govuk-header" in html or "govuk-template__header" in html
    assert "If you need help now" in page_text(response)
    if 'type="email"' in html:
        assert "Email address" in page_text(response)


SIGNED_IN_PAGES = {
    "account_logout": "Sign out",
    "account_set_password": "Set a password",
    "mfa_index": "Two-step sign-in",
    "mfa_activate_totp": "Set up your authenticator app",
}


@pytest.mark.parametrize(("name", "heading"), SIGNED_IN_PAGES.items())
def test_signed_in_pages_use_the_flourish_layout(client, db, name, heading):
    client.force_login(verified_person("asha@example.org"))

    response = client.get(reverse(name))

    assert response.status_code == 200
    assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in response.content.decode()


def test_pages_for_people_with_two_step_sign_in_use_the_flourish_layout(client, funder_staff):
    client.force_login(funder_staff)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    assert Authenticator.objects.filter(user=funder_staff).count() == 2

    pages = {
        "mfa_index": "Two-step sign-in",
        "mfa_view_recovery_codes": "Your recovery codes",
        "mfa_generate_recovery_codes": "Make new recovery codes",
        "mfa_deactivate_totp": "Turn off your authenticator app",
    }
    for name, heading in pages.items():
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert f'<h1 class="govuk-heading-xl">{heading}</h1>' in response.content.decode()

    download = client.get(reverse("mfa_download_recovery_codes"))
    assert download["Content-Disposition"].startswith("attachment")
    assert len(download.content.decode().split()) == 10


def test_a_password_change_with_a_mismatch_shows_the_error_summary_and_inline_error(client, db):
    person = verified_person("bea@example.org")
    person.set_password("a long memorable phrase")
    person.save()
    client.force_login(person)

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "a long memorable phrase",
            "password1": "another long phrase",
            "password2": "something else",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Change your password" in html
    assert 'class="govuk-error-summary"' in html
    assert 'href="#id_password2"' in html
    assert 'id="id_password2-error"' in html


def test_the_email_addresses_page_says_which_are_confirmed_in_plain_words(client, db):
    client.force_login(verified_person("asha@example.org"))

    response = client.get(reverse("account_email"))

    assert response.status_code == 200
    text = page_text(response)
    assert "asha@example.org We email you here Confirmed" in text
    assert 'class="govuk-radios__input"' in response.content.decode()


def test_pages_we_have_not_rewritten_still_get_govuk_markup_from_the_elements(rf, owner):
    from datetime import timedelta

    from django.template.loader import render_to_string
    from django.utils import timezone

    request = rf.get("/accounts/2fa/trust/")
    request.user = owner
    now = timezone.now()

    html = render_to_string(
        "mfa/trust.html",  # allauth's own page, used only if "trust this browser" is turned on
        {"trust_from": now, "trust_until": now + timedelta(days=14)},
        request=request,
    )

    check_page(html)
    assert '<h1 class="govuk-heading-l">' in html
    assert 'class="govuk-button-group"' in html
    assert 'class="govuk-button govuk-button--secondary"' in html


def test_confirming_its_you_asks_for_the_password_in_plain_english(client, db):
    person = verified_person("bea@example.org")
    person.set_password("a long memorable phrase")
    person.save()
    client.force_login(person)

    response = client.post(reverse("account_reauthenticate"), {"password": "wrong"})

    assert response.status_code == 200
    assert "Confirm it's you" in page_text(response)
    assert "That password is not right" in page_text(response)


def test_confirming_its_you_offers_a_reset_in_the_readers_language(client, db):
    person = verified_person("bea@example.org", preferred_language="ur")
    person.set_password("a long memorable phrase")
    person.save()
    client.force_login(person)
    client.cookies["django_language"] = "ur"

    html = client.get(reverse("account_reauthenticate")).content.decode()

    # allauth's own "Forgot your password?" has no Urdu or Welsh; ours says it as the
    # sign-in page does.
    assert "Forgot your password?" not in html
    assert "میں اپنا پاس ورڈ بھول گیا/گئی ہوں" in html


def test_the_two_step_set_up_page_shows_its_qr_code_as_an_image_the_policy_allows(
    client, funder_staff
):
    client.force_login(funder_staff)

    response = client.get(reverse("mfa_activate_totp"))

    assert 'src="data:image/svg+xml;base64,' in response.content.decode()
    img_sources = response["Content-Security-Policy"].split("img-src ")[1].split(";")[0]
    assert img_sources.split() == ["'self'", "data:"]
