"""Open data anyone can read: the 360Giving file of awarded grants."""

from django.http import Http404, HttpRequest, JsonResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from flourish.grants import selectors
from flourish.grants.threesixtygiving import grant_records, has_grants, stream_json


def threesixtygiving_json(request: HttpRequest) -> StreamingHttpResponse | JsonResponse:
    slug = request.GET.get("programme", "")
    if slug and not selectors.published_programme_exists(slug=slug):
        raise Http404
    if not has_grants(programme_slug=slug):
        # A 360Giving file must hold at least one grant, so an empty one would be invalid.
        message = _("No grants have been published yet. Check back when awards have been made.")
        return JsonResponse({"error": message}, status=404)
    response = StreamingHttpResponse(
        stream_json(grant_records(programme_slug=slug)), content_type="application/json"
    )
    response["Content-Disposition"] = 'inline; filename="360giving.json"'
    return response
