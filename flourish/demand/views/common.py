"""What every demand view shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from flourish.core.pagination import page_of

# Lists of services and boards, a page at a time: a network's lead may belong to dozens
# of organisations, each with services and boards.
PER_PAGE = 25


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def listed(request: HttpRequest, items: QuerySet, parameter: str) -> Page:
    """One page of one of a page's lists, its number read from `?<parameter>=`."""
    return page_of(items=items, number=request.GET.get(parameter), size=PER_PAGE)
