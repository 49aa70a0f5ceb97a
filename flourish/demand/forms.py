"""Forms for demand's pages. Services decide the rules; forms shape the input."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import (
    EMPTY_SPREADSHEET,
    GovukDateField,
    ModelChoiceField,
    cap_text_answers,
)
from flourish.demand.models import (
    Board,
    Channel,
    DemandType,
    FailureKind,
    Period,
    ProposalStatus,
    Service,
)
from flourish.demand.personal import personal_data_warnings


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "description", "period", "chart_is_public"]
        widgets = {"period": forms.RadioSelect, "description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "name": _("The front door people come to, for example Our phone line or Grants."),
        }

    period = forms.ChoiceField(
        label=_("Show the chart by"), choices=Period.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"] = ModelChoiceField(
                label=_("Which organisation runs it?"),
                queryset=organisations,
                empty_label=None,
                widget=forms.RadioSelect,
            )
            self.order_fields(["organisation", "name"])
        cap_text_answers(self)


class ContactForm(forms.Form):
    """The quick log: the words first, then one choice after another, all by keyboard."""

    words = forms.CharField(
        label=_("What did they ask? In their words"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2, "autofocus": True, "autocomplete": "off"}),
        help_text=_("No names, phone numbers or email addresses: only what they asked."),
    )
    demand = forms.ChoiceField(
        label=_("Value or failure demand?"), choices=DemandType.choices, widget=forms.RadioSelect
    )
    failure_kind = forms.ChoiceField(
        label=_("If failure demand, what kind?"),
        choices=FailureKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    cause = forms.CharField(
        label=_("What caused it, if you know (optional)"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"list": "known-causes", "autocomplete": "off"}),
        help_text=_("For example: question 4 is unclear."),
    )
    channel = forms.ChoiceField(
        label=_("How did they get in touch?"), choices=Channel.choices, widget=forms.RadioSelect
    )
    resolved_first_time = forms.BooleanField(
        label=_("Sorted at this first contact"), required=False
    )
    received_on = GovukDateField(
        label=_("When"),
        what=_("the date they got in touch"),
        not_after_today=True,
        help_text=_("Today, unless you are catching up."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("received_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.warnings: list[str] = []

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("demand") == DemandType.VALUE:
            # Without JavaScript a chosen radio cannot be unchosen: value demand simply
            # has no kind or cause, so whatever was picked below it does not count.
            data["failure_kind"], data["cause"] = "", ""
        elif data.get("demand") == DemandType.FAILURE and not data.get("failure_kind"):
            self.add_error(
                "failure_kind", _("Choose what kind of failure demand it was, or choose Other.")
            )
        words = data.get("words", "")
        self.warnings = personal_data_warnings(words) if words else []
        # Warned once, the team may keep the words: the page sends them back with this flag.
        if self.warnings and self.data.get("save_as_written") != words:
            self.add_error(
                "words",
                _(
                    "These words look as if they hold %(what)s. Take it out, or press "
                    "Save again to keep the words as they are."
                )
                % {"what": _(" and ").join(str(w) for w in self.warnings)},
            )
        return data

    def contact_fields(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("What did you change?"),
        max_length=300,
        help_text=_("For example: we rewrote question 4 in plain English."),
    )
    made_on = GovukDateField(
        label=_("When"), what=_("the date of the change"), not_after_today=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"made_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class PeriodForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Show the chart by"), choices=Period.choices, widget=forms.RadioSelect
    )


class BoardForm(forms.ModelForm):
    class Meta:
        model = Board
        fields = ["name", "description", "is_public"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, homes: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.homes = {home.key: home.home for home in homes}
        self.fields["home"] = forms.ChoiceField(
            label=_("Who is the board for?"),
            choices=[(home.key, home.label) for home in homes],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose who the board is for")},
        )
        if len(homes) == 1:
            self.fields["home"].initial = homes[0].key
        self.order_fields(["home", "name"])
        cap_text_answers(self)

    def clean_home(self) -> dict[str, Any]:
        """The board's home, as `board_create` takes it (organisation, programme, ...)."""
        return dict(self.homes[self.cleaned_data["home"]])


class ProposalForm(forms.Form):
    title = forms.CharField(
        label=_("Your idea, in a sentence"),
        max_length=150,
        help_text=_("For example: meet on Saturdays as well, for people who work."),
    )
    body = forms.CharField(
        label=_("Tell us more (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=ProposalStatus.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label=_("What came of it, or why not"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you are not doing it. For done: what you did."),
    )
    outcome_service = ModelChoiceField(
        label=_("Demand chart that shows whether it helped (optional)"),
        queryset=Service.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, services: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if services is not None:
            self.fields["outcome_service"].queryset = services  # type: ignore[attr-defined]


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you hiding it?"),
        max_length=300,
        help_text=_("The author sees this reason."),
    )


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_(
            "Contacts typed up from a tally sheet, or exported from another system (CSV or XLSX)"
        ),
        help_text=_(
            "One contact per row, or one row with a count for several alike. The first row "
            "names the columns: date, words, channel, demand, kind, cause, sorted at first "
            "contact, count."
        ),
        error_messages={"required": _("Choose a CSV or XLSX file"), **EMPTY_SPREADSHEET},
    )


FEEDBACK_THANKS = _("Thank you. The fund will read what you said.")


class FeedbackForm(forms.Form):
    """An applicant's few words on how applying went: asked at the end, never required."""

    about = forms.ChoiceField(
        label=_("How did applying go?"),
        widget=forms.RadioSelect,
        choices=[
            ("worked_well", _("It went well")),
            (FailureKind.NOT_UNDERSTOOD, _("Something was unclear")),
            (FailureKind.REPEAT, _("I had to give the same information twice")),
            (FailureKind.CHASING, _("I did not know what was happening")),
            (FailureKind.WENT_WRONG, _("Something went wrong")),
            (FailureKind.OTHER, _("Something else")),
        ],
    )
    part = forms.CharField(
        label=_("Which part? (optional)"),
        max_length=100,
        required=False,
        help_text=_("For example: question 4, or the budget page."),
    )
    words = forms.CharField(
        label=_("Tell us in your own words"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Please leave out names, phone numbers and email addresses."),
    )
    anonymous = forms.BooleanField(
        label=_("Leave this without my name: the fund will not know it was me"),
        required=False,
    )
