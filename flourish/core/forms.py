"""One form renderer for the whole product, in GOV.UK Design System markup.

Any Django form rendered with `{{ form }}` gets labels, hints, inline errors,
fieldsets for radios, checkboxes and dates, and `aria-describedby` wiring, without a
line of per-form HTML. Pages show the error summary from the layout.
"""

import datetime
import threading
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any, cast

from django import forms
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
    RegexValidator,
)
from django.db import models
from django.forms.models import ModelChoiceIterator
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.safestring import SafeString
from django.utils.text import get_text_list
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from flourish.core.formatting import is_whole_number


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class ChoicesReadInOneQuery(ModelChoiceIterator):
    """A select's choices from the database, read as one ordinary query.

    Django reads them through `QuerySet.iterator()`, which on PostgreSQL, outside a
    transaction, opens a server-side cursor WITH HOLD: three round trips, with the rows
    copied aside, to list a handful of organisations. Measured on a group's page, that
    one select took longer than the page's other eight queries together. A list of
    choices is small by nature (a person must read it), so it is read at once."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for instance in self.queryset:
            yield self.choice(instance)


# The largest key a database's 64-bit integer column holds.
LARGEST_KEY = 2**63 - 1


def _cannot_be_a_key(field: Any, value: Any) -> bool:
    """Whether a posted choice could not be a row's integer key at all ("²", 40 nines).

    Django asks the database for any value. SQLite overflows on one too big for an
    integer column, a server error rather than "choose one of these"; PostgreSQL
    answers that there is no such row. Refused here, both say the same."""
    model = field.queryset.model
    name = field.to_field_name
    key = model._meta.pk if name is None else model._meta.get_field(name)
    if not isinstance(key, models.IntegerField) or value in field.empty_values:
        return False
    text = str(value).strip()
    return not (is_whole_number(text) and int(text) <= LARGEST_KEY)


class ModelChoiceField(forms.ModelChoiceField):  # noqa: TID251 (the one allowed)
    """Django's, with its choices read in one query: use it for every select of rows."""

    iterator = ChoicesReadInOneQuery

    def to_python(self, value: Any) -> Any:
        if _cannot_be_a_key(self, value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):  # noqa: TID251
    """Django's, with its choices read in one query: use it for every choice of rows."""

    iterator = ChoicesReadInOneQuery

    def _check_values(self, value: Any) -> Any:
        for choice in value if isinstance(value, list | tuple) else []:
            if _cannot_be_a_key(self, choice):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": choice},
                )
        return super()._check_values(value)  # type: ignore[misc]


