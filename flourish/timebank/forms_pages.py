"""Forms for drawing on the community pot, referring someone for a mentor, and partner
timebanks. Services decide the rules; forms shape the input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import ModelChoiceField
from flourish.timebank.forms import TimeForm
from flourish.timebank.models import MentoringScheme, Timebank


class PotDrawForm(TimeForm):
    # Made when the form is shown, so sending it twice moves the hours once.
    key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    reason = forms.CharField(
        label=_("What the hours are for"),
        max_length=200,
        help_text=_("Shown on their statement, for example: help with moving home."),
    )


class ReferForm(forms.Form):
    scheme = ModelChoiceField(
        label=_("Mentoring scheme"),
        queryset=MentoringScheme.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
    )
    hopes = forms.CharField(
        label=_("What they would like from a mentor, in their words"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    consent_given = forms.BooleanField(
        label=_("They have said yes to being referred, and to us sharing this with a mentor"),
        required=False,
    )

    def __init__(self, *args, timebank: Timebank, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["scheme"].queryset = timebank.schemes.all()  # type: ignore[attr-defined]


class PartnerAskForm(forms.Form):
    other = ModelChoiceField(
        label=_("Timebank to ask"),
        queryset=Timebank.objects.none(),
        empty_label=_("Choose a timebank"),
    )

    def __init__(self, *args, timebank: Timebank, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["other"].queryset = Timebank.objects.exclude(  # type: ignore[attr-defined]
            pk=timebank.pk
        ).exclude(partners=timebank)
