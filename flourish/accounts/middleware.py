"""Per-request behaviour tied to the signed-in person."""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from flourish.accounts.selectors import (
    session_completed_two_step,
    user_has_authenticator,
    user_requires_mfa,
)


class PreferredLanguageMiddleware:
    """Use the language a person chose in their account, unless they have just
    picked another from the language switcher (which sets the cookie)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        cookie = settings.LANGUAGE_COOKIE_NAME
        user = request.user
        if cookie not in request.COOKIES and user.is_authenticated and user.preferred_language:
            request.COOKIES[cookie] = user.preferred_language
        return self.get_response(request)


# Pages anyone may reach whatever the state of their sign-in.
ALWAYS_OPEN_PREFIXES = ("/i18n/", "/static/", "/accessibility/", "/privacy/", "/accounts/logout/")
# Pages a person who must set up two-step sign-in can still reach: the set-up
# itself and what it needs (confirming their email, proving it is them).
SETUP_PREFIXES = ("/accounts/",)


class RequireMfaMiddleware:
    """Everyone who can read sensitive data must have turned on an authenticator
    app, and must have used it in this session, before they see anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if request.path.startswith(ALWAYS_OPEN_PREFIXES) or not user_requires_mfa(user):
            return self.get_response(request)
        if not user_has_authenticator(user):
            if request.path.startswith(SETUP_PREFIXES):
                return self.get_response(request)
            return redirect("mfa_activate_totp")
        if session_completed_two_step(request=request, user=user):
            return self.get_response(request)
        return self._sign_in_again(request)

    def _sign_in_again(self, request: HttpRequest) -> HttpResponse:
        # This session began without the second step (before the person set up
        # their app on another device, say): it cannot be trusted, so end it and
        # send them through the whole sign-in, which asks for their code.
        logout(request)
        messages.info(
            request,
            _("For your safety, sign in again. We'll ask for a code from your authenticator app."),
        )
        login_url = reverse("account_login")
        if request.method == "GET":
            login_url += "?" + urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
        return redirect(login_url)