class FindByNameForm(forms.Form):
    """The box above a long list for finding a row by part of its name (a member, a
    group, a circle), sent by GET so the list's address says what was searched."""

    name = forms.CharField(
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: Any, label: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = label

    @property
    def searched(self) -> str:
        """The words searched for, or "" if none (or too long to be a name)."""
        return str(self.cleaned_data["name"]).strip() if self.is_valid() else ""


def list_only(field: forms.Field, rows: list[Any]) -> None:
    """List only `rows` in a select of rows, while any row of the field's queryset may
    still be chosen: a long list is for finding by name, not for scrolling (the people
    of a big timebank, the groups of a council area)."""
    choice_field = cast(ModelChoiceField, field)
    empty = [] if choice_field.empty_label is None else [("", choice_field.empty_label)]
    listed = [
        (choice_field.prepare_value(row), choice_field.label_from_instance(row)) for row in rows
    ]
    choice_field.widget.choices = empty + listed  # type: ignore[attr-defined]


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes in one fieldset."""

    template_name = "core/forms/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric", "spellcheck": "false"}
        widgets = [forms.TextInput(attrs={**numeric, "maxlength": n}) for n in (2, 2, 4)]
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


# What a file box says of a file with nothing in it, for a spreadsheet to import and for
# anything else: Django's own message says only that it is empty.
EMPTY_SPREADSHEET = {"empty": _("The file is empty. Put the column headings in the first row.")}
EMPTY_UPLOAD = {"empty": _("The file you chose is empty. Choose it again, or another file.")}


# The years a date typed into Flourish may fall in. Nothing it records is dated outside
# them, and a date near the calendar's end overflows when a repeat or a length is added.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


def outside_years(when: datetime.date) -> bool:
    return not EARLIEST_YEAR <= when.year <= LATEST_YEAR


def years_message() -> str:
    """What to do about a date `outside_years`, for a field that says nothing more."""
    return gettext("Enter a date in a year from %(earliest)s to %(latest)s") % {
        "earliest": EARLIEST_YEAR,
        "latest": LATEST_YEAR,
    }


class DateInYears(forms.DateField):
    """Django's date field, refusing a date `outside_years` in words."""

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and outside_years(value):
            raise forms.ValidationError(years_message())


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with messages that name the date and say what
    to do ("Enter the date of the conversation, for example 27 3 2026")."""

    widget = GovukDateInput

    def __init__(
        self,
        *,
        what: Any,
        not_after_today: bool = False,
        not_before_today: bool = False,
        **kwargs: Any,
    ) -> None:
        self.what = what
        self.not_after_today = not_after_today
        self.not_before_today = not_before_today
        parts = [forms.CharField(required=False) for _part in range(3)]
        # Lazy, like every message: the field is made once, in English, when the code
        # loads; the message is put together in the reader's language each time it is shown.
        required = lazy(
            lambda: gettext("Enter %(what)s, for example 27 3 2026") % {"what": what}, str
        )
        kwargs.setdefault("error_messages", {"required": required()})
        super().__init__(parts, require_all_fields=False, **kwargs)

    def _message(self, message: str, **values: str) -> str:
        """`message` with the date's name in it, a capital letter only where the sentence
        starts with it ("The date must include a day" / "Rhaid i'r dyddiad gynnwys...")."""
        what = str(self.what)
        if message.startswith("%(what)s"):
            what = what[:1].upper() + what[1:]
        return message % {"what": what, **values}

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        values = [str(value or "").strip() for value in (data_list or [])]
        if not any(values):
            # Spaces alone pass Django's own check for an empty answer: refused here.
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [
            str(name)
            for name, value in zip((_("a day"), _("a month"), _("a year")), values, strict=True)
            if not value
        ]
        if missing:
            raise forms.ValidationError(
                self._message(
                    gettext("%(what)s must include %(missing)s"),
                    missing=get_text_list(missing, gettext("and")),
                )
            )
        try:
            day, month, year = (int(value) for value in values)
            if year < 1000:
                raise ValueError(year)
            when = datetime.date(year, month, day)
        except (ValueError, OverflowError) as error:  # OverflowError: a day of 40 nines
            raise forms.ValidationError(
                self._message(gettext("%(what)s must be a real date, for example 27 3 2026"))
            ) from error
        return self._in_range(when)

    def _in_range(self, when: datetime.date) -> datetime.date:
        if outside_years(when):
            raise forms.ValidationError(
                self._message(
                    gettext("%(what)s must be in a year from %(earliest)s to %(latest)s"),
                    earliest=str(EARLIEST_YEAR),
                    latest=str(LATEST_YEAR),
                )
            )
        today = timezone.localdate()
        if self.not_after_today and when > today:
            raise forms.ValidationError(
                self._message(gettext("%(what)s must be today or in the past"))
            )
        if self.not_before_today and when < today:
            raise forms.ValidationError(
                self._message(gettext("%(what)s must be today or in the future"))
            )
        return when


# Widget kinds the field template knows how to draw.
# Most specific first: Django's CheckboxSelectMultiple is a kind of RadioSelect.
_CHOICE_KINDS: tuple[tuple[type[forms.Widget], str], ...] = (
    (GovukDateInput, "date"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Textarea, "textarea"),
    (forms.Select, "select"),
    (forms.ClearableFileInput, "file"),
    (forms.FileInput, "file"),
    (forms.HiddenInput, "hidden"),
)


def widget_kind(widget: forms.Widget) -> str:
    for widget_class, kind in _CHOICE_KINDS:
        if isinstance(widget, widget_class):
            return kind
    return "input"


WIDGET_CLASSES = {
    "input": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
}

_REQUIRED_BY_KIND = {
    "radios": _("Choose an answer for “%(label)s”"),
    "checkboxes": _("Choose at least one answer for “%(label)s”"),
    "select": _("Choose an answer for “%(label)s”"),
    "checkbox": _("Tick “%(label)s” to carry on"),
    "file": _("Choose a file for “%(label)s”"),
    "date": _("Enter a date for “%(label)s”, for example 27 3 2026"),
}


def error_message(field: forms.BoundField, error: str) -> str:
    """Django's own messages say "This field is required." or "Ensure this value has at most
    10 characters" without naming the field; say which question it is and what to do."""
    label = str(field.label or "").strip()
    if error == str(forms.Field.default_error_messages["required"]):
        template = _REQUIRED_BY_KIND.get(
            widget_kind(field.field.widget), _("Enter an answer for “%(label)s”")
        )
        return str(template) % {"label": label}
    limit = getattr(field.field, "max_length", None)
    value = field.value()
    if limit is not None and isinstance(value, str):
        default = MaxLengthValidator(limit).message % {
            "limit_value": limit,
            "show_value": len(value),
            "value": value,
        }
        if error == str(default):
            return gettext(
                "“%(label)s” must be %(limit)d characters or fewer. You entered %(count)d."
            ) % {"label": label, "limit": limit, "count": len(value)}
    return _clearer_than_django(field, error, label) or error


def _django_invalid_choice_messages() -> set[str]:
    return {
        str(field.default_error_messages["invalid_choice"])
        for field in (forms.ChoiceField, forms.MultipleChoiceField, ModelChoiceField)
    }


def _clearer_than_django(field: forms.BoundField, error: str, label: str) -> str | None:
    """Django's messages for a choice not offered, a number out of range and a character
    that cannot be stored, said the way the rest of Flourish says things."""
    invalid_choice = field.field.error_messages.get("invalid_choice")
    # Only Django's own wording: a form that says it better keeps its message.
    if invalid_choice is not None and str(invalid_choice) in _django_invalid_choice_messages():
        value = field.value()
        given = value if isinstance(value, list | tuple) else [value]
        if error in {str(invalid_choice) % {"value": one} for one in given}:
            return gettext("Choose one of the answers given for “%(label)s”") % {"label": label}
    for bound, wording in (
        ("max_value", gettext("“%(label)s” must be %(limit)s or less")),
        ("min_value", gettext("“%(label)s” must be %(limit)s or more")),
    ):
        limit = getattr(field.field, bound, None)
        validator = MaxValueValidator if bound == "max_value" else MinValueValidator
        if limit is not None and error == str(validator(limit).message) % {"limit_value": limit}:
            return wording % {"label": label, "limit": limit}
    if error == str(ProhibitNullCharactersValidator.message):
        return gettext("“%(label)s” has a character that cannot be kept: type it again") % {
            "label": label
        }
    return None


FREE_TEXT_MAX_LENGTH = 2000


def cap_text_answers(form: forms.BaseForm, *, limit: int = FREE_TEXT_MAX_LENGTH) -> None:
    """Every text answer gets a most-characters limit (a long answer without one gets
    `limit`) and a message that says the number, such as "Use 2,000 characters or fewer".

    Answers without a cap let one post fill the database; Django's own message is worded
    for programmers.
    """
    for field in form.fields.values():
        if not isinstance(field, forms.CharField) or isinstance(field.widget, forms.HiddenInput):
            continue
        if field.max_length is None:
            field.max_length = limit
            field.validators.append(MaxLengthValidator(limit))
        field.error_messages["max_length"] = _("Use %(count)s characters or fewer") % {
            "count": f"{field.max_length:,}"
        }


class CappedTextAnswers(forms.BaseForm):
    """A form whose every text answer has a most-characters limit (`cap_text_answers`)."""

    text_limit = FREE_TEXT_MAX_LENGTH

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cap_text_answers(self, limit=self.text_limit)


class AuditFilterForm(forms.Form):
    """Narrows the audit trail to actions starting with some text, like "ledger."."""

    area = forms.CharField(
        label=_("Only show actions starting with"),
        help_text=_("For example ledger. or accounts."),
        required=False,
        max_length=100,
        validators=[
            RegexValidator(
                r"^[a-z0-9_.]*$",
                message=_(
                    "Enter the start of an action using only small letters, numbers, dots "
                    "and underscores, for example ledger."
                ),
            )
        ],
    )


class FilterFormMarkup:
    """A list page's filter form drawn once for each state it can be in, not on every request.

    Drawing a form field by field through the widget templates costs more than the whole
    list below it. A filter form's markup depends only on what was typed or chosen, the
    reader's language and the choices offered, so it is kept (in this process, for the
    last few hundred states) under exactly those. Only for forms that change nothing
    else per request (no CSRF token), and whose initial values come from a small set."""

    _kept: "OrderedDict[tuple[Any, ...], SafeString]" = OrderedDict()
    _lock = threading.Lock()
    KEEP = 256
    # A filter's words are part of an address anyone may follow; a form's posted words
    # are one person's, and are never kept (`BlankFormMarkup`).
    KEEPS_WHAT_WAS_TYPED = True

    def render(
        self, template_name: str | None = None, context: Any = None, renderer: Any = None
    ) -> SafeString:
        typed = cast(forms.Form, self).is_bound and not self.KEEPS_WHAT_WAS_TYPED
        if typed or template_name is not None or context is not None or renderer is not None:
            return super().render(template_name, context, renderer)  # type: ignore[misc]
        key = self._markup_key()
        with self._lock:
            markup = self._kept.get(key)
            if markup is not None:
                self._kept.move_to_end(key)
                return markup
        markup = super().render()  # type: ignore[misc]
        with self._lock:
            self._kept[key] = markup
            while len(self._kept) > self.KEEP:
                self._kept.popitem(last=False)
        return markup

    __str__ = __html__ = render

    def _markup_key(self) -> tuple[Any, ...]:
        form = cast(forms.Form, self)
        data = form.data if form.is_bound else {}
        typed = tuple(
            (name, tuple(data.getlist(name)) if hasattr(data, "getlist") else data.get(name))
            for name in form.fields
        )
        choices = tuple(
            (name, tuple((str(value), str(label)) for value, label in cast(Any, field.choices)))
            for name, field in form.fields.items()
            if isinstance(field, forms.ChoiceField)
        )
        return (
            type(form),
            get_language(),
            form.is_bound,
            form.prefix,
            form.auto_id,
            repr(sorted(form.initial.items())),
            typed,
            choices,
        )


class BlankFormMarkup(FilterFormMarkup):
    """A form on a page people read more than they post from (a reply box, a choice of
    emails), drawn once for each language and starting value and kept like a filter form.

    Only while nobody has typed into it: once it is posted, what the person typed and
    the errors it got are drawn afresh and never kept."""

    KEEPS_WHAT_WAS_TYPED = False
