"""Signing in as a demo person the way a newcomer does: the sign-in page, the demo password."""

from django.test import Client
from django.urls import reverse

from flourish.accounts.demo import DEMO_PASSWORD


def signs_in_with_the_demo_password(email: str) -> bool:
    """Whether the password form signs this person in, with no second code to enter."""
    browser = Client()
    response = browser.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
    return (
        response.status_code == 302
        and response["Location"] != reverse("account_email_verification_sent")
        and "_auth_user_id" in browser.session
    )
