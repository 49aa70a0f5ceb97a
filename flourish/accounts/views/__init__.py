"""Pages for a person's own account: profile, preferences and consents."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from flourish.accounts.forms import PreferencesForm
from flourish.accounts.models import User
from flourish.accounts.selectors import (
    consent_list_given,
    get_consent_for_user,
    membership_list_for_user,
)
from flourish.accounts.services import consent_withdraw, user_preferences_update
from flourish.core.decorators import sensitive_response


class SignedInRequest(HttpRequest):
    """Every view here is behind login_required, so there is always a person."""

    user: User


@sensitive_response
@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = membership_list_for_user(user=request.user)
    return render(request, "accounts/profile.html", {"memberships": memberships})


@sensitive_response
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: SignedInRequest) -> HttpResponse:
    person = request.user
    initial = {
        "preferred_language": person.preferred_language or translation.get_language(),
        "contact_route": person.contact_route,
        "phone": person.phone,
        "access_needs": person.access_needs,
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            person = user_preferences_update(user=person, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            # Switch straight away, so this message and the next page are already
            # in the chosen language, whatever the language switcher said before.
            translation.activate(person.preferred_language)
            messages.success(request, _("Your preferences are saved."))
            response = redirect("accounts:profile")
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, person.preferred_language)
            return response
    return render(request, "accounts/preferences.html", {"form": form})


@login_required
def consent_list(request: HttpRequest) -> HttpResponse:
    consents = consent_list_given(user=request.user)
    return render(request, "accounts/consent_list.html", {"consents": consents})


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw_confirm(request: SignedInRequest, pk: int) -> HttpResponse:
    consent = get_consent_for_user(user=request.user, pk=pk)
    if request.method == "POST" and consent.is_active:
        consent_withdraw(consent=consent, actor=request.user)
        messages.success(request, _("You have withdrawn your consent."))
        return redirect("accounts:consents")
    return render(request, "accounts/consent_withdraw.html", {"consent": consent})


def admin_sign_in(request: HttpRequest, extra_context: object = None) -> HttpResponse:
    """The Django admin's own password form is never shown: everyone signs in through
    ours, with its emailed code, rate limits and two-step check. A signed-in person who
    may not use the admin is told nothing is here."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = reverse("admin:index")
    if not request.user.is_authenticated:
        return redirect_to_login(next_url)
    if not (request.user.is_active and request.user.is_staff):
        raise Http404
    return redirect(next_url)
