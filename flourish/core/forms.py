"""One form renderer for the whole product, in GOV.UK Design System markup.

Any Django form rendered with `{{ form }}` gets labels, hints, inline errors,
fieldsets for radios and checkboxes, and `aria-describedby` wiring, without a
line of per-form HTML. Pages show the error summary from the layout.
"""

from django import forms
from django.core.validators import RegexValidator
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


# Widget kinds the field template knows how to draw.
_CHOICE_KINDS: tuple[tuple[type[forms.Widget], str], ...] = (
    (forms.RadioSelect, "radios"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
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
