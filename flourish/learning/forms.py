"""Forms for learning's pages. Services decide the rules; forms shape the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.learning.models import Stage


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
