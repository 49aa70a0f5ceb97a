"""Sessions that have passed two-step sign-in, for tests that skip the sign-in pages.

Pages for people who can read sensitive data check that this session used an
authenticator app, not just that the account has one. `force_login` skips the
sign-in pages, so tests that use it record the step the way allauth does when
someone enters their code. The journeys through the sign-in pages themselves
are tested in test_two_step_sign_in.py without any of this.
"""

from typing import Any

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.test import Client, RequestFactory

from flourish.core.tests.page_checks import PageCheckingClient


def complete_two_step_sign_in(client: Client, user: Any) -> None:
    """Record in the client's session that the person entered an authenticator code."""
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    request = RequestFactory().get("/")
    request.session = client.session
    record_authentication(request, user, "mfa", id=getattr(authenticator, "pk", None), type="totp")
    request.session.save()
    # Signed-cookie sessions get a new key when saved: hand it back to the client.
    client.cookies[settings.SESSION_COOKIE_NAME] = str(request.session.session_key)


def force_login_with_two_steps(client: Client, user: Any) -> None:
    """Sign in as someone would through the pages: with their code if they have an app."""
    client.force_login(user)
    if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        complete_two_step_sign_in(client, user)


def with_authenticator(person: Any) -> Any:
    """Give the person an authenticator app, as everyone who reads sensitive data must have."""
    Authenticator.objects.get_or_create(
        user=person, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "test"}}
    )
    return person


class SignedInPageCheckingClient(PageCheckingClient):
    """The page-checking client, whose force_login also completes two-step sign-in
    for people who have an authenticator app, as signing in through the pages would."""

    def force_login(self, user: Any, backend: str | None = None) -> None:
        super().force_login(user, backend)
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            complete_two_step_sign_in(self, user)
