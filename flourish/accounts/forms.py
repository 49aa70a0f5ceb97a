"""Forms for signing in and for a person's own preferences."""

from typing import Any

from allauth.account.forms import (
    ConfirmEmailVerificationCodeForm,
    ConfirmLoginCodeForm,
    LoginForm,
    RequestLoginCodeForm,
    ResetPasswordForm,
    SignupForm,
)
from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import ContactRoute

# Each language is named in itself, so a reader can find their own.
LANGUAGE_CHOICES = [("en-gb", "English"), ("cy", "Cymraeg"), ("ur", "اردو")]


def _plain_email_field(field: forms.Field) -> None:
    field.label = _("Email address")
    field.widget.attrs.pop("placeholder", None)
    field.error_messages["required"] = _("Enter your email address, like name@example.org")
    field.error_messages["invalid"] = _(
        "Enter an email address in the right format, like name@example.org"
    )


def _plain_code_field(field: forms.Field) -> None:
    field.label = _("Code from the email")
    field.help_text = _("It looks like ABCD-EFGH")
    field.widget.attrs.pop("placeholder", None)
    field.error_messages["required"] = _("Enter the code from the email we sent you")


class SignInForm(LoginForm):
    """Sign in with a code we email; a password is an option for people who set one.

    allauth drops the password field when sign-up asks for none. We keep it, but
    optional: leave it empty and allauth emails a code instead.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_email_field(self.fields["login"])
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")

    def _setup_password_field(self) -> None:
        password = self.fields["password"]
        password.required = False
        password.label = _("Password (if you have set one)")
        password.help_text = ""
        password.widget.attrs.pop("placeholder", None)


class CreateAccountForm(SignupForm):
    """Sign-up asks for nothing but an email address."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_email_field(self.fields["email"])


class AskForSignInCodeForm(RequestLoginCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_email_field(self.fields["email"])


class ForgottenPasswordForm(ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_email_field(self.fields["email"])


class SignInCodeForm(ConfirmLoginCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_code_field(self.fields["code"])


class EmailCheckCodeForm(ConfirmEmailVerificationCodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain_code_field(self.fields["code"])


class ActivateAuthenticatorForm(ActivateTOTPForm):
    """Turning on an authenticator app also counts as confirming it's you.

    Someone who has just typed a code from their new app would otherwise be asked
    for another one before they may see their recovery codes.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].label = _("Code from your authenticator app")
        self.fields["code"].help_text = _("6 digits, like 123456")
        self.fields["code"].widget.attrs.pop("placeholder", None)
        self.fields["code"].widget.attrs["inputmode"] = "numeric"

    def clean_code(self) -> str:
        code = super().clean_code()
        record_authentication(
            context.request, self.user, method="mfa", type="totp", reauthenticated=True
        )
        return code


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(
        label=_("Which language should we use?"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language we should use")},
    )
    contact_route = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=ContactRoute.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how we should contact you")},
    )
    phone = forms.CharField(
        label=_("Phone number"),
        required=False,
        max_length=30,
        error_messages={
            "max_length": _("Enter a UK phone number, like 01632 960 001 or 07700 900 982")
        },
        help_text=_(
            "Only needed for phone calls or text messages. A UK number, like 07700 900 982."
        ),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    access_needs = forms.CharField(
        label=_("Is there anything that would make Flourish easier for you? (optional)"),
        required=False,
        max_length=2000,
        error_messages={
            "max_length": _("Keep this to 2,000 characters or fewer, or tell us by phone")
        },
        help_text=_(
            "For example: large print, a British Sign Language interpreter, or calls only in "
            "the afternoon. We keep this private and encrypted."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
