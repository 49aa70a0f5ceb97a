"""Forms for finding groups, suggesting and editing a listing, and adding an offer."""

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any, cast

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from flourish.core.formatting import parse_pounds
from flourish.core.forms import (
    DateInYears,
    ModelChoiceField,
    ModelMultipleChoiceField,
    cap_text_answers,
)
from flourish.directory.geography import district_for, outward_code_of
from flourish.directory.models import (
    CostKind,
    Frequency,
    Listing,
    Offer,
    OfferKind,
    Weekday,
)
from flourish.directory.rendering import search_form_fields
from flourish.directory.selectors import SearchQuery, offer_type_terms
from flourish.directory.services.listings import LISTING_FIELDS

# Searching near a postcode without choosing a distance searches this far, and the
# form says so (a select with nothing chosen would show "1 mile" instead).
DEFAULT_MILES = "5"
DISTANCE_CHOICES = [
    ("1", _("1 mile")),
    ("3", _("3 miles")),
    ("5", _("5 miles")),
    ("10", _("10 miles")),
    ("25", _("25 miles")),
]
DAY_CHOICES = [
    ("", _("Any day")),
    ("weekdays", _("Weekdays (Monday to Friday)")),
    ("weekends", _("Weekends")),
] + [(str(d.value), d.label) for d in Weekday]
TIME_CHOICES = [
    ("", _("Any time")),
    ("morning", _("Morning (starts before 12 noon)")),
    ("afternoon", _("Afternoon (starts 12 noon to 5pm)")),
    ("evening", _("Evening (starts 5pm or later)")),
]


ATTENDANCE_CHOICES = [
    ("", _("Either")),
    ("in_person", _("In person")),
    ("online", _("Online")),
]


def _fixed(choices: list[tuple[str, Any]]) -> Callable[[], list[tuple[str, Any]]]:
    """Choices the same for every search, given as a function: each search's form copies
    its fields, and copying a list of choices copies every label in it (a sixth of the
    time a search spent on its form), where copying a function copies nothing."""
    return lambda: choices


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to search for"),
        required=False,
        max_length=100,
        help_text=_("For example: hearing voices, walking, Urdu"),
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        help_text=_("Your full postcode or just the first half, for example LS6 3AB or LS6"),
        error_messages={
            "max_length": _("Enter a postcode, or just its first half, for example LS6 3AB or LS6")
        },
    )
    distance = forms.ChoiceField(
        label=_("Within"), choices=_fixed(DISTANCE_CHOICES), required=False, initial=DEFAULT_MILES
    )
    day = forms.ChoiceField(label=_("Day"), choices=_fixed(DAY_CHOICES), required=False)
    time = forms.ChoiceField(label=_("Time of day"), choices=_fixed(TIME_CHOICES), required=False)
    type = ModelChoiceField(
        label=_("Type"),
        queryset=offer_type_terms(),
        required=False,
        empty_label=_("Any type"),
        to_field_name="code",
    )
    community = forms.CharField(
        label=_("Community"),
        required=False,
        max_length=60,
        help_text=_("Groups that come from or serve a community, for example LGBTQ+ or Somali"),
    )
    language = forms.CharField(
        label=_("Language"), required=False, max_length=40, help_text=_("For example: Welsh")
    )
    attendance = forms.ChoiceField(
        label=_("Online or in person"),
        choices=_fixed(ATTENDANCE_CHOICES),
        required=False,
        widget=forms.RadioSelect,
    )
    free = forms.BooleanField(label=_("Free only"), required=False)
    personal_budget = forms.BooleanField(
        label=_("Can be paid for with a personal budget"), required=False
    )

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any) -> None:
        if data is not None and not data.get("distance"):
            data = data.copy()
            data["distance"] = DEFAULT_MILES
        super().__init__(data, *args, **kwargs)

    # Asked first. The other fields sit under "More ways to narrow your search", which
    # a keyboard passes in one Tab while closed: Search was 21 Tabs from the top.
    MAIN_FIELDS = ("q", "postcode", "distance")

    def main_fields(self) -> SafeString:
        return self._fields_html(self.MAIN_FIELDS)

    def more_fields(self) -> SafeString:
        return self._fields_html(self._more_names())

    def narrowed(self) -> bool:
        """Whether any of the other ways to narrow the search is used, or wrong: then
        they are shown open, so nobody is left with results narrowed out of sight."""
        return any(
            self[name].errors or self[name].value() not in (None, "", False)
            for name in self._more_names()
        )

    def _more_names(self) -> list[str]:
        return [name for name in self.fields if name not in self.MAIN_FIELDS]

    @cached_property
    def _field_pieces(self) -> dict[str, SafeString]:
        """Every field's HTML, from the cache in one read for both parts of the form."""
        return search_form_fields(self)

    def _fields_html(self, names: Iterable[str]) -> SafeString:
        return mark_safe("".join(self._field_pieces[name] for name in names))  # built above

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and district_for(postcode) is None:
            raise forms.ValidationError(
                _(
                    "We could not find that postcode. Enter a postcode in England or Wales, "
                    "for example LS6 3AB"
                )
            )
        return postcode

    def search_query(self) -> SearchQuery:
        data = self.cleaned_data
        centre = district_for(data["postcode"]) if data.get("postcode") else None
        miles = float(data.get("distance") or DEFAULT_MILES)
        return SearchQuery(
            words=data.get("q", ""),
            centre=centre,
            radius_km=miles * 1.609344 if centre else None,
            day=data.get("day", ""),
            time=data.get("time", ""),
            free=data.get("free", False),
            personal_budget=data.get("personal_budget", False),
            term=data.get("type"),
            community=data.get("community", ""),
            language=data.get("language", ""),
            attendance=data.get("attendance", ""),
        )


