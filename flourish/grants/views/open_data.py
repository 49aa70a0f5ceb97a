"""Open data anyone can read: the 360Giving file of awarded grants."""

from django.http import HttpRequest, StreamingHttpResponse

from flourish.grants.threesixtygiving import grant_records, stream_json


def threesixtygiving_json(request: HttpRequest) -> StreamingHttpResponse:
    records = grant_records(programme_slug=request.GET.get("programme", ""))
    response = StreamingHttpResponse(stream_json(records), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="360giving.json"'
    return response
