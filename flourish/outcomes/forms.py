"""The questions on the outcomes pages."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import GovukDateField, ModelChoiceField
from flourish.outcomes.instruments import item_text, scale_labels
from flourish.outcomes.models import GoalVersion, GroupAudience, Level


def _level(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


class GoalForm(forms.Form):
    wording = forms.CharField(
        label=_("Your goal, in your own words"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: get out of the house to the allotment most weeks."),
    )
    expected = _level(_("What would “about where I expect” look like? (optional)"))
    better = _level(_("A bit better than I expect (optional)"))
    much_better = _level(_("Much better than I expect (optional)"))
    worse = _level(_("A bit worse than I expect (optional)"))
    much_worse = _level(_("Much worse than I expect (optional)"))
    weight = forms.IntegerField(
        label=_("How much does this goal matter to you, from 1 to 10? (optional)"),
        required=False,
        min_value=1,
        max_value=10,
        help_text=_("It only matters if you have more than one goal. Leave it empty for 1."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )

    def levels(self) -> dict[str, str]:
        fields = ("much_worse", "worse", "expected", "better", "much_better")
        return {field: self.cleaned_data.get(field) or "" for field in fields}

    def weight_or_one(self) -> int:
        return int(self.cleaned_data.get("weight") or 1)

    @classmethod
    def from_version(cls, version: GoalVersion, data: Any = None) -> "GoalForm":
        initial = {
            "wording": version.wording,
            "weight": version.weight,
            **{
                level: getattr(version, level)
                for level in ("much_worse", "worse", "expected", "better", "much_better")
            },
        }
        return cls(data, initial=initial)


class ReviewForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Where are you now?"),
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose where you are now"),
            "invalid_choice": _("Choose where you are now, from the five levels"),
        },
    )
    note = forms.CharField(
        label=_("A note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What helped, what got in the way: anything you want to remember."),
    )

    def __init__(self, *args: Any, version: GoalVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = dict(Level.choices)
        choices = []
        for level, words in version.level_words():
            label = f"{names[level]}: {words}" if words else str(names[level])
            choices.append((level, label))
        cast(forms.ChoiceField, self.fields["level"]).choices = choices


class HelperForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("The address they use to sign in to Flourish. They need an account already."),
    )
    may_help = forms.BooleanField(
        label=_("They may also review and reword this goal with me"), required=False
    )


class SeriesShareForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("The address they use to sign in to Flourish. They need an account already."),
    )


class GroupShareForm(forms.Form):
    """Which of the person's groups, and who in it, may see one goal or series."""

    group: ModelChoiceField = ModelChoiceField(
        label=_("Which of your groups?"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose which of your groups to share with"),
            "invalid_choice": _("Choose one of the groups you belong to"),
        },
    )
    audience = forms.ChoiceField(
        label=_("Who in the group can see it?"),
        choices=GroupAudience.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who in the group can see it"),
            "invalid_choice": _("Choose the organisers, or everyone in the group"),
        },
    )

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["group"]).queryset = groups


class CheckInForm(forms.Form):
    """Built from an instrument's items: one 0–10 (or the instrument's) question each."""

    def __init__(self, *args: Any, definition: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scale = definition["scale"]
        low, high = int(scale["min"]), int(scale["max"])
        labels = scale_labels(definition)
        choices = [
            (value, f"{value} – {labels[value]}" if value in labels else str(value))
            for value in range(low, high + 1)
        ]
        for item in definition["items"]:
            message = _("Choose a number from %(low)s to %(high)s") % {"low": low, "high": high}
            self.fields[item["key"]] = forms.TypedChoiceField(
                label=item_text(definition, item["key"]),
                coerce=int,
                choices=choices,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                error_messages={"required": message, "invalid_choice": message},
            )


class TotalsForm(forms.Form):
    """Which totals the person agrees to be counted in, anonymously."""

    places = forms.MultipleChoiceField(
        label=_("Count me, anonymously, in the totals of"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only numbers for 5 or more people are ever shown. Nothing you write is shared. "
            "You can change this at any time, and it never affects any money or support."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["places"]).choices = choices


class ReminderForm(forms.Form):
    """When the person wants to be reminded to review a goal; empty stops the reminder."""

    remind_on = GovukDateField(
        what=_("the date to remind you"),
        label=_("Remind me to review this goal on (optional)"),
        required=False,
        not_before_today=True,
        help_text=_("For example 27 3 2026. Leave it empty to stop the reminder."),
    )
    every_weeks = forms.IntegerField(
        label=_("Then remind me again every so many weeks after each review (optional)"),
        required=False,
        min_value=1,
        max_value=52,
        help_text=_("A number from 1 to 52. Leave it empty for one reminder only."),
        error_messages={
            "invalid": _("Enter a number of weeks from 1 to 52, or leave it empty."),
            "min_value": _("Enter a number of weeks from 1 to 52, or leave it empty."),
            "max_value": _("Enter a number of weeks from 1 to 52, or leave it empty."),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
    )


class GoalsServedForm(forms.Form):
    """Which of the person's own open goals something serves."""

    goals = forms.MultipleChoiceField(
        label=_("Which of your goals does this serve?"),
        required=False,
        choices=[],
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "The people who can see this will see the words of the goals you choose. "
            "Choose none to take them all back. It never affects any money or support."
        ),
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["goals"]).choices = choices
