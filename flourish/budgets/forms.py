"""Forms for personal budgets' pages. Services decide the rules; forms shape the input."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.budgets.models import MAX_SESSIONS, MIN_SESSIONS, HeldAs, Period, PoolRule, Repeat
from flourish.core.forms import EMPTY_UPLOAD, GovukDateField, ModelChoiceField
from flourish.grants.forms import PoundsField


class BudgetForm(forms.Form):
    email = forms.EmailField(
        label=_("The person’s email address"),
        help_text=_("They sign in with a code sent to this address."),
    )
    name = forms.CharField(label=_("The person’s name"), max_length=150)
    amount_pence = PoundsField(
        label=_("Amount each period, in pounds"), example="250", positive=True
    )
    period = forms.ChoiceField(
        label=_("How often is it paid?"), choices=Period.choices, widget=forms.RadioSelect
    )
    starts_on = GovukDateField(
        label=_("Start date"), help_text=_("For example, 1 4 2026"), what=_("the start date")
    )
    ends_on = GovukDateField(
        label=_("End date (optional)"),
        help_text=_("Leave empty if it has no end date yet."),
        what=_("the end date"),
        required=False,
    )
    held_as = forms.ChoiceField(
        label=_("How is it held?"), choices=HeldAs.choices, widget=forms.RadioSelect
    )
    held_by = forms.CharField(
        label=_("Who holds it (optional)"),
        max_length=200,
        required=False,
        help_text=_("The nominated person, or the organisation or provider that holds it."),
    )

    def clean_starts_on(self) -> datetime.date:
        """Within a year of today: each period since the start is paid in at once, so a
        start typed years back would pay years of money on the next run."""
        starts_on: datetime.date = self.cleaned_data["starts_on"]
        today = timezone.localdate()
        if abs((starts_on - today).days) > 366:
            raise forms.ValidationError(
                _(
                    "The start date must be within a year of today. For a budget that began "
                    "longer ago, enter the date its money should start arriving in Flourish."
                )
            )
        return starts_on


class PlanForm(forms.Form):
    what_matters = forms.CharField(
        label=_("What matters to you"), widget=forms.Textarea, required=False, max_length=5000
    )
    outcomes = forms.CharField(
        label=_("The outcomes you want"),
        help_text=_("One on each line, in your own words."),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    spending = forms.CharField(
        label=_("Kinds of spending agreed"),
        help_text=_(
            "One on each line: the kind, then an amount or a share. For example: "
            "Peer support groups, £40 — or: Personal assistant, 60%"
        ),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )
    not_paid_for = forms.CharField(
        label=_("What the council will not pay for"),
        widget=forms.Textarea,
        required=False,
        max_length=5000,
    )

    def clean_spending(self) -> list[tuple[str, int | None, int | None]]:
        from flourish.core.formatting import parse_pounds

        kinds: list[tuple[str, int | None, int | None]] = []
        for line in self.cleaned_data["spending"].splitlines():
            if not line.strip():
                continue
            name, _comma, value = line.rpartition(",")
            value = value.strip()
            try:
                if value.endswith("%"):
                    kinds.append((name.strip(), None, int(value[:-1].strip())))
                else:
                    kinds.append((name.strip(), parse_pounds(value), None))
            except ValueError as error:
                raise forms.ValidationError(
                    _(
                        "Write each kind of spending as its name, a comma, then an amount or "
                        "a share, for example “Peer support groups, £40”."
                    )
                ) from error
            if not name.strip():
                raise forms.ValidationError(
                    _("Give each kind of spending a name before the comma.")
                )
        return kinds


def spending_text(plan: Any) -> str:
    """The plan's kinds of spending as the person typed them, for editing again."""
    from flourish.core.formatting import format_pence

    lines = []
    for kind in plan.spending_kinds.all():
        value = (
            f"{kind.share_percent}%"
            if kind.share_percent is not None
            else format_pence(kind.amount_pence or 0)
        )
        lines.append(f"{kind.name}, {value}")
    return "\n".join(lines)


