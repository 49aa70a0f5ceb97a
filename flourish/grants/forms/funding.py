"""Forms for money into a programme's budget."""

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.grants.forms import PoundsField


class BudgetAddForm(forms.Form):
    # A fresh key each time the page is shown, so a double click records the money once.
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)
    amount = PoundsField(
        label=_("How much is going into the budget, in pounds?"),
        help_text=_("For example, 20000"),
        example="20000",
        error_messages={
            "required": _("Enter how much is going into the budget, for example 20000.")
        },
    )
    note = forms.CharField(
        label=_("Where the money comes from (optional)"),
        help_text=_("For example, the council's 2026 wellbeing grant. Only your staff see this."),
        max_length=200,
        required=False,
    )
