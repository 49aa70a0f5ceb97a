"""Forms for holding partners: adding one, and recording what it passed on or spent."""

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.grants.forms import PoundsField
from flourish.grants.models import HeldMoneyKind


class HoldingPartnerForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the holding partner"),
        help_text=_("For example, Leeds Community Voluntary Services."),
        max_length=200,
        error_messages={"required": _("Enter the holding partner's name.")},
    )
    contact_name = forms.CharField(
        label=_("Name of the person there who looks after the money"),
        max_length=150,
        error_messages={"required": _("Enter the name of the person who looks after the money.")},
    )
    contact_email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("They sign in with this to see and record what the partner holds for groups."),
        error_messages={
            "required": _("Enter their email address."),
            "invalid": _("Enter an email address like name@example.org."),
        },
    )


class HeldMoneyForm(forms.Form):
    # A fresh key each time the page is shown, so a double click records it once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    kind = forms.ChoiceField(
        label=_("What happened to the money?"),
        choices=HeldMoneyKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether you passed the money on or spent it.")},
    )
    amount = PoundsField(
        label=_("How much, in pounds?"),
        example="250",
        error_messages={"required": _("Enter how much, for example 250.")},
    )
    description = forms.CharField(
        label=_("What was it for?"),
        help_text=_("For example, cash for the May coach trip, or hall hire paid to St Mark's."),
        max_length=200,
        error_messages={"required": _("Say what it was for, for example hall hire in May.")},
    )
