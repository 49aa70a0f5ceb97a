"""Directory search's ranking statement is prepared on PostgreSQL, logged like any other
query, and the same search finds the same groups with preparing switched off."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.directory.factories import offer_meeting_at

SEARCH = reverse("directory:search")
# The directory's page of results, ranked with its cards' columns (`ranking.Joined`).
RANKING = "SELECT shown.kind, shown.id, shown.name, shown.km, shown.area, "


@pytest.fixture(autouse=True)
def each_search_built_afresh(settings):
    settings.PUBLIC_PAGE_CACHE = False
    # Nor its results column, kept for the same search on the same page.
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "fragments": dummy}


@pytest.fixture
def groups(db):
    for number, postcode in enumerate(["LS6 1AA", "LS6 2BB", "BD1 1AA", "M14 5AB"]):
        offer_meeting_at(postcode=postcode, name=f"Peer group {number}")


def found(client, **query) -> list[str]:
    response = client.get(SEARCH, query)
    return [hit.offer.name for hit in response.context["results"].hits]


def prepared_statements(beginning: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            [beginning + "%"],
        )
        return cursor.fetchone()[0]


def prepared_rankings() -> int:
    return prepared_statements(RANKING)


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite prepares nothing")
def test_the_ranking_statement_is_prepared_once_for_every_postcode(client, groups):
    before = prepared_rankings()
    for postcode in ["LS6", "BD1", "M14", "LS6 3AB", "BD7"]:
        found(client, postcode=postcode, distance="25")
    # One statement whatever the postcode: its values are bound, not written in.
    assert prepared_rankings() == before + 1


def test_the_ranking_is_logged_with_its_values_written_in(client, groups):
    with CaptureQueriesContext(connection) as queries:
        found(client, postcode="BD1", distance="25")
    ranking = [query["sql"] for query in queries.captured_queries if RANKING in query["sql"]]
    assert len(ranking) == 1
    assert "'BD1'" in ranking[0] and "%s" not in ranking[0]


def test_without_prepared_statements_a_search_finds_the_same_groups(client, groups):
    prepared = found(client, postcode="LS6", distance="25")
    with override_settings(DATABASE_PREPARED_STATEMENTS=False):
        unprepared = found(client, postcode="LS6", distance="25")
    assert prepared == unprepared == ["Peer group 0", "Peer group 1", "Peer group 2"]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite prepares nothing")
def test_each_set_of_words_is_planned_once_for_every_postcode(client, groups):
    """Words are written into the statement, so each is planned knowing how common it is;
    postcodes are bound, so one plan serves every postcode."""
    before = prepared_rankings()
    for postcode in ["LS6", "BD1", "M14"]:
        found(client, q="peer", postcode=postcode, distance="25")
    assert prepared_rankings() == before + 1
    found(client, q="group", postcode="LS6", distance="25")
    assert prepared_rankings() == before + 2
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            [RANKING + "%'peer'%"],
        )
        (statement,) = cursor.fetchone()
    assert "'LS6'" not in statement and "$1" in statement


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite prepares nothing")
def test_a_prepared_search_keeps_one_plan_from_its_first_run(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"


def test_words_that_look_like_sql_are_searched_for_as_words(client, groups):
    hostile = "peer'); DROP TABLE directory_offer; -- \\' \"group"
    assert found(client, q=hostile, postcode="LS6", distance="25") == []
    assert found(client, q="peer group", postcode="LS6", distance="25") == [
        "Peer group 0",
        "Peer group 1",
        "Peer group 2",
    ]
    assert found(client, q="group", postcode="LS6", distance="25")  # the table is still there


NEAR_BD1 = {"postcode": "BD1", "proximity": "40000"}
LINKS = 'SELECT "directory_offerplace"."id" AS "pk", "directory_offerplace"."uuid"'


def services_at_locations(client) -> dict:
    return client.get(reverse("openreferral:service_at_locations"), NEAR_BD1).json()


def test_without_prepared_statements_open_referral_answers_the_same(client, groups):
    prepared = services_at_locations(client)
    with override_settings(DATABASE_PREPARED_STATEMENTS=False):
        unprepared = services_at_locations(client)

    assert prepared == unprepared
    assert prepared["total_items"] == 3  # Leeds twice and Bradford; not Manchester


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite prepares nothing")
def test_a_page_of_services_at_locations_is_planned_once_per_connection(client, groups):
    before = prepared_statements(LINKS)
    for _ in range(3):
        services_at_locations(client)

    assert prepared_statements(LINKS) == before + 1


def service_names(client, **query) -> list[str]:
    answer = client.get(reverse("openreferral:services"), query).json()
    return [service["name"] for service in answer["contents"]]


def test_a_statement_written_once_for_a_page_size_reads_each_page_asked_for(client, groups):
    """The second page of two has as many ids as the first, so it is run with the
    statement written for the first: with its own ids, not the first page's."""
    first = service_names(client, per_page=2, page=1)
    second = service_names(client, per_page=2, page=2)

    assert first == ["Peer group 0", "Peer group 1"]
    assert second == ["Peer group 2", "Peer group 3"]


def test_rows_by_id_refuses_a_statement_that_binds_values_of_its_own(groups):
    from flourish.core.prepared import rows_with_ids
    from flourish.directory.models import Offer

    named = Offer.objects.filter(name="Peer group 0").values_list("pk")
    with pytest.raises(ValueError, match="the ids and nothing else"):
        rows_with_ids(named, [1, 2], name="offers with one name")


def test_a_statement_written_once_for_some_values_reads_only_their_rows_and_what_is_there_now(
    groups,
):
    from flourish.core.prepared import rows_written_once
    from flourish.directory.models import Offer

    def named(name):
        return rows_written_once(
            lambda: Offer.objects.filter(name=name).values_list("name"),
            [name],
            name="offers with a name",
            model=Offer,
        )

    assert named("Peer group 0") == [("Peer group 0",)]
    assert named("Peer group 1") == [("Peer group 1",)]  # never the first one's statement
    Offer.objects.filter(name="Peer group 0").update(name="Peer group 0, renamed")
    assert named("Peer group 0") == []


def test_a_statement_written_once_must_take_its_values_and_nothing_else(groups):
    from flourish.core.prepared import rows_written_once
    from flourish.directory.models import Offer

    with pytest.raises(ValueError, match="must take \\['Peer group 0'\\] and nothing else"):
        rows_written_once(
            lambda: Offer.objects.filter(name="Peer group 0", pk__gt=0).values_list("pk"),
            ["Peer group 0"],
            name="offers with a name, and a number of its own",
            model=Offer,
        )
