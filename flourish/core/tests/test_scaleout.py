"""Flourish scaled out, against real servers: a PostgreSQL replica alias, Redis for the
cache, sessions and tasks, and S3-compatible object storage for uploads.

`make test-scaleout` starts a local S3 server (moto's server mode) and sets the
environment; PostgreSQL and Redis are the machine's own. The replica alias points at
the same database as the primary, so routing is tested without replication lag.
"""

import uuid
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.core.database_routing import PINNED_COOKIE, PRIMARY, REPLICA, PrimaryReplicaRouter
from flourish.core.tests.test_prepared import RANKING as RANKED_PAGE
from flourish.directory.factories import offer_meeting_at

pytestmark = [
    pytest.mark.scaleout,
    pytest.mark.skipif(
        not (
            settings.DATABASE_REPLICA_URL
            and settings.REDIS_URL
            and settings.UPLOADS_BUCKET
            and settings.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
        ),
        reason="needs the scaled-out servers: run `make test-scaleout`",
    ),
]


def queries_on(alias: str) -> CaptureQueriesContext:
    return CaptureQueriesContext(connections[alias])


# Reads through the replica alias use their own connection, so what they read must
# be committed: these tests run without a wrapping transaction.
class TestTheReplicaRouter:
    @pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
    def test_a_public_page_reads_from_the_replica(self, client):
        with queries_on(REPLICA) as replica, queries_on(PRIMARY) as primary:
            response = client.get(reverse("grants:programme_list"))

        assert response.status_code == 200
        assert len(replica) > 0
        assert len(primary) == 0

    @pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
    def test_a_directory_search_ranks_on_the_replica_with_its_prepared_statement(
        self, client, settings
    ):
        settings.PUBLIC_PAGE_CACHE = False
        offer_meeting_at(postcode="LS6 1AA", name="Hearing Voices evening group")

        with queries_on(REPLICA) as replica, queries_on(PRIMARY) as primary:
            response = client.get(
                reverse("directory:search"), {"postcode": "LS6", "distance": "10"}
            )

        assert [hit.offer.name for hit in response.context["results"].hits] == [
            "Hearing Voices evening group"
        ]
        ranking = [q["sql"] for q in replica.captured_queries if RANKED_PAGE in q["sql"]]
        assert len(ranking) == 1 and "'LS6'" in ranking[0]
        assert len(primary) == 0

    @pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
    def test_after_a_write_the_same_person_reads_from_the_primary(self, client):
        response = client.post(reverse("set_language"), {"language": "cy", "next": "/"})
        assert PINNED_COOKIE in response.cookies

        with queries_on(REPLICA) as replica, queries_on(PRIMARY) as primary:
            client.get(reverse("grants:programme_list"))

        assert len(replica) == 0
        assert len(primary) > 0

    @pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
    def test_reads_inside_a_transaction_see_the_primary(self):
        router = PrimaryReplicaRouter()

        assert router.db_for_read(object) == REPLICA
        with transaction.atomic():
            assert router.db_for_read(object) == PRIMARY
        assert router.db_for_write(object) == PRIMARY
        assert router.allow_migrate(REPLICA, "grants") is False


@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_sessions_and_the_cache_live_in_redis_for_every_web_process(client, owner):
    import redis

    shared = redis.Redis.from_url(settings.REDIS_URL)
    client.force_login(owner)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    cache.set("seen-by-every-process", "yes", 30)

    stored = b"".join(shared.keys("*"))
    assert session_key.encode() in stored
    assert b"seen-by-every-process" in stored
    response = client.get(reverse("core:home"))
    assert response.context["user"] == owner


@pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])
def test_a_queued_email_waits_in_redis_until_an_rq_worker_sends_it():
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    from flourish.core.tasks import email_send

    queue = django_rq.get_queue("email", job_class=Job)
    queue.empty()
    email_send.enqueue(to=["organiser@example.org"], subject="Your code", body="123456")

    assert queue.count == 1
    assert mail.outbox == []

    worker = SimpleWorker([queue], connection=queue.connection, job_class=Job)
    worker.work(burst=True)

    assert [message.subject for message in mail.outbox] == ["Your code"]


@pytest.fixture
def bucket():
    import boto3

    options = settings.STORAGES["default"]["OPTIONS"]
    client = boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        region_name=options["region_name"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
    )
    name = options["bucket_name"]
    existing = [found["Name"] for found in client.list_buckets()["Buckets"]]
    if name not in existing:
        client.create_bucket(
            Bucket=name,
            CreateBucketConfiguration={"LocationConstraint": options["region_name"]},
        )
    return client, name


def test_an_upload_is_stored_privately_and_encrypted_in_object_storage_behind_a_signed_link(
    bucket,
):
    client, name = bucket
    key = f"applications/{uuid.uuid4()}/budget.pdf"

    saved = default_storage.save(key, ContentFile(b"%PDF-1.7 our budget"))

    stored = client.get_object(Bucket=name, Key=saved)["Body"].read()
    assert stored.startswith(b"gAAAAA") and b"our budget" not in stored  # encrypted before upload
    endpoint = settings.STORAGES["default"]["OPTIONS"]["endpoint_url"]
    with pytest.raises(HTTPError) as refused:
        urlopen(f"{endpoint}/{name}/{saved}", timeout=10)
    assert refused.value.code == 403
    link = default_storage.url(saved)
    assert "X-Amz-Signature=" in link
    assert "X-Amz-Expires=60" in link
    with urlopen(link, timeout=10) as signed:
        assert b"our budget" not in signed.read()  # a leaked link gives away nothing
    with default_storage.open(saved) as handle:
        assert handle.read() == b"%PDF-1.7 our budget"
