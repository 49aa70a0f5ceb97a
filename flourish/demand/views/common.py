"""What every demand view shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, QueryDict


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None
