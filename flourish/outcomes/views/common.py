"""What every outcomes view shares."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from flourish.core.pagination import page_of as core_page_of


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> QueryDict | None:
    return request.POST if request.method == "POST" else None


def page_of(request: HttpRequest, items: QuerySet[Any], per_page: int = 25) -> Page:
    """One page of a list, through the one paging rule in core (any `?page=` is a real page)."""
    return core_page_of(items=items, number=request.GET.get("page"), size=per_page)
