"""Directory pages: search, a group's page, an offer's page, and keeping a listing alive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.fragments import EVERYONE_SECONDS, drawn_for_everyone
from flourish.core.frames import framed_part, render_framed
from flourish.core.pagination import page_links, page_number
from flourish.core.public_cache import area_generation, public_page
from flourish.core.throttle import TOO_MANY, public_write_allowed
from flourish.directory import calendar
from flourish.directory.forms import ListingForm, OfferForm, SearchForm, SuggestForm
from flourish.directory.geography import ATTRIBUTION
from flourish.directory.import_checks import ImportUploadForm, check_import_rows
from flourish.directory.models import ListingState
from flourish.directory.rendering import result_cards
from flourish.directory.searches_read import search_read
from flourish.directory.selectors import (
    SearchQuery,
    SearchResults,
    check_user_can_import,
    get_listing_for_claim,
    get_listing_for_public,
    get_listing_for_user,
    get_offer_for_public,
    get_offer_for_user,
)
from flourish.directory.selectors import directory_search as run_search
from flourish.directory.services import listings, offers
from flourish.directory.services.listings import LISTING_FIELDS

PER_PAGE = 20


class _CountOnly(list):
    """Lets the paginator page through a total it is told, without fetching every row."""

    def __init__(self, total: int) -> None:
        super().__init__()
        self.total = total

    def count(self, *_args: object) -> int:
        return self.total


def search_parameters(query: QueryDict) -> QueryDict:
    """The search as the form reads it: its own fields and the page number, in the form's
    order, without the empty ones. `?postcode=LS6&q=` and `?q=&utm_source=x&postcode=LS6`
    are one search, built once and cached once."""
    # The last value given for each, as the form reads it.
    asked = [(name, query.get(name, "")) for name in [*SearchForm.base_fields, "page"]]
    kept = [(name, value) for name, value in asked if value]
    if query and not kept:
        kept = [("q", "")]  # an empty search is still a search: it lists every group
    return QueryDict(urlencode(kept))


@public_page("directory", canonical_query=search_parameters)
def search(request: HttpRequest) -> HttpResponse:
    read = search_read(request.GET)
    if isinstance(read, SearchForm):  # the title and the error summary say what to put right
        return _search_with_errors(request, read)
    page = {
        "attribution": ATTRIBUTION,
        "searched": read.query is not None,
        "narrowed": read.narrowed,
    }
    holes = {"main_fields": read.main_fields, "more_fields": read.more_fields}
    if read.query is not None:
        holes["results"] = _results_drawn_once(request, read.query)
    # Only the form as typed and the results differ between searches: the rest of the
    # page is drawn once for everyone who reads it alike.
    return render_framed(request, "directory/search.html", page, holes=holes)


def _search_with_errors(request: HttpRequest, form: SearchForm) -> HttpResponse:
    context = {
        "attribution": ATTRIBUTION,
        "searched": True,
        "narrowed": form.narrowed(),
        "main_fields": form.main_fields(),
        "more_fields": form.more_fields(),
        "form": form,
    }
    return render(request, "directory/search.html", context)


# A search's results are the same for everyone who makes it, signed in or not, until the
# directory changes: the column is drawn once per search, page, language and day (cards
# say "today"), and kept for ten minutes at most. The public page cache keeps whole pages
# only for visitors who are not signed in, whose header has no name in it.
RESULTS_TEMPLATES = ("directory/includes/results.html", "core/layout/page_links.html")
RESULTS_SECONDS = EVERYONE_SECONDS  # the benchmark draws them afresh with 0


def _results_drawn_once(request: HttpRequest, query: SearchQuery) -> SafeString:
    def draw() -> SafeString:
        number = page_number(request.GET.get("page"))
        results = run_search(query, offset=(number - 1) * PER_PAGE, limit=PER_PAGE)
        page = Paginator(_CountOnly(results.total), PER_PAGE).get_page(number)
        if page.number != number:  # asked for a page past the end: show the last one
            results = run_search(query, offset=(page.number - 1) * PER_PAGE, limit=PER_PAGE)
        return _results_column(request, results, page)

    # request.GET is the search as the form reads it (`search_parameters`), page included.
    return drawn_for_everyone(
        kind="directory-results",
        shown=[request.GET.urlencode(), area_generation("directory"), timezone.localdate()],
        templates=RESULTS_TEMPLATES,
        draw=draw,
        seconds=RESULTS_SECONDS,
    )


def _results_column(request: HttpRequest, results: SearchResults, page: Page) -> SafeString:
    """The count, the cards and the links to other pages: the count and the page numbers
    drawn once as a frame for every search that has them, the rest put in."""
    numbers, addresses = page_links(request.GET, page)
    shown = {"total": results.total, "total_is_capped": results.total_is_capped, **numbers}
    holes = {"cards": result_cards(results.hits), **addresses}
    return framed_part(RESULTS_TEMPLATES[0], shown, holes=holes)


@public_page("directory")
def listing_detail(request: HttpRequest, listing_id: str) -> HttpResponse:
    listing = get_listing_for_public(listing_id=listing_id)
    can_edit = request.user.has_perm("directory.change_listing", listing)
    return render(request, "directory/listing.html", {"listing": listing, "can_edit": can_edit})


@public_page("directory")
def offer_detail(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = get_offer_for_public(offer_id=offer_id)
    can_edit = request.user.has_perm("directory.change_listing", offer.listing)
    context = {"offer": offer, "listing": offer.listing, "can_edit": can_edit}
    return render(request, "directory/offer.html", context)


@login_required
def offer_edit(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = get_offer_for_user(user=request.user, offer_id=offer_id)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            offers.offer_update(actor=request.user, offer=offer, **form.service_arguments())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("directory:offer", offer_id=offer.uuid)
    return render(request, "directory/offer_edit.html", {"form": form, "offer": offer})


def offer_calendar(request: HttpRequest, offer_id: str) -> HttpResponse:
    offer = get_offer_for_public(offer_id=offer_id)
    response = HttpResponse(calendar.offer_ics(offer), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{offer.uuid}.ics"'
    return response


def listing_calendar(request: HttpRequest, listing_id: str) -> HttpResponse:
    listing = get_listing_for_public(listing_id=listing_id)
    ics = calendar.calendar_ics(name=listing.name, offers=listing.offers.all())
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{listing.uuid}.ics"'
    return response


def _duplicate_id(error: ValidationError) -> str | None:
    found = [e.params for e in error.error_list if e.code == "duplicate" and e.params]
    return found[0]["listing_id"] if found else None


SUGGESTED_SESSION_KEY = "directory_suggested"


def listing_suggest(request: HttpRequest) -> HttpResponse:
    form = SuggestForm(request.POST or None)
    duplicate_id = None
    if request.method == "POST" and form.is_valid():
        if not public_write_allowed(request, scope="suggest"):
            form.add_error(None, TOO_MANY)
            return render(request, "directory/suggest.html", {"form": form}, status=429)
        fields = {
            name: value for name, value in form.cleaned_data.items() if name in LISTING_FIELDS
        }
        try:
            listing = listings.listing_suggest(
                actor=request.user,
                fields=fields,
                suggester_email=form.cleaned_data["suggester_email"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            duplicate_id = _duplicate_id(error)
        else:
            if listing.state == ListingState.ACTIVE:
                messages.success(request, _("The group is now in the directory."))
                return redirect("directory:listing", listing_id=listing.uuid)
            request.session[SUGGESTED_SESSION_KEY] = str(listing.uuid)
            return redirect("directory:suggested")
    context = {"form": form, "duplicate_id": duplicate_id}
    return render(request, "directory/suggest.html", context)


def listing_suggested(request: HttpRequest) -> HttpResponse:
    """Thanks, what happens next, and a way for the group itself to list it straight away."""
    listing_id = request.session.get(SUGGESTED_SESSION_KEY)
    if not listing_id:
        return redirect("directory:suggest")
    listing = get_listing_for_claim(listing_id=listing_id)
    return render(request, "directory/suggested.html", {"listing": listing})


@require_POST
def listing_claim(request: HttpRequest, listing_id: str) -> HttpResponse:
    listing = get_listing_for_claim(listing_id=listing_id)
    back = (
        redirect("directory:suggested")
        if listing.state == ListingState.PENDING
        else redirect("directory:listing", listing_id=listing.uuid)
    )
    if not public_write_allowed(request, scope="claim"):
        messages.error(request, TOO_MANY)
        return back
    try:
        listings.listing_claim_request(
            actor=request.user,
            listing=listing,
            claim_url=lambda token: request.build_absolute_uri(
                reverse("directory:claim_complete", args=[token])
            ),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("We have emailed a link to the group's contact address."))
    return back


@login_required
def listing_claim_complete(request: HttpRequest, token: str) -> HttpResponse:
    try:
        listing = listings.listing_for_claim_token(token=token)
    except ValidationError as error:
        return render(request, "directory/claim.html", {"token": token, "error": error.messages[0]})
    if request.method != "POST":
        return render(request, "directory/claim.html", {"token": token, "listing": listing})
    try:
        listing = listings.listing_claim_complete(actor=request.user, token=token)
    except ValidationError as error:
        return render(request, "directory/claim.html", {"token": token, "error": error.messages[0]})
    messages.success(request, _("You can now edit this listing."))
    return redirect("directory:listing_edit", listing_id=listing.uuid)


@login_required
def listing_edit(request: HttpRequest, listing_id: str) -> HttpResponse:
    listing = get_listing_for_user(user=request.user, listing_id=listing_id)
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        try:
            listings.listing_update(actor=request.user, listing=listing, fields=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect("directory:listing", listing_id=listing.uuid)
    return render(request, "directory/edit.html", {"form": form, "listing": listing})


@login_required
@require_POST
def listing_confirm(request: HttpRequest, listing_id: str) -> HttpResponse:
    listing = get_listing_for_user(user=request.user, listing_id=listing_id)
    listings.listing_confirm(actor=request.user, listing=listing)
    messages.success(request, _("Thank you for confirming that the group is still running."))
    return redirect("directory:listing", listing_id=listing.uuid)


@login_required
def offer_add(request: HttpRequest, listing_id: str) -> HttpResponse:
    listing = get_listing_for_user(user=request.user, listing_id=listing_id)
    form = OfferForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            offer = offers.offer_create(
                actor=request.user, listing=listing, **form.service_arguments()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("What you offer is now in the directory."))
            return redirect("directory:offer", offer_id=offer.uuid)
    return render(request, "directory/offer_add.html", {"form": form, "listing": listing})


IMPORT_SESSION_KEY = "directory_import_rows"


@login_required
def listing_import(request: HttpRequest) -> HttpResponse:
    check_user_can_import(user=request.user)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict = {"form": form}
    if request.method == "POST" and form.is_valid():
        checked = check_import_rows(form.rows)
        problems = sum(1 for row in checked if row.errors)
        warnings = sum(1 for row in checked if row.warnings and not row.errors)
        request.session[IMPORT_SESSION_KEY] = None if problems else [row.data for row in checked]
        context.update(checked=checked, problems=problems, warnings=warnings)
    return render(request, "directory/import.html", context)


@login_required
@require_POST
def listing_import_confirm(request: HttpRequest) -> HttpResponse:
    check_user_can_import(user=request.user)
    rows = request.session.pop(IMPORT_SESSION_KEY, None)
    if not rows:
        messages.error(request, _("Upload the file again: we could not find the checked rows."))
        return redirect("directory:import")
    try:
        count = listings.listings_import(actor=request.user, rows=rows)
    except ValidationError as error:
        messages.error(request, _("Nothing was imported. ") + " ".join(error.messages))
        return redirect("directory:import")
    messages.success(request, _("%(count)d groups are now in the directory.") % {"count": count})
    return redirect("directory:search")
