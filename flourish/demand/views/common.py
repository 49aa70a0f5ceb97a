"""What every demand view shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict

# A person's own services and boards on a page: a screenful, however many organisations
# they belong to; every board they can read is a page at a time on the boards page.
OWN_SHOWN = 50


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None