class BookForm(forms.Form):
    session_on = GovukDateField(
        label=_("Date of the first session"),
        help_text=_("For example, 27 3 2027"),
        what=_("the date of the first session"),
        not_before_today=True,
    )
    quantity = forms.IntegerField(
        label=_("How many?"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("Sessions, or blocks of sessions if the group sells them in blocks."),
        error_messages={"invalid": _("Enter how many, as a number, for example 1")},
    )
    repeat = forms.ChoiceField(
        label=_("How often?"),
        choices=Repeat.choices,
        initial=Repeat.ONCE,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("A session that repeats is paid on the day of each session."),
    )
    sessions = forms.IntegerField(
        label=_("How many sessions in all, if it repeats?"),
        min_value=MIN_SESSIONS,
        max_value=MAX_SESSIONS,
        required=False,
        help_text=_("From 2 to 52. Leave empty if it is just once."),
        error_messages={"invalid": _("Enter how many sessions, as a number, for example 10")},
    )
    spending_kind: ModelChoiceField = ModelChoiceField(
        label=_("Which part of your plan is it for? (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not part of a kind of spending"),
    )
    share_name = forms.BooleanField(
        label=_("The group may see my name"),
        required=False,
        initial=True,
        help_text=_("If you untick this, the group sees only that a budget holder booked."),
    )
    # Made when the form is shown: the same form sent twice books once.
    asked_with = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spending_kind"].queryset = kinds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("repeat") in (None, "", Repeat.ONCE):
            data["repeat"], data["sessions"] = Repeat.ONCE, 1
        elif not data.get("sessions") and "sessions" not in self.errors:
            self.add_error(
                "sessions", _("Enter how many sessions in all, from 2 to 52, for example 10")
            )
        return data


class BrokerForm(forms.Form):
    name = forms.CharField(label=_("Their name"), max_length=150)
    email = forms.EmailField(
        label=_("Their email address"), help_text=_("They sign in with a code sent here.")
    )
    may_book = forms.BooleanField(
        label=_("They may book and pay for support for me"), required=False, initial=True
    )
    may_vote = forms.BooleanField(label=_("They may vote in my pools for me"), required=False)
    monthly_limit_pence = PoundsField(
        label=_("The most they may spend each month, in pounds"), example="100", positive=True
    )
    ends_on = GovukDateField(
        label=_("Until when?"),
        help_text=_("For example, 31 3 2027. You can withdraw it sooner at any time."),
        what=_("the date it ends"),
        not_before_today=True,
    )


class PoolForm(forms.Form):
    name = forms.CharField(label=_("Name of the pool"), max_length=200)
    purpose = forms.CharField(
        label=_("What is it for?"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("For example: a weekly peer-led art group we all go to."),
    )
    rule = forms.ChoiceField(
        label=_("How will you decide?"), choices=PoolRule.choices, widget=forms.RadioSelect
    )
    quorum = forms.IntegerField(
        label=_("Fewest votes needed for a decision"), min_value=1, max_value=50, initial=2
    )
    decide_days = forms.IntegerField(
        label=_("Days to decide each proposal"), min_value=1, max_value=60, initial=7
    )
    contribution_pence = PoundsField(
        label=_("Your contribution each period, in pounds"), example="20", positive=True
    )
    outcome = forms.CharField(
        label=_("Which of your outcomes does it serve?"),
        max_length=300,
        help_text=_("For example: Go out twice a week"),
    )


class JoinPoolForm(forms.Form):
    contribution_pence = PoundsField(
        label=_("Your contribution each period, in pounds"), example="20", positive=True
    )
    outcome = forms.CharField(
        label=_("Which of your outcomes does it serve?"),
        max_length=300,
        help_text=_("For example: Go out twice a week"),
    )


class ProposalForm(forms.Form):
    """How much to spend on the support chosen in the search before, and why."""

    amount_pence = PoundsField(label=_("How much, in pounds?"), example="60", positive=True)
    why = forms.CharField(label=_("Why?"), widget=forms.Textarea, max_length=2000)
    outcomes = forms.CharField(
        label=_("Which of our outcomes does it serve? (optional)"),
        widget=forms.Textarea,
        required=False,
        max_length=2000,
    )


class VoteForm(forms.Form):
    in_favour = forms.TypedChoiceField(
        label=_("Your vote"),
        choices=[("yes", _("Yes")), ("no", _("No, I object"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )


class OutsideSpendingForm(forms.Form):
    amount_pence = PoundsField(label=_("How much, in pounds?"), example="12.50", positive=True)
    spent_on = GovukDateField(
        label=_("When did you spend it?"),
        help_text=_("For example, 27 3 2026"),
        what=_("the date you spent it"),
        not_after_today=True,
    )
    spending_kind: ModelChoiceField = ModelChoiceField(
        label=_("Which kind of spending in your plan?"),
        queryset=None,
        required=False,
        empty_label=_("Not part of a kind of spending"),
    )
    what = forms.CharField(
        label=_("What was it for? (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: bus pass, or personal assistant’s wages for March."),
    )
    receipt = forms.FileField(
        label=_("A photo or PDF of the receipt (optional)"),
        required=False,
        error_messages=EMPTY_UPLOAD,
        help_text=_("JPG, PNG or PDF, up to 10 MB. Only you, your broker and the council see it."),
    )
    token = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["spending_kind"].queryset = kinds  # type: ignore[attr-defined]


class ProposalOutcomeForm(forms.Form):
    what_happened = forms.CharField(
        label=_("What came of it?"),
        widget=forms.Textarea,
        max_length=2000,
        help_text=_("For example: twelve of us walked to Shipley Glen and want to go again."),
        error_messages={"required": _("Say what came of it, for example: twelve of us went.")},
    )


class StatementNoteForm(forms.Form):
    text = forms.CharField(
        label=_("Your note on this line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=500,
        required=False,
        help_text=_(
            "For example: this was my personal assistant’s wages for two weeks. The council "
            "reads it with the statement. Leave it empty to remove the note."
        ),
    )


class ThresholdForm(forms.Form):
    threshold_pence = PoundsField(
        label=_("Threshold for unspent money, in pounds"),
        example="500",
        required=False,
        help_text=_(
            "Statements flag a budget with more than this left unspent, and say by how much. "
            "For example, 500. Leave it empty to flag none."
        ),
    )


class ColumnsForm(forms.Form):
    """One set of three questions per column the statements can have: include it, where,
    and under what heading. The service checks the whole layout."""

    def __init__(self, *args: Any, columns: dict[str, Any], saved: list[list[str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        chosen = {key: (place, heading) for place, (key, heading) in enumerate(saved, start=1)}
        self.keys = list(columns)
        self.labels = {key: label for key, (label, _pick) in columns.items()}
        for place, (key, (label, _pick)) in enumerate(columns.items(), start=1):
            position, heading = chosen.get(key, (len(saved) + place, str(label)))
            self.fields[f"{key}-include"] = forms.BooleanField(
                label=_("Include this column"), required=False, initial=key in chosen
            )
            self.fields[f"{key}-position"] = forms.IntegerField(
                label=_("Its place, counting from the left"),
                min_value=1,
                max_value=99,
                initial=position,
                error_messages={
                    "invalid": _("Enter the place as a whole number, for example 3."),
                    "required": _("Enter the place as a whole number, for example 3."),
                    "min_value": _("Enter a place from 1 to 99."),
                    "max_value": _("Enter a place from 1 to 99."),
                },
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
            )
            self.fields[f"{key}-heading"] = forms.CharField(
                label=_("Its heading"),
                max_length=200,
                required=False,
                initial=heading,
            )

    def groups(self) -> list[tuple[str, Any, list[Any]]]:
        return [
            (
                key,
                self.labels[key],
                [self[f"{key}-{part}"] for part in ("include", "position", "heading")],
            )
            for key in self.keys
        ]

    def chosen(self) -> list[tuple[str, str]]:
        """The included columns in the order asked for (ties keep the list's order)."""
        data = self.cleaned_data
        included = [
            (data[f"{key}-position"], number, key, data[f"{key}-heading"] or "")
            for number, key in enumerate(self.keys)
            if data.get(f"{key}-include")
        ]
        return [(key, heading) for _place, _number, key, heading in sorted(included)]
