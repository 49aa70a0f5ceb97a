"""Where reads go when a replica is configured: never to the replica just after a write.

The router and its middleware decide by alias name alone, so these run without a
replica; `test_scaleout.py` checks the same against real PostgreSQL connections.
"""

from django.http import HttpResponse
from django.test import RequestFactory

from flourish.core.database_routing import (
    PINNED_COOKIE,
    PRIMARY,
    REPLICA,
    PrimaryAfterWriteMiddleware,
    PrimaryReplicaRouter,
)

router = PrimaryReplicaRouter()


def _through_middleware(request, during):
    """Run `during()` as the view of this request; return what it saw and the response."""
    seen = {}

    def view(request):
        seen.update(during())
        return HttpResponse("ok")

    response = PrimaryAfterWriteMiddleware(view)(request)
    return seen, response


def test_a_read_with_nothing_written_goes_to_the_replica():
    seen, _response = _through_middleware(
        RequestFactory().get("/"), lambda: {"read": router.db_for_read(object)}
    )

    assert seen["read"] == REPLICA


def test_every_read_of_a_request_that_writes_goes_to_the_primary():
    seen, response = _through_middleware(
        RequestFactory().post("/"), lambda: {"read": router.db_for_read(object)}
    )

    assert seen["read"] == PRIMARY
    assert response.cookies[PINNED_COOKIE]["max-age"] > 0


def test_the_next_request_of_a_person_who_just_wrote_reads_from_the_primary():
    request = RequestFactory().get("/")
    request.COOKIES[PINNED_COOKIE] = "1"

    seen, _response = _through_middleware(request, lambda: {"read": router.db_for_read(object)})

    assert seen["read"] == PRIMARY


def test_a_read_after_a_write_in_the_same_request_goes_to_the_primary():
    def write_then_read():
        before = router.db_for_read(object)
        written = router.db_for_write(object)
        return {"before": before, "written": written, "after": router.db_for_read(object)}

    seen, _response = _through_middleware(RequestFactory().get("/"), write_then_read)

    assert seen == {"before": REPLICA, "written": PRIMARY, "after": PRIMARY}


def test_a_write_in_one_request_does_not_send_the_next_persons_reads_to_the_primary():
    _through_middleware(RequestFactory().get("/"), lambda: {"w": router.db_for_write(object)})

    seen, _response = _through_middleware(
        RequestFactory().get("/"), lambda: {"read": router.db_for_read(object)}
    )

    assert seen["read"] == REPLICA


def test_the_replica_never_gets_migrations():
    assert router.allow_migrate(REPLICA, "grants") is False
    assert router.allow_migrate(PRIMARY, "grants") is True
