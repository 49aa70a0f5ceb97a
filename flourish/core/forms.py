"""One form renderer for the whole product, in GOV.UK Design System markup.

Any Django form rendered with `{{ form }}` gets labels, hints, inline errors,
fieldsets for radios and checkboxes, and `aria-describedby` wiring, without a
line of per-form HTML. Pages show the error summary from the layout.
"""

from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator
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
