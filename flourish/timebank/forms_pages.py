"""Forms for drawing on the community pot, referring someone for a mentor, and partner
timebanks. Services decide the rules; forms shape the input."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import ModelChoiceField, list_only
from flourish.timebank.forms import NameFinder, NameSearchInput, TimeForm
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


# A coordinator is shown this many timebanks to ask at most; any other is found by
# name. Every timebank in the country would otherwise be one long select.
TIMEBANKS_SHOWN = 50


class PartnerAskForm(NameFinder, forms.Form):
    name_search = forms.CharField(
        label=_("Find a timebank by name"),
        required=False,
        max_length=100,
        widget=NameSearchInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    other = ModelChoiceField(
        label=_("Timebank to ask"),
        queryset=Timebank.objects.none(),
        empty_label=_("Choose a timebank"),
    )

    def __init__(self, *args, timebank: Timebank, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # Any timebank not yet a partner may be asked; only those shown are listed.
        others = Timebank.objects.exclude(pk=timebank.pk).exclude(partners=timebank)
        self.fields["other"].queryset = others  # type: ignore[attr-defined]
        self._list_timebanks_shown(others)

    def _list_timebanks_shown(self, others: Any) -> None:
        """The first timebanks by name, or those whose name has the words searched."""
        words = self.name_searched
        listing = others.only("pk", "name")
        matching = listing.filter(name__icontains=words) if words else listing
        shown, more_than_shown = self._first_shown(matching.order_by("name", "pk"), TIMEBANKS_SHOWN)
        self._show_finder(words, found=bool(shown), more=more_than_shown)
        list_only(self.fields["other"], shown)

    def _finder_hint(self, words: str, *, found: bool, more: bool) -> str:
        if words and not found:
            nobody = _(
                "No timebank’s name has “%(words)s”. Check the spelling, or type less of it."
            )
            return nobody % {"words": words}
        if words and more:
            many = _(
                "Showing the first %(count)s timebanks whose name has “%(words)s”. To find "
                "fewer, type more of the name."
            )
            return many % {"count": TIMEBANKS_SHOWN, "words": words}
        if words:
            return _("Showing timebanks whose name has “%(words)s”.") % {"words": words}
        first = _(
            "Showing the first %(count)s timebanks by name. To find another, type part of "
            "its name and choose Find."
        )
        return first % {"count": TIMEBANKS_SHOWN}
