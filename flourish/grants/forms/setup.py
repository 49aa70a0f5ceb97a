"""Forms for setting up a programme: one section of the set-up per page."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import CappedTextAnswers, DateInYears
from flourish.grants.forms import LONG_ANSWER, PoundsField
from flourish.grants.models import ProgrammeKind, Stage

DATE_FORMATS = ["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"]


class StaffDateField(DateInYears):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            input_formats=DATE_FORMATS,
            error_messages={"invalid": _("Enter a real date, for example 1/9/2027.")},
            **kwargs,
        )


class ProgrammeDetailsForm(CappedTextAnswers, forms.Form):
    text_limit = LONG_ANSWER

    kind = forms.ChoiceField(
        label=_("What kind of programme is it?"),
        choices=ProgrammeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose project grants or core funding.")},
    )
    title = forms.CharField(
        label=_("Name of the programme"),
        help_text=_("For example, Ideas That Change Lives: Kick-Start."),
        max_length=140,
        error_messages={"required": _("Enter the name of the programme.")},
    )
    description = forms.CharField(
        label=_("What the money is for, in plain English"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what the money is for, in a sentence or two.")},
    )
    who_can_apply = forms.CharField(
        label=_("Who can apply"),
        help_text=_("For example: user-led groups in Leeds. No bank account needed."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say who can apply.")},
    )


class ProgrammeAmountsForm(forms.Form):
    min_grant_pence = PoundsField(
        label=_("Smallest grant, in pounds (optional)"),
        help_text=_("Leave empty if any amount up to the largest is fine."),
        example="500",
        required=False,
    )
    max_grant_pence = PoundsField(
        label=_("Largest grant, in pounds"),
        example="2000",
        error_messages={"required": _("Enter the largest grant, for example 2000.")},
    )
    award_limit = forms.IntegerField(
        label=_("Most awards the programme makes (optional)"),
        help_text=_("For example 6, for the six best ideas. Leave empty for no limit."),
        min_value=1,
        max_value=10_000,
        required=False,
        error_messages={
            "invalid": _("Enter the number of awards as a whole number, for example 6."),
            "min_value": _("Enter 1 or more, or leave it empty for no limit."),
            "max_value": _("Enter up to 10,000 awards, or leave it empty for no limit."),
        },
    )
    report_due_days = forms.IntegerField(
        label=_("Days after the award that a short report is due"),
        min_value=1,
        max_value=730,
        error_messages={
            "required": _("Enter the number of days, for example 90."),
            "invalid": _("Enter the number of days as a whole number, for example 90."),
            "min_value": _("Enter a number of days between 1 and 730."),
            "max_value": _("Enter a number of days between 1 and 730."),
        },
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        least, most = data.get("min_grant_pence") or 0, data.get("max_grant_pence")
        data["min_grant_pence"] = least
        if most is not None and most <= 0:
            self.add_error("max_grant_pence", _("Enter a largest grant of more than £0."))
        elif most is not None and least > most:
            self.add_error(
                "min_grant_pence", _("The smallest grant must not be more than the largest.")
            )
        return data


class ProgrammeDatesForm(forms.Form):
    opens_on = StaffDateField(
        label=_("Opens on (optional)"),
        help_text=_("For example, 1/9/2027. Leave empty to open as soon as you publish it."),
        required=False,
    )
    closes_on = StaffDateField(
        label=_("Closes on (optional)"),
        help_text=_("For example, 31/1/2028. Leave empty for a rolling programme."),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The closing date must be on or after the opening date."))
        return data


class ProgrammeStagesForm(forms.Form):
    stages = forms.MultipleChoiceField(
        label=_("Which steps does the programme use?"),
        help_text=_("Every programme ends with a decision. A panel needs a shortlist first."),
        choices=Stage.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose the steps the programme uses, at least the decision.")
        },
    )

    def clean_stages(self) -> list[str]:
        chosen = set(self.cleaned_data["stages"])
        if Stage.DECISION not in chosen:
            raise forms.ValidationError(_("Tick the decision: every programme ends with one."))
        if Stage.PANEL in chosen:
            chosen.add(Stage.SHORTLIST)
        return [stage for stage in Stage.values if stage in chosen]


class ProgrammeContactForm(forms.Form):
    contact_phone = forms.RegexField(
        label=_("Phone number for applying by phone"),
        help_text=_("For example, 0113 496 0000. Leave empty if you cannot take calls."),
        regex=r"^\+?[0-9 ()-]{6,20}$",
        max_length=30,
        required=False,
        error_messages={"invalid": _("Enter a phone number like 0113 496 0000.")},
    )
    contact_hours = forms.CharField(
        label=_("When the phone is answered"),
        help_text=_("For example, Monday to Thursday, 10am to 4pm."),
        max_length=200,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("contact_phone") and not data.get("contact_hours"):
            self.add_error(
                "contact_hours",
                _("Say when the phone is answered, for example weekdays 10am to 4pm."),
            )
        return data


class CategoryForm(forms.Form):
    name = forms.CharField(
        label=_("Add something the money can pay for"),
        help_text=_("For example, Room hire for meetings."),
        max_length=100,
        error_messages={"required": _("Enter something the money can pay for.")},
    )


class EligibilityQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Question (answered yes or no)"),
        help_text=_("For example, Is your group led by people with lived experience?"),
        max_length=300,
        error_messages={"required": _("Enter the question.")},
    )
    ruled_out_by_yes = forms.TypedChoiceField(
        label=_("Which answer means the group cannot apply?"),
        choices=[("no", _("No")), ("yes", _("Yes"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose which answer means the group cannot apply.")},
    )
    reason = forms.CharField(
        label=_("Why that answer means they cannot apply"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say why that answer means they cannot apply.")},
    )
    signpost = forms.CharField(
        label=_("Other help you can point them to (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


class BusinessPlanQuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Add a business plan question"),
        help_text=_("For a larger tier. For example, What will the £10,000 pay for?"),
        max_length=300,
        error_messages={"required": _("Enter the question.")},
    )


class TierForm(forms.Form):
    title = forms.CharField(
        label=_("Name of the new tier"),
        help_text=_("For example, Ideas That Change Lives: Investment."),
        max_length=140,
        error_messages={"required": _("Enter the name of the new tier.")},
    )
