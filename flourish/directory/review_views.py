"""Coordinators' pages for the directory: the suggestions waiting for a check, and each
suggestion with its three outcomes (list it, merge it, refuse it with a reason)."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.forms import FindByNameForm, list_only
from flourish.directory.forms import MergeForm, RejectForm
from flourish.directory.models import Listing
from flourish.directory.selectors import (
    check_user_can_review,
    get_suggestion_for_reviewer,
    merge_candidates,
    suggestions_waiting,
)
from flourish.directory.services import reviews

SHOWN_AT_ONCE = 100
# The merge form lists this many groups of the area at most; the rest are found by name.
CANDIDATES_SHOWN = 50


@login_required
def suggestion_list(request: HttpRequest) -> HttpResponse:
    check_user_can_review(user=request.user)
    waiting = suggestions_waiting()
    context = {
        "suggestions": list(waiting[:SHOWN_AT_ONCE]),
        "total": waiting.count(),
        "shown_at_once": SHOWN_AT_ONCE,
        "can_import": request.user.has_perm("directory.import_listings"),
    }
    return render(request, "directory/review_list.html", context)


def _review_page(
    request: HttpRequest,
    suggestion: Listing,
    merge: MergeForm | None = None,
    reject: RejectForm | None = None,
    status: int = 200,
) -> HttpResponse:
    find = FindByNameForm(request.GET, label=_("Find a group in this area by name"))
    name = find.searched
    merge_form = merge or MergeForm(candidates=merge_candidates(suggestion=suggestion))
    context = {
        "suggestion": suggestion,
        "find_form": find,
        "name": name,
        **_candidates_listed(suggestion, merge_form, name),
        "merge_form": merge_form,
        "reject_form": reject or RejectForm(),
        # The form with a problem, for the error summary at the top of the page.
        "form": merge or reject,
    }
    return render(request, "directory/review.html", context, status=status)


def _candidates_listed(suggestion: Listing, merge_form: MergeForm, name: str) -> dict[str, Any]:
    """List the first groups of the area by name (or those found by name) in the merge
    form: a council area can have hundreds, found by name rather than scrolled."""
    shown = list(merge_candidates(suggestion=suggestion, name=name)[: CANDIDATES_SHOWN + 1])
    more = len(shown) > CANDIDATES_SHOWN
    shown = shown[:CANDIDATES_SHOWN]
    chosen = getattr(merge_form, "cleaned_data", {}).get("into")
    if chosen is not None and chosen not in shown:
        shown.append(chosen)
    list_only(merge_form.fields["into"], shown)
    anything_to_merge = bool(shown) or (bool(name) and merge_form.fields["into"].queryset.exists())  # type: ignore[attr-defined]
    return {
        "candidates_shown": shown,
        "more_candidates": more,
        "anything_to_merge": anything_to_merge,
        "candidates_at_once": CANDIDATES_SHOWN,
    }


@login_required
def suggestion_review(request: HttpRequest, listing_id: str) -> HttpResponse:
    suggestion = get_suggestion_for_reviewer(user=request.user, listing_id=listing_id)
    return _review_page(request, suggestion)


def _done(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("directory:suggestion_list")


@login_required
@require_POST
def suggestion_approve(request: HttpRequest, listing_id: str) -> HttpResponse:
    suggestion = get_suggestion_for_reviewer(user=request.user, listing_id=listing_id)
    try:
        reviews.listing_approve(actor=request.user, listing=suggestion)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("directory:suggestion_review", listing_id=suggestion.uuid)
    return _done(request, _("%(name)s is now listed.") % {"name": suggestion.name})


@login_required
@require_POST
def suggestion_merge(request: HttpRequest, listing_id: str) -> HttpResponse:
    suggestion = get_suggestion_for_reviewer(user=request.user, listing_id=listing_id)
    form = MergeForm(request.POST, candidates=merge_candidates(suggestion=suggestion))
    if form.is_valid():
        into = form.cleaned_data["into"]
        try:
            reviews.listing_merge(actor=request.user, listing=suggestion, into=into)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, _("Merged into %(name)s.") % {"name": into.name})
    return _review_page(request, suggestion, merge=form, status=400)


@login_required
@require_POST
def suggestion_reject(request: HttpRequest, listing_id: str) -> HttpResponse:
    suggestion = get_suggestion_for_reviewer(user=request.user, listing_id=listing_id)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            reviews.listing_reject(
                actor=request.user, listing=suggestion, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return _done(request, _("%(name)s will not be listed.") % {"name": suggestion.name})
    return _review_page(request, suggestion, reject=form, status=400)
