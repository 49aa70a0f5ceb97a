"""Forms for the timebank's pages. Services decide the rules; forms shape the input."""

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.core.formatting import is_whole_number
from flourish.core.forms import (
    EMPTY_SPREADSHEET,
    CappedTextAnswers,
    ModelChoiceField,
    ModelMultipleChoiceField,
    list_only,
)
from flourish.timebank.models import (
    CheckKind,
    Direction,
    ExchangeKind,
    HelpKind,
    MemberCheck,
    Timebank,
    TimebankMember,
    Weekday,
)


class JoinForm(forms.ModelForm):
    class Meta:
        model = TimebankMember
        fields = ["area", "about", "languages", "interests", "prefers_phone"]


class JoinByPhoneForm(JoinForm):
    name = forms.CharField(label=_("Their name"), max_length=150)
    email = forms.EmailField(
        label=_("Their email address (optional)"),
        required=False,
        help_text=_("Leave empty if they have no email: you will keep in touch by phone."),
    )
    phone = forms.CharField(label=_("Their phone number"), max_length=30)

    field_order = ["name", "email", "phone", "area", "about", "languages", "interests"]


class CheckForm(forms.ModelForm):
    class Meta:
        model = MemberCheck
        fields = ["kind", "done_on", "expires_on", "notes"]
        widgets = {
            "kind": forms.RadioSelect,
            "done_on": forms.DateInput(attrs={"type": "date"}),
            "expires_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"expires_on": _("Needed for a safeguarding check.")}

    kind = forms.ChoiceField(label=_("Check"), choices=CheckKind.choices, widget=forms.RadioSelect)


class SettingsForm(forms.ModelForm):
    floor_hours = forms.IntegerField(
        label=_("Lowest balance allowed, in hours"),
        max_value=0,
        min_value=-200,
        help_text=_("For example −20: nobody can receive help that takes them below this."),
    )
    soft_limit_hours = forms.IntegerField(
        label=_("Balance that prompts a kind word, in hours"),
        max_value=0,
        min_value=-200,
        help_text=_(
            "For example −10: members past this see a gentle note, and you see them listed."
        ),
    )

    class Meta:
        model = Timebank
        fields = ["confirm_within_days", "auto_confirm"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["floor_hours"].initial = self.instance.floor_minutes // 60
        self.fields["soft_limit_hours"].initial = self.instance.soft_limit_minutes // 60


class ListingForm(CappedTextAnswers, forms.Form):
    direction = forms.ChoiceField(
        label=_("Are you offering help or asking for it?"),
        choices=Direction.choices,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)
    title = forms.CharField(label=_("In a few words"), max_length=120)
    description = forms.CharField(label=_("More about it"), widget=forms.Textarea)
    when = forms.CharField(
        label=_("When"), required=False, help_text=_("For example: weekday mornings.")
    )
    days = forms.MultipleChoiceField(
        label=_("Days"),
        required=False,
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    area = forms.CharField(
        label=_("Area"),
        max_length=100,
        help_text=_("A neighbourhood or postcode district, for example LS5. Never an address."),
    )


class SearchForm(forms.Form):
    words = forms.CharField(label=_("Words"), required=False, max_length=100)
    direction = forms.ChoiceField(
        label=_("Offers or requests"),
        required=False,
        choices=[("", _("Both")), *Direction.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind of help"), required=False, choices=[("", _("Any kind")), *HelpKind.choices]
    )
    area = forms.CharField(label=_("Area"), required=False, max_length=100)
    day = forms.ChoiceField(
        label=_("Day"), required=False, choices=[("", _("Any day")), *Weekday.choices]
    )


class AskForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say hello and when suits you. Never share your address here."),
    )


class AgreeForm(forms.Form):
    agreed_when = forms.CharField(
        label=_("When will you meet?"), max_length=200, help_text=_("For example: Tuesday at 2pm.")
    )


class TimeForm(forms.Form):
    """Hours and minutes, as a person says them; the service checks the total."""

    hours = forms.IntegerField(label=_("Hours"), min_value=0, max_value=24, initial=1)
    extra_minutes = forms.IntegerField(
        label=_("and minutes"), min_value=0, max_value=59, initial=0, required=False
    )

    @property
    def minutes(self) -> int:
        data = self.cleaned_data
        return data["hours"] * 60 + (data.get("extra_minutes") or 0)

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error("hours" if field == "minutes" else field, error)


class GiveForm(TimeForm):
    # Made when the form is shown: the same form sent twice gives once.
    given_with = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


# Help is recorded soon after it is given; a date further back is almost always a slip
# of the keyboard (1926 for 2026), which would put the hour in the wrong year's reports.
OLDEST_RECORDED_HELP = datetime.timedelta(days=2 * 365)


class RecordForm(TimeForm):
    happened_on = forms.DateField(
        label=_("Date of the help"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_happened_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["happened_on"]
        if day < timezone.localdate() - OLDEST_RECORDED_HELP:
            raise forms.ValidationError(_("Enter a date in the last two years: check the year"))
        return day


# A page lists this many members at most; anyone else is found by name. A timebank of
# ten thousand would otherwise put two selects of ten thousand names on the page.
MEMBERS_SHOWN = 50


class NameSearchInput(forms.TextInput):
    """A text box with its own Find button, for finding a member within a longer form:
    the whole form is sent, so nothing typed elsewhere is lost."""

    template_name = "timebank/includes/name_search_input.html"


class NameFinder:
    """For a form with a `name_search` field (`NameSearchInput`) above a long list: what
    was searched, the first rows to list, and the field's hint, or no field at all when
    everything fits. The form says its own hint in `_finder_hint`."""

    # Given by the form: annotations only, so nothing here stands in Django's way.
    data: Any
    fields: dict[str, Any]
    add_prefix: Callable[[str], str]
    _finder_hint: Callable[..., str]

    @property
    def name_searched(self) -> str:
        return str(self.data.get(self.add_prefix("name_search"), "")).strip()[:100]

    def _first_shown(self, matching: Any, limit: int) -> tuple[list[Any], bool]:
        """The first `limit` rows, and whether there are more."""
        shown = list(matching[: limit + 1])
        return shown[:limit], len(shown) > limit

    def _show_finder(self, words: str, *, found: bool, more: bool) -> None:
        if not (words or more):
            del self.fields["name_search"]
        else:
            self.fields["name_search"].help_text = self._finder_hint(words, found=found, more=more)


class RecordDirectlyForm(NameFinder, RecordForm):
    name_search = forms.CharField(
        label=_("Find a member by name"),
        required=False,
        max_length=100,
        widget=NameSearchInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    giver = ModelChoiceField(label=_("Who gave the help"), queryset=TimebankMember.objects.none())
    kind = forms.ChoiceField(
        label=_("Kind of exchange"),
        choices=[c for c in ExchangeKind.choices if c[0] != ExchangeKind.GIFT],
        widget=forms.RadioSelect,
    )
    receivers = ModelMultipleChoiceField(
        label=_("Who received it"),
        required=False,
        queryset=TimebankMember.objects.none(),
        help_text=_("Choose one person, or several for a group session. None for volunteering."),
    )
    description = forms.CharField(label=_("What the help was"), max_length=300)
    help_kind = forms.ChoiceField(label=_("Kind of help"), choices=HelpKind.choices)

    field_order = ["name_search", "giver", "kind", "receivers", "description", "help_kind"]

    def __init__(
        self, *args: Any, members: Any, giver: TimebankMember | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name in ("receivers", "giver"):
            # Any approved member may be chosen; only those shown are listed (below).
            self.fields[name].queryset = members  # type: ignore[attr-defined]
            self.fields[name].label_from_instance = lambda m: str(m.user)  # type: ignore[attr-defined]
        if giver is not None:
            # A member records only their own giving; the coordinator chooses anyone.
            del self.fields["giver"]
        self._list_members_shown(members)

    def _list_members_shown(self, members: Any) -> None:
        """List the first members by name, or those whose name has the words searched,
        and always anyone already chosen, so a search never loses a choice."""
        words = self.name_searched
        # Only what a choice shows: a person's name, or their email if they gave none.
        listing = members.only("pk", "timebank", "user__name", "user__email")
        matching = listing.filter(user__name__icontains=words) if words else listing
        shown, more_than_shown = self._first_shown(
            matching.order_by("user__name", "pk"), MEMBERS_SHOWN
        )
        missing = self._chosen_ids() - {member.pk for member in shown}
        if missing:
            shown += listing.filter(pk__in=missing)
            shown.sort(key=lambda member: (member.user.name.casefold(), member.pk))
        self._show_finder(words, found=bool(shown), more=more_than_shown)
        for name in ("receivers", "giver"):
            if name in self.fields:
                list_only(self.fields[name], shown)

    def _finder_hint(self, words: str, *, found: bool, more: bool) -> str:
        if words and not found:
            nobody = _("No member’s name has “%(words)s”. Check the spelling, or type less of it.")
            return nobody % {"words": words}
        if words and more:
            many = _(
                "Showing the first %(count)s members whose name has “%(words)s”, and anyone "
                "already chosen. To find fewer, type more of the name."
            )
            return many % {"count": MEMBERS_SHOWN, "words": words}
        if words:
            some = _("Showing members whose name has “%(words)s”, and anyone already chosen.")
            return some % {"words": words}
        first = _(
            "Showing the first %(count)s members by name. To find someone else, type part "
            "of their name and choose Find."
        )
        return first % {"count": MEMBERS_SHOWN}

    def _chosen_ids(self) -> set[int]:
        if not self.is_bound:
            return set()
        receivers = self.add_prefix("receivers")
        read_all = getattr(self.data, "getlist", None)
        posted = [
            *(read_all(receivers) if read_all else self.data.get(receivers, [])),
            self.data.get(self.add_prefix("giver"), ""),
        ]
        # Only plain ASCII digits: "²" is a digit to Python but not a number to int().
        return {int(text) for text in map(str, posted) if is_whole_number(text) and len(text) < 10}


class DisputeForm(CappedTextAnswers, forms.Form):
    reason = forms.CharField(
        label=_("What is wrong?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: it was 1 hour, not 2. The coordinator will help sort it out."),
    )


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("Why is it being corrected?"), max_length=300)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet of members (CSV or XLSX)"),
        help_text=_(
            "One member per row; a member with several offers may have a row for each. The "
            "first row holds column headings: name and area, and any of email, phone, about, "
            "languages, interests, offer, kind of help, offer details, when, opening balance "
            "(in hours, like 3, 2.5 or -4)."
        ),
        error_messages={"required": _("Choose a CSV or XLSX file"), **EMPTY_SPREADSHEET},
    )

    def clean_file(self) -> Any:
        from flourish.timebank.services.imports import read_import_file

        upload = self.cleaned_data["file"]
        self.rows = read_import_file(upload, filename=upload.name)
        return upload
