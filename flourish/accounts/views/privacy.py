"""Pages for people's rights to their data: a copy of everything, erasure, and who has
looked; and the same for staff handling a request that came by post or phone."""

from collections.abc import Iterator

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from flourish.accounts.models import User
from flourish.accounts.privacy_forms import PersonFindForm, RequestReceivedForm
from flourish.accounts.selectors.privacy import (
    get_person_for_staff,
    person_data,
    person_find_for_staff,
    record_reads_for_person,
)
from flourish.accounts.services.privacy import (
    person_data_read_record,
    person_data_request_record,
    person_erase,
)
from flourish.accounts.views import SignedInRequest
from flourish.core.pagination import page_of
from flourish.grants.privacy import records_to_keep

# A page shows the newest of each trail; the file holds every row.
TRAIL_SHOWN = 50


def _json_download(person: User) -> StreamingHttpResponse:
    language = get_language()

    def chunks() -> Iterator[str]:
        # Written out after the view returns, still in the language it was asked in.
        with override(language):
            yield from person_data(person=person).json_chunks()

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-data-from-flourish.json"'
    return response


@login_required
@never_cache
def your_data(request: SignedInRequest) -> HttpResponse | StreamingHttpResponse:
    person_data_request_record(person=request.user, actor=request.user, received_by="online")
    if request.GET.get("format") == "json":
        return _json_download(request.user)
    data = person_data(person=request.user, newest=TRAIL_SHOWN)
    return render(request, "accounts/privacy/data.html", {"data": data, "for_staff": False})


# Someone who takes calls for many groups is looked at with each of their applications.
READS_PER_PAGE = 50


@login_required
@never_cache
def who_has_looked(request: SignedInRequest) -> HttpResponse:
    page = page_of(
        items=record_reads_for_person(person=request.user),
        number=request.GET.get("page"),
        size=READS_PER_PAGE,
    )
    return render(request, "accounts/privacy/who_has_looked.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def erase_your_data(request: SignedInRequest) -> HttpResponse:
    person = request.user
    if request.method == "POST":
        person_erase(person=person, actor=person, received_by="online")
        logout(request)
        return redirect("accounts:erased")
    kept = records_to_keep(person=person)
    return render(request, "accounts/privacy/erase.html", {"kept": kept, "form": None})


def erased(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/privacy/erased.html")


@login_required
def people_find(request: HttpRequest) -> HttpResponse:
    form = PersonFindForm(request.GET or None)
    email = form.cleaned_data["email"] if form.is_valid() else ""
    # Asked even with no email yet, so anyone but an administrator gets 404 here.
    people = person_find_for_staff(user=request.user, email=email)
    found = list(people) if email else None
    return render(request, "accounts/privacy/people_find.html", {"form": form, "found": found})


@login_required
@require_http_methods(["GET", "POST"])
def person_data_request(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_staff(user=request.user, pk=pk)
    form = RequestReceivedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        person_data_request_record(
            person=person, actor=request.user, received_by=form.cleaned_data["received_by"]
        )
        return redirect("accounts:person_data", pk=person.pk)
    return render(request, "accounts/privacy/data_request.html", {"person": person, "form": form})


@login_required
@never_cache
def person_data_for_staff(request: HttpRequest, pk: int) -> HttpResponse | StreamingHttpResponse:
    person = get_person_for_staff(user=request.user, pk=pk)
    person_data_read_record(person=person, actor=request.user)
    if request.GET.get("format") == "json":
        return _json_download(person)
    data = person_data(person=person, newest=TRAIL_SHOWN)
    return render(request, "accounts/privacy/data.html", {"data": data, "for_staff": True})


@login_required
@require_http_methods(["GET", "POST"])
def person_erase_for_staff(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_person_for_staff(user=request.user, pk=pk)
    form = RequestReceivedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        erasure = person_erase(
            person=person, actor=request.user, received_by=form.cleaned_data["received_by"]
        )
        messages.success(
            request,
            _("Their data is erased. %(kept)s grant records are kept until their time is up.")
            % {"kept": len(erasure.kept)},
        )
        return redirect("accounts:people")
    kept = records_to_keep(person=person)
    context = {"kept": kept, "form": form, "person": person}
    return render(request, "accounts/privacy/erase.html", context)
