"""How django-allauth fits Flourish: open sign-up and messages in plain English."""

import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from flourish.accounts.selectors import user_needs_mfa_setup
from flourish.core.fields import decrypt_text, encrypt_text
from flourish.core.tasks import email_send

# allauth's own wording is terse ("Incorrect code.", "Invalid login."); people
# who are anxious about signing in need to be told what to do next.
ACCOUNT_MESSAGES = {
    "incorrect_code": _(
        "That code is not right. Check the email we sent you and enter the code again, "
        "or ask for a new code."
    ),
    "email_password_mismatch": _(
        "The email address or password is not right. Check them, or leave the password "
        "empty and we'll email you a code instead."
    ),
    "incorrect_password": _("That password is not right. Check it and try again."),
    "invalid_login": _("Enter your email address, like name@example.org"),
    "too_many_login_attempts": _(
        "There have been too many tries to sign in. Wait 5 minutes, then try again."
    ),
    "rate_limited": _("You've asked too many times in a short while. Wait a minute and try again."),
    "email_taken": _(
        "There is already an account with this email address. Sign in instead: "
        "we'll email you a code."
    ),
    "invalid_or_expired_key": _("This link has expired or has already been used."),
    "enter_current_password": _("Enter your current password."),
}

MFA_MESSAGES = {
    "incorrect_code": _(
        "That code is not right. Enter the 6-digit code your authenticator app shows now, "
        "or one of your recovery codes."
    ),
    "unverified_email": _(
        "Confirm your email address before you turn on two-step sign-in: "
        "we have emailed you a code."
    ),
}


class AccountAdapter(DefaultAccountAdapter):
    """Sign-up is open: anyone may make an account to apply, list a group or join a timebank."""

    error_messages = {**DefaultAccountAdapter.error_messages, **ACCOUNT_MESSAGES}

    def is_open_for_signup(self, request: object) -> bool:
        return True

    def is_reauthentication_required(self, *, app: str, **kwargs: object) -> bool:
        # Funder staff are sent to set up two-step sign-in straight after signing in
        # by emailed code; asking them then for a password (which they may never have
        # set) only stops them. A sign-in minutes ago proves it is them.
        if app == "allauth.mfa" and self._signed_in_moments_ago_without_mfa():
            return False
        return super().is_reauthentication_required(app=app, **kwargs)

    def _signed_in_moments_ago_without_mfa(self) -> bool:
        request = self.request
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or is_mfa_enabled(user):
            return False
        records = get_authentication_records(request, user)
        timeout = account_settings.REAUTHENTICATION_TIMEOUT
        return bool(records) and time.time() - records[-1]["at"] < timeout

    def add_message(
        self,
        request: HttpRequest,
        level: int,
        message_template: str | None = None,
        message_context: dict[str, Any] | None = None,
        extra_tags: str = "",
        message: str | None = None,
    ) -> None:
        # "You are signed in" above the page that asks them to set up an
        # authenticator app only gets in the way: that page says what to do.
        if message_template == "account/messages/logged_in.txt" and user_needs_mfa_setup(
            (message_context or {}).get("user")
        ):
            return
        super().add_message(request, level, message_template, message_context, extra_tags, message)

    def format_email_subject(self, subject: str) -> str:
        # The subject already names Flourish; a "[host]" prefix only looks like spam.
        return str(subject)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # Render now, while the request and language are known; send from the
        # task queue so a slow mail server never holds up the sign-in page.
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            "",
        )
        email_send.enqueue(
            to=list(message.to),
            subject=str(message.subject),
            body=str(message.body),
            html_body=str(html_body),
            from_email=message.from_email,
        )


class MfaAdapter(DefaultMFAAdapter):
    """Two-step sign-in messages that say what to do, and secrets kept encrypted."""

    error_messages = {**DefaultMFAAdapter.error_messages, **MFA_MESSAGES}

    # allauth stores each authenticator app's secret and the seed of the
    # recovery codes in `Authenticator.data`; anyone holding a database backup
    # could make valid codes from them. They are encrypted with the same keys,
    # and rotated by the same command, as every other encrypted field.
    def encrypt(self, text: str) -> str:
        return encrypt_text(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_text(encrypted_text)


def record_two_step_on_activation(
    *, request: HttpRequest, user: Any, authenticator: Authenticator, **kwargs: object
) -> None:
    """Turning on an authenticator app means entering a code from it: that
    completes two-step sign-in for this session, as a code at sign-in would."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(
            request, user, "mfa", id=authenticator.pk, type=authenticator.type, activated=True
        )
