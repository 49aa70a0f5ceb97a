"""Template helpers loaded on every template (see TEMPLATES builtins)."""

from typing import Any

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

from flourish.core.formatting import format_minutes, format_pence
from flourish.core.forms import WIDGET_CLASSES, widget_kind

register = template.Library()


@register.filter
def pence(value: int | None) -> str:
    """{{ grant.amount|pence }} → £1,250."""
    return "" if value is None else format_pence(int(value))


@register.filter
def minutes(value: int | None) -> str:
    """{{ exchange.minutes|minutes }} → 1 hour 30 minutes."""
    return "" if value is None else format_minutes(int(value))


@register.filter
def field_kind(field: BoundField) -> str:
    return widget_kind(field.field.widget)


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
    return field.as_widget(attrs=attrs)


@register.simple_tag
def option_describedby(field: BoundField) -> str:
    return describedby(field)
