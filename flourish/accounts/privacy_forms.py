"""Forms for people's rights to their data, filled in by staff for a request by post or phone."""

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.accounts.services.privacy import RECEIVED_BY

STAFF_ROUTES = [(key, label) for key, label in RECEIVED_BY.items() if key != "online"]


class PersonFindForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("The address they sign in with, exactly as they gave it"),
        error_messages={
            "required": _("Enter the person's email address, like name@example.org"),
            "invalid": _("Enter an email address in the right format, like name@example.org"),
        },
    )


class RequestReceivedForm(forms.Form):
    received_by = forms.ChoiceField(
        label=_("How did the request reach you?"),
        choices=STAFF_ROUTES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the request reached you, for example by post")},
    )
