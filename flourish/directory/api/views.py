"""The Open Referral UK 3.0 API: public, read-only, no key, throttled per client."""

import json
import logging
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse

from flourish.core.public_cache import public_page
from flourish.directory.api import kept, params, selectors, serializers
from flourish.directory.api.throttle import seconds_until_allowed

OPENAPI_FILE = Path(__file__).resolve().parent.parent / "data" / "openapi.json"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile"
logger = logging.getLogger(__name__)


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"status": status, "message": message}, status=status)


def api_view(view: Callable[..., dict[str, Any]] | None = None, *, cached: bool = True) -> Any:
    """GET only, throttled, CORS open to all, and every failure a JSON message.

    Answers are the same for everyone, so they are kept in the public page cache with
    the directory's pages (and built afresh when a group, offer or place changes);
    every request still counts against its client's allowance first. `cached=False`
    for answers that name the host they were asked on."""

    def decorate(view: Callable[..., dict[str, Any]]) -> Callable[..., HttpResponse]:
        def built(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return JsonResponse(view(request, *args, **kwargs))
            except params.ApiError as error:
                return _error(error.status, error.message)
            except Http404:
                return _error(404, "There is nothing with that id.")
            except Exception:
                # A client of a JSON API must get JSON even when we fail; the error is logged.
                logger.exception("Open Referral API request failed: %s", request.get_full_path())
                return _error(500, "Something went wrong on our side. Try again later.")

        answer = public_page("directory")(built) if cached else built

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD"):
                response: HttpResponse = _error(405, "This API is read-only: use GET.")
                response["Allow"] = "GET, HEAD"
            elif wait := seconds_until_allowed(request):
                response = _error(429, f"Too many requests. Try again in {wait} seconds.")
                response["Retry-After"] = str(wait)
            else:
                response = answer(request, *args, **kwargs)
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


def _page(paging: params.Paging, total: int, contents: list[dict[str, Any]]) -> dict[str, Any]:
    params.check_page_exists(paging, total)
    total_pages = max(1, -(-total // paging.per_page))
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": paging.page,
        "size": len(contents),
        "first_page": paging.page == 1,
        "last_page": paging.page >= total_pages,
        "empty": total == 0,
        "contents": contents,
    }


def _queryset_page(
    request: HttpRequest, queryset: QuerySet, serialize: Callable[[Any], dict[str, Any]]
) -> dict[str, Any]:
    paging = params.paging(request.GET)
    total = queryset.count()
    params.check_page_exists(paging, total)
    rows = queryset[paging.offset : paging.offset + paging.per_page]
    return _page(paging, total, [serialize(row) for row in rows])


@api_view(cached=False)
def root(request: HttpRequest) -> dict[str, Any]:
    return {
        "version": "3.0",
        "profile": PROFILE_URL,
        "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
    }


@lru_cache(maxsize=1)
def _openapi_document() -> dict[str, Any]:
    return json.loads(OPENAPI_FILE.read_text())


@api_view(cached=False)
def openapi(request: HttpRequest) -> dict[str, Any]:
    server = request.build_absolute_uri(reverse("openreferral:root")).rstrip("/")
    return {**_openapi_document(), "servers": [{"url": server}]}


@api_view(cached=False)
def no_such_path(request: HttpRequest, rest: str) -> dict[str, Any]:
    raise params.ApiError(
        404,
        "There is nothing at this address. Paths have no slash at the end, for example "
        "/openreferral/services; /openreferral/openapi.json lists them all.",
    )


@api_view
def services(request: HttpRequest) -> dict[str, Any]:
    paging = params.paging(request.GET)
    query = params.search_query(request.GET)
    total, ids = selectors.service_page(query, offset=paging.offset, limit=paging.per_page)
    return _page(paging, total, kept.services(ids))


@api_view
def service_detail(request: HttpRequest, service_id: str) -> dict[str, Any]:
    offer = selectors.service_for_api(service_id=params.parse_id(service_id, "service"))
    return serializers.service_full(offer)


@api_view
def service_at_locations(request: HttpRequest) -> dict[str, Any]:
    paging = params.paging(request.GET)
    query = params.search_query(request.GET, with_place=True)
    total, ids = selectors.service_at_location_page(
        query, offset=paging.offset, limit=paging.per_page
    )
    return _page(paging, total, kept.services_at_locations(ids))


@api_view
def service_at_location_detail(request: HttpRequest, link_id: str) -> dict[str, Any]:
    link = selectors.service_at_location_for_api(
        link_id=params.parse_id(link_id, "service_at_location")
    )
    return serializers.service_at_location_full(link)


@api_view
def taxonomies(request: HttpRequest) -> dict[str, Any]:
    return _queryset_page(request, selectors.taxonomy_list(), serializers.taxonomy)


@api_view
def taxonomy_detail(request: HttpRequest, taxonomy_id: str) -> dict[str, Any]:
    item = selectors.taxonomy_for_api(taxonomy_id=params.parse_id(taxonomy_id, "taxonomy"))
    return serializers.taxonomy(item, with_terms=True)


@api_view
def taxonomy_terms(request: HttpRequest) -> dict[str, Any]:
    return _queryset_page(request, selectors.taxonomy_term_list(), serializers.taxonomy_term)


@api_view
def taxonomy_term_detail(request: HttpRequest, term_id: str) -> dict[str, Any]:
    term = selectors.taxonomy_term_for_api(term_id=params.parse_id(term_id, "taxonomy term"))
    return serializers.taxonomy_term(term)
