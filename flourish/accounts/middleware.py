"""Per-request behaviour tied to the signed-in person."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from flourish.accounts.selectors import user_needs_mfa_setup


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


# Pages a person can still reach before turning on two-factor authentication.
MFA_EXEMPT_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/accessibility/", "/privacy/")


class RequireMfaMiddleware:
    """Funder staff and administrators must set up two-factor authentication
    before they can see anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(MFA_EXEMPT_PREFIXES) and user_needs_mfa_setup(request.user):
            return redirect("mfa_activate_totp")
        return self.get_response(request)
