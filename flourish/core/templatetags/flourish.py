"""Template helpers loaded on every template (see TEMPLATES builtins)."""

import datetime
from functools import lru_cache
from typing import Any

from django import forms, template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.forms import BoundField
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, pgettext

from flourish.core import layout
from flourish.core.audit_actions import action_name
from flourish.core.formatting import format_minutes, format_pence
from flourish.core.forms import WIDGET_CLASSES, error_message, widget_kind
from flourish.core.pagination import page_address

register = template.Library()


@register.filter
def pence(value: int | None) -> str:
    """{{ grant.amount|pence }} → £1,250, isolated and left to right: in an Urdu sentence the
    bidirectional algorithm would otherwise show it as 1,250£."""
    if value is None:
        return ""
    # Digits, commas, a minus and a pound sign: nothing to escape, and format_html cost
    # a long list of amounts more than the rest of each row.
    return mark_safe(f'<bdi dir="ltr">{format_pence(int(value))}</bdi>')


@register.filter
def choice(instance: Any, name: str) -> Any:
    """{{ budget|choice:"held_as" }}: what `budget.get_held_as_display` shows, read from
    labels kept once per language. Django builds a dict of every choice, translating each
    label, on every call: two such columns cost a council's list of 50 budgets 2 ms, more
    than its queries. Anything that is not a model row is asked for its own label."""
    if instance is None:
        return ""
    meta = getattr(type(instance), "_meta", None)
    labels = _choice_labels(meta.label, name, get_language()) if meta else None
    if labels is None:
        return getattr(instance, f"get_{name}_display")()
    value = getattr(instance, name)
    return labels.get(value, value)


@lru_cache(maxsize=512)
def _choice_labels(model: str, name: str, language: str | None) -> dict[Any, str] | None:
    """Each choice's label in `language`, or None if `name` is not a field with choices."""
    try:
        field = apps.get_model(model)._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    if not getattr(field, "choices", None):
        return None
    return {value: str(label) for value, label in field.flatchoices}


@register.filter
def minutes(value: int | None) -> str:
    """{{ exchange.minutes|minutes }} → 1 hour 30 minutes."""
    return "" if value is None else format_minutes(int(value))


@register.filter(expects_localtime=True)
def day(value: datetime.date | None, arg: str) -> str:
    """{{ award.awarded_on|day:"j F Y" }}: Django's `date` filter, with each date worded
    once per language and format (a long list repeats the same few days)."""
    if not isinstance(value, datetime.date):
        return ""
    return _worded(isinstance(value, datetime.datetime), value.isoformat(), arg, get_language())


@lru_cache(maxsize=4096)
def _worded(has_time: bool, moment: str, arg: str, language: str | None) -> str:
    # The text form keeps a time's offset, so the same instant in another zone is worded anew.
    kind = datetime.datetime if has_time else datetime.date
    return formats.date_format(kind.fromisoformat(moment), arg)


@register.filter
def field_kind(field: BoundField) -> str:
    return widget_kind(field.field.widget)


@register.filter
def error_for(error: str, field: BoundField) -> str:
    """{{ error|error_for:field }}: the message, naming the field when Django's does not."""
    return error_message(field, str(error))


@register.filter
def error_anchor(field: BoundField) -> str:
    """Where the error summary's link for a field lands: its first input."""
    if widget_kind(field.field.widget) in {"radios", "checkboxes", "date"}:
        return f"{field.auto_id}_0"
    return str(field.auto_id)


@register.simple_tag
def current_file_name(field: BoundField) -> str:
    """The name of the file a file field already holds, or "" if none."""
    value = field.value()
    if not value or not hasattr(value, "name"):
        return ""
    shown = field.field.widget.attrs.get("data-current-name") or value.name
    return str(shown).rsplit("/", 1)[-1]


def describedby(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def govuk_widget(field: BoundField, extra_classes: str = "") -> SafeString:
    """The field's own widget, with GOV.UK classes and its hint and error wired up."""
    kind = widget_kind(field.field.widget)
    existing = field.field.widget.attrs.get("class", "")
    classes = [WIDGET_CLASSES.get(kind, ""), existing, extra_classes]
    if field.errors and kind in WIDGET_CLASSES:
        classes.append(f"{WIDGET_CLASSES[kind]}--error")
    attrs: dict[str, Any] = {"class": " ".join(c for c in classes if c)}
    if described := describedby(field):
        attrs["aria-describedby"] = described
    if kind == "file":
        # A plain file input: the field template shows the current file and a way to remove
        # it, instead of Django's "Currently: … Clear" with its link to the stored file.
        attrs["id"] = field.auto_id
        return forms.FileInput().render(field.html_name, None, attrs=attrs)
    return field.as_widget(attrs=attrs)


@register.simple_tag
def option_describedby(field: BoundField) -> str:
    return describedby(field)


@register.simple_tag
def date_parts(field: BoundField) -> list[dict[str, Any]]:
    """The day, month and year boxes of a GOV.UK date input, with what was typed in each."""
    widget = field.field.widget
    value = field.value()
    context = widget.get_context(field.html_name, value, {"id": field.auto_id})
    return [
        {"id": part["attrs"]["id"], "name": part["name"], "value": part["value"]}
        for part in context["widget"]["subwidgets"]
    ]


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """The language switcher and the site menu, drawn once per language and kind of person."""
    if "frame_header" in context:
        # A frame (core/frames.py) is drawn once for many requests: its header keeps the
        # markers that each request fills in with its own token and address.
        return context["frame_header"]
    return layout.site_header(context["request"])


@register.simple_tag(takes_context=True)
def page_link(context: template.Context, number: int, parameter: str = "") -> str:
    """The address of another page of a list, keeping the rest of the query (a search, a
    filter, another list's page). A page with several lists names each one's page."""
    return page_address(context["request"].GET, number, parameter or "page")


@register.simple_tag
def site_footer() -> SafeString:
    """The footer with the crisis-help numbers, drawn once per language."""
    return layout.site_footer()


@register.filter
def action_named(action: str) -> str:
    """An audit action's code ("timebank.exchange_recorded") as a person reads it."""
    return action_name(action)


@register.filter
def listed(values: Any) -> str:
    """Items joined as a list reads in the active language: "peer support, walks" in
    English, with the Arabic comma (،) in Urdu."""
    separator = pgettext("between the items of a list", ", ")
    return separator.join(str(value) for value in values)


@register.filter
def ltr(value: object) -> SafeString | str:
    """A phone number, email address or code, kept left to right as one piece on a
    right-to-left page ("0113 496 0001", not "0001 496 0113")."""
    if value in (None, ""):
        return ""
    return format_html('<span dir="ltr">{}</span>', value)