def _https_by_default(field: Any, **kwargs: Any) -> Any:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


# "=" and its full-width form start a formula; "+", "-" and "@" are escaped on the way out.
FORMULA_SIGNS = frozenset("=\uff1d")


def refuse_formula(value: str) -> None:
    """Text a spreadsheet would run as a formula (`=HYPERLINK(...)`) is not a name or a
    description: refuse it, so it never reaches anyone's spreadsheet or page."""
    if value.lstrip(" \u00a0\u3000")[:1] in FORMULA_SIGNS:
        raise forms.ValidationError(
            _("Take the = off the start: a spreadsheet would run this as a formula")
        )


class ListingForm(forms.ModelForm):
    class Meta:
        model = Listing
        formfield_callback = _https_by_default
        fields = LISTING_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "led_by": forms.Textarea(attrs={"rows": 3}),
            "legal_form": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Enter the name of the group")},
            "description": {"required": _("Say what the group is and does")},
            "area_outward_code": {
                "required": _("Enter the first half of a postcode, for example LS6")
            },
            "website": {"invalid": _("Enter a website address, for example https://example.org")},
            "social_link": {
                "invalid": _("Enter a full link, for example https://facebook.com/ourgroup")
            },
            "email": {"invalid": _("Enter an email address, for example name@example.org")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # People may type a whole postcode here; it is cut to its district when cleaned.
        area = cast(forms.CharField, self.fields["area_outward_code"])
        area.max_length = 10
        area.validators = []
        area.widget.attrs["maxlength"] = 10
        cap_text_answers(self)
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not isinstance(field, forms.URLField):
                field.validators.append(refuse_formula)

    def clean_area_outward_code(self) -> str:
        outward = outward_code_of(self.cleaned_data["area_outward_code"])
        if outward is None or district_for(outward) is None:
            raise forms.ValidationError(
                _("Enter the first half of a real postcode, for example LS6")
            )
        return outward


class SuggestForm(ListingForm):
    suggester_email = forms.EmailField(
        label=_("Your email address (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "We will tell you when a coordinator has checked the group. "
            "We use it for nothing else and never show it."
        ),
        error_messages={"invalid": _("Enter an email address, for example name@example.org")},
    )


def _current_meeting_and_place(offer: Offer) -> dict[str, Any]:
    """What the extra (non-model) fields show when a lead edits an offer."""
    initial: dict[str, Any] = {}
    if offer.price_pence is not None:
        initial["price"] = f"{offer.price_pence / 100:.2f}"
    slot = offer.schedules.first()
    if slot is not None:
        initial.update(
            weekday=slot.weekday,
            opens_at=slot.opens_at.strftime("%H:%M"),
            closes_at=slot.closes_at.strftime("%H:%M"),
            frequency=slot.frequency,
        )
        if slot.is_one_off and slot.starts_on:
            initial["starts_on"] = slot.starts_on.strftime("%d/%m/%Y")
            initial["starts_on_date"] = slot.starts_on
    link = offer.offer_places.select_related("place").first()
    if link is not None:
        initial.update(
            place_name=link.place.name,
            postcode=link.place.postcode,
            is_public_venue=link.place.is_public_venue,
        )
    return initial


class OfferForm(forms.ModelForm):
    price = forms.CharField(
        label=_("Price in pounds"),
        required=False,
        max_length=12,
        help_text=_("Only if it has a set price, for example 5 or 12.50"),
    )
    weekday = forms.TypedChoiceField(
        label=_("Day it meets"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[("", _("It has no regular day")), *Weekday.choices],
    )
    opens_at = forms.TimeField(
        label=_("Starts at"),
        required=False,
        help_text=_("24-hour clock, for example 18:00"),
        error_messages={"invalid": _("Enter the time it starts, for example 18:00")},
    )
    closes_at = forms.TimeField(
        label=_("Ends at"),
        required=False,
        help_text=_("24-hour clock, for example 20:00"),
        error_messages={"invalid": _("Enter the time it ends, for example 20:00")},
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.WEEKLY
    )
    starts_on = DateInYears(
        label=_("Date, if it happens only once"),
        required=False,
        input_formats=["%d/%m/%Y", "%d %m %Y", "%d-%m-%Y", "%Y-%m-%d"],
        help_text=_("For example 27/3/2027. Choose “Once only, on a date” under How often"),
        error_messages={"invalid": _("Enter a real date, for example 27/3/2027")},
    )
    place_name = forms.CharField(
        label=_("Where it meets"),
        required=False,
        max_length=200,
        help_text=_(
            "For example: Headingley Community Centre. "
            "Leave empty if it is only online or by phone."
        ),
    )
    postcode = forms.CharField(
        label=_("Postcode of the place"),
        required=False,
        max_length=10,
        error_messages={"max_length": _("Enter the postcode of the place, for example LS6 3AB")},
    )
    is_public_venue = forms.BooleanField(
        label=_("This is a public venue (its postcode may be shown)"), required=False
    )

    class Meta:
        model = Offer
        fields = [
            "name",
            "description",
            "kind",
            "terms",
            "who_for",
            "cost",
            "price_unit",
            "sessions_per_price",
            "personal_budget",
            "online",
            "how_to_join",
            "accessibility",
            "languages",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "cost": forms.RadioSelect,
            "terms": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"terms": _("Type")}
        error_messages = {
            "name": {"required": _("Enter the name of what you offer")},
            "description": {"required": _("Say what happens, in a sentence or two")},
            "kind": {"required": _("Choose whether it is a service, an activity or a space")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        terms = cast(ModelMultipleChoiceField, self.fields["terms"])
        terms.queryset = offer_type_terms()
        terms.required = False
        # Radios need no empty "---------" answer: nothing ticked is already no answer.
        cast(forms.ChoiceField, self.fields["kind"]).choices = OfferKind.choices
        cap_text_answers(self)
        # Most prices are per session: an empty box means 1.
        sessions = cast(forms.IntegerField, self.fields["sessions_per_price"])
        sessions.required, sessions.min_value = False, 1
        sessions.validators.append(MinValueValidator(1))
        if self.instance.pk:
            self.initial.update(_current_meeting_and_place(self.instance))

    def clean_sessions_per_price(self) -> int:
        return self.cleaned_data.get("sessions_per_price") or 1

    def clean_price(self) -> int | None:
        text = self.cleaned_data["price"]
        if not text:
            return None
        try:
            return parse_pounds(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("Enter the price in pounds, for example 5 or 12.50")
            ) from error

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # One message for each box: a price or a time typed wrongly already has its own.
        unpriced = data.get("price") is None and "price" not in self.errors
        if data.get("cost") == CostKind.PRICE and unpriced:
            self.add_error("price", _("Enter the price, for example 5 or 12.50"))
        if data.get("frequency") == Frequency.ONCE:
            self._clean_date(data)
        if data.get("weekday") is not None or data.get("frequency") == Frequency.ONCE:
            self._clean_times(data)
        if data.get("place_name") and not data.get("postcode"):
            self.add_error("postcode", _("Enter the postcode of the place, for example LS6 3AB"))
        if data.get("postcode") and district_for(data["postcode"]) is None:
            self.add_error("postcode", _("Enter a real postcode, for example LS6 3AB"))
        return data

    def _clean_date(self, data: dict[str, Any]) -> None:
        if "starts_on" in self.errors:
            return
        if not data.get("starts_on"):
            self.add_error("starts_on", _("Enter the date it happens, for example 27/3/2027"))
        elif data["starts_on"] < timezone.localdate() and data["starts_on"] != self._kept_date():
            self.add_error("starts_on", _("Enter a date that is today or later"))

    def _kept_date(self) -> Any:
        """The date of the offer's current one-off, which a lead may keep after it has passed."""
        return self.initial.get("starts_on_date")

    def _clean_times(self, data: dict[str, Any]) -> None:
        if not data.get("opens_at") and "opens_at" not in self.errors:
            self.add_error("opens_at", _("Enter the time it starts, for example 18:00"))
        if not data.get("closes_at") and "closes_at" not in self.errors:
            self.add_error("closes_at", _("Enter the time it ends, for example 20:00"))
        elif data.get("opens_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("Enter an end time after the start time"))

    def service_arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.Meta.fields if name != "terms"}
        fields["price_pence"] = data.get("price")
        schedule = None
        if data.get("frequency") == Frequency.ONCE:
            schedule = {
                "weekday": data["starts_on"].weekday(),
                "starts_on": data["starts_on"],
                "opens_at": data["opens_at"],
                "closes_at": data["closes_at"],
                "frequency": Frequency.ONCE,
            }
        elif data.get("weekday") is not None:
            schedule = {
                "weekday": data["weekday"],
                "opens_at": data["opens_at"],
                "closes_at": data["closes_at"],
                "frequency": data["frequency"],
            }
        place = None
        if data.get("postcode"):
            place = {
                "name": data.get("place_name") or data["postcode"],
                "postcode": data["postcode"],
                "is_public_venue": data["is_public_venue"],
            }
        return {
            "fields": fields,
            "schedule": schedule,
            "place": place,
            "terms": list(data.get("terms") or []),
        }


class RejectForm(forms.Form):
    prefix = "reject"
    reason = forms.CharField(
        label=_("Why is it not being listed?"),
        help_text=_(
            "Whoever suggested it is told this, if they left an email address. "
            "For example: we could not find any sign that this group meets."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say why the group is not being listed")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cap_text_answers(self)


class ListingChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.area_outward_code})"


class MergeForm(forms.Form):
    prefix = "merge"
    into = ListingChoiceField(
        label=_("The listing it is the same group as"),
        queryset=Listing.objects.none(),
        to_field_name="uuid",
        empty_label=_("Choose a group"),
        error_messages={
            "required": _("Choose the group that is already listed"),
            "invalid_choice": _("Choose the group that is already listed"),
        },
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ModelChoiceField, self.fields["into"]).queryset = candidates
