from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from flourish.accounts.models import User
from flourish.accounts.tests.conftest import emailed_code, page_text, verified_person


def signed_in_email(client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id).email if user_id else None


def test_someone_new_signs_up_with_just_an_email_and_the_code_we_send(client, db):
    page = client.get(reverse("account_signup"))
    assert "You don't need a password" in page_text(page)

    response = client.post(reverse("account_signup"), {"email": "Newcomer@Example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert mail.outbox[-1].to == ["newcomer@example.org"]
    assert "Confirm your email address" in mail.outbox[-1].subject
    check = page_text(client.get(response["Location"]))
    assert "We've sent a code to newcomer@example.org" in check
    assert "Code from the email" in check

    response = client.post(reverse("account_email_verification_sent"), {"code": emailed_code()})

    assert response.status_code == 302
    assert signed_in_email(client) == "newcomer@example.org"
    assert EmailAddress.objects.get(email="newcomer@example.org").verified
    assert not User.objects.get(email="newcomer@example.org").has_usable_password()


def test_a_person_signs_in_with_a_code_we_email_them(client, db):
    verified_person("asha@example.org")

    response = client.post(reverse("account_login"), {"login": "asha@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("account_confirm_login_code")
    assert mail.outbox[-1].subject == "Your Flourish sign-in code"
    page = page_text(client.get(response["Location"]))
    assert "Check your email" in page
    assert "We've sent a code to asha@example.org" in page
    assert "Code from the email" in page
    assert "We have emailed a sign-in code to asha@example.org." in page

    response = client.post(reverse("account_confirm_login_code"), {"code": emailed_code()})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert signed_in_email(client) == "asha@example.org"


def test_someone_another_person_signed_up_signs_in_with_one_code_and_no_second(client, db):
    User.objects.create_user("holder@example.org", name="Jo Holder")  # as the council's page does

    client.post(reverse("account_login"), {"login": "holder@example.org"})
    response = client.post(reverse("account_confirm_login_code"), {"code": emailed_code()})

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    assert signed_in_email(client) == "holder@example.org"
    assert EmailAddress.objects.get(email="holder@example.org").verified
    assert len(mail.outbox) == 1


def test_a_wrong_code_is_explained_and_does_not_sign_anyone_in(client, db):
    verified_person("asha@example.org")
    client.post(reverse("account_login"), {"login": "asha@example.org"})
    wrong = "AAAA-AAAA" if emailed_code() != "AAAA-AAAA" else "BBBB-BBBB"

    response = client.post(reverse("account_confirm_login_code"), {"code": wrong})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Check your email" in html
    assert "There is a problem" in html
    assert "That code is not right" in html
    assert signed_in_email(client) is None


def test_the_sign_in_page_leads_with_the_emailed_code_and_keeps_the_password_secondary(client, db):
    response = client.get(reverse("account_login"))
    text = page_text(response)

    assert text.index("we'll email you a code") < text.index("Sign in with a password instead")
    assert text.index("Email me a code") < text.index("Sign in with password")
    assert "<details" in response.content.decode()


def test_a_person_who_set_a_password_can_still_sign_in_with_it(client, db):
    person = verified_person("bea@example.org")
    person.set_password("a long memorable phrase")
    person.save()

    response = client.post(
        reverse("account_login"),
        {"login": "bea@example.org", "password": "a long memorable phrase"},
    )

    assert response.status_code == 302
    assert signed_in_email(client) == "bea@example.org"
    assert mail.outbox == []


def test_a_wrong_password_says_what_to_do_instead(client, db):
    person = verified_person("bea@example.org")
    person.set_password("a long memorable phrase")
    person.save()

    response = client.post(
        reverse("account_login"), {"login": "bea@example.org", "password": "guess"}
    )

    assert response.status_code == 200
    assert "leave the password empty and we'll email you a code" in page_text(response)
    assert signed_in_email(client) is None


def test_an_email_address_that_is_not_an_email_address_is_explained(client, db):
    response = client.post(reverse("account_login"), {"login": "not an address"})

    assert response.status_code == 200
    assert "like name@example.org" in response.content.decode()
    assert mail.outbox == []


def test_signing_out_works(client, owner):
    client.force_login(owner)

    response = client.post(reverse("account_logout"))

    assert response.status_code == 302
    assert signed_in_email(client) is None


def test_someone_who_forgot_their_password_chooses_a_new_one_from_an_emailed_link(client, db):
    import re

    person = verified_person("bea@example.org")
    person.set_password("an old forgotten phrase")
    person.save()

    response = client.post(reverse("account_reset_password"), {"email": "bea@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    link = re.search(r"https?://testserver(/\S+)", mail.outbox[-1].body).group(1)
    response = client.get(link)  # allauth moves the key out of the URL first
    form_page = client.get(response["Location"])
    assert "Choose a new password" in page_text(form_page)

    response = client.post(
        response["Location"],
        {"password1": "a brand new long phrase", "password2": "a brand new long phrase"},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("a brand new long phrase")
    assert "This link has expired" in page_text(client.get(link, follow=True))
