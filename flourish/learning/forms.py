"""Forms for learning's pages. Services decide the rules; forms shape the input."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import BlankFormMarkup, ModelChoiceField, outside_years, years_message
from flourish.learning.health import ANSWERS, QUESTIONS
from flourish.learning.models import POST_MAX_LENGTH, Digest, Stage
from flourish.learning.selectors.support import (
    support_organisation_choices,
    support_organisation_names,
)


class GuideWordsForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        help_text=_("One sentence a busy group lead can read in the list of guides."),
    )
    body = forms.CharField(
        label=_("The guide, in Markdown"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Short paragraphs. ## for a heading, - for a list, [words](https://example.org) "
            "for a link. Press Preview to see it as readers will."
        ),
    )


class GuideNewForm(GuideWordsForm):
    slug = forms.SlugField(
        label=_("Web address"),
        max_length=80,
        help_text=_("Small letters, numbers and hyphens, for example holding-money"),
    )
    stage = forms.ChoiceField(
        label=_("Stage of a group's life"), choices=Stage.choices, widget=forms.RadioSelect
    )
    field_order = ["slug", "stage", "title", "summary", "body"]


class UsefulForm(forms.Form):
    useful = forms.TypedChoiceField(
        label=_("Was this guide useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda answer: answer == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What was missing or unclear? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not include personal details. The people who write guides read this."),
    )


class HealthCheckForm(forms.Form):
    """One fieldset per question; every answer is the group's own and none is scored."""

    share = forms.BooleanField(
        label=_("Share these answers with the people who run support"),
        required=False,
        help_text=_("Only your group sees them otherwise. Nobody gives you a score."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = forms.RadioSelect(attrs={"class": "govuk-radios--inline"})
        fields = {
            q.key: forms.ChoiceField(label=q.text, choices=ANSWERS, widget=answers, required=False)
            for q in QUESTIONS
        }
        share = self.fields.pop("share")
        self.fields.update(fields)
        self.fields["share"] = share


class SupportAskForm(forms.Form):
    what = forms.CharField(
        label=_("What would you like help with?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In your own words, for example: we have never done a budget."),
    )


class SupportOrganisationForm(BlankFormMarkup, forms.Form):
    organisation = ModelChoiceField(
        label=_("Who would you like help from?"),
        queryset=support_organisation_choices(),
        required=False,
        empty_label=_("The people who run this Flourish site"),
        help_text=_(
            "A local support organisation, or a funder whose associates give support. "
            "Your next requests go to them."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            # Drawn to be read, not to check a choice: the names are kept (a query was
            # a seventh of a group's page). A posted choice is still checked against
            # the organisations there are now.
            field = self.fields["organisation"]
            field.choices = [("", field.empty_label), *support_organisation_names()]  # type: ignore[attr-defined]


class ShareForm(forms.Form):
    organisation: ModelChoiceField = ModelChoiceField(
        label=_("Share these answers with"),
        queryset=None,
        empty_label=None,
        help_text=_("They can read your answers until you stop sharing. Nobody gives you a score."),
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = choices  # type: ignore[attr-defined]


class TakeOnForm(forms.Form):
    agreed_help = forms.CharField(
        label=_("The help you will give"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example: two phone calls to build a first budget together."),
    )


class SupportNoteForm(forms.Form):
    text = forms.CharField(
        label=_("What you talked about"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class HowItWentForm(forms.Form):
    how_it_went = forms.CharField(
        label=_("How did the help go?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    body = forms.CharField(
        label=_("What you want to say"),
        max_length=POST_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Only members of this circle can read it."),
    )


class ReplyForm(BlankFormMarkup, forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=POST_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this reply?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The circle's moderators read this straight away."),
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Why are you hiding it?"),
        max_length=300,
        help_text=_("Its author will see this."),
    )


class ModeratorForm(forms.Form):
    """One button on the moderators page: who, and whether they moderate from now on."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    moderator = forms.TypedChoiceField(
        choices=[("yes", "yes"), ("no", "no")],
        coerce=lambda value: value == "yes",
        widget=forms.HiddenInput,
    )


class UkTimeField(forms.DateTimeField):
    """A day and time in UK time, refusing a time the clocks skip or pass twice in a way
    that says what to do."""

    def to_python(self, value: Any) -> Any:
        try:
            when = super().to_python(value)
        except forms.ValidationError as error:
            if error.code != "ambiguous_timezone":
                raise
            raise forms.ValidationError(
                _("The clocks change at that time. Choose a time an hour earlier or later.")
            ) from error
        if when is not None and outside_years(when):
            raise forms.ValidationError(years_message())
        return when


class MeetupForm(forms.Form):
    title = forms.CharField(
        label=_("What it is"),
        max_length=150,
        help_text=_("For example: Coffee and a catch-up for new group leads."),
    )
    starts_at = UkTimeField(
        label=_("When it starts"),
        # The browser's own picker sends the first; typed by hand, the others.
        input_formats=["%Y-%m-%dT%H:%M", "%d %m %Y %H:%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("UK time. For example: 14 March 2027 at 18:30."),
        error_messages={
            "invalid": _("Enter the day and time it starts, for example 14 3 2027 18:30")
        },
    )
    minutes = forms.TypedChoiceField(
        label=_("How long"),
        coerce=int,
        choices=[
            (60, _("1 hour")),
            (90, _("1 and a half hours")),
            (120, _("2 hours")),
            (180, _("3 hours")),
        ],
        initial=90,
    )
    where = forms.CharField(
        label=_("Where"),
        max_length=300,
        help_text=_("A place, or say it is online and how members get the link."),
    )
    details = forms.CharField(
        label=_("Anything else to know (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_("We email them a link. They join when they sign in with this address."),
    )


class DigestForm(BlankFormMarkup, forms.Form):
    digest = forms.ChoiceField(
        label=_("Email me what is new in this circle"),
        choices=Digest.choices,
        widget=forms.RadioSelect,
        help_text=_("A short list of new conversations and replies. You reply on the site."),
    )
