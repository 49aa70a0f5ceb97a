"""Pages that show a few rows of a large table find them by an index, however big the
table grows: an applicant's list, a group's page, a timebank coordinator's dashboard.
Each once read its whole table, because of how its question was put
(docs/deployment.md, "What each page asks of the database").

A test database holds a handful of rows, where reading everything is cheapest, so the
planner is asked to avoid that wherever it can; a question that can only be answered
by reading the whole table is read whole all the same, and the test names the table.
Other pages of that sweep (a council's overview, a programme's dashboard) read too much
only by the planner's choice at national size, which a handful of rows cannot show:
the benchmarks measure those.
"""

import json

import pytest
from django.db import connection

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.grants.factories import AwardFactory, GroupFactory
from flourish.grants.selectors import application_list_for_applicant
from flourish.learning.selectors.support import support_organisation_choices
from flourish.timebank.factories import TimebankFactory
from flourish.timebank.selectors.exchanges import members_past_soft_limit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="reads the plans PostgreSQL makes"
    ),
]


def _read_whole(node: dict) -> set[str]:
    """Tables this plan reads from end to end: a sequential scan, or an index walked
    from end to end with no condition on it."""
    found = set()
    table = node.get("Relation Name")
    reads_all = node["Node Type"] == "Seq Scan" or (
        node["Node Type"] in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
    )
    if table and reads_all:
        found.add(table)
    for child in node.get("Plans", []):
        found |= _read_whole(child)
    return found


def tables_read_whole(sql: str, params: tuple | list = ()) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return _read_whole(plan[0]["Plan"])


def test_an_applicants_list_reads_only_their_own_applications():
    person = UserFactory()
    group = GroupFactory()
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_LEAD)
    AwardFactory(application__group=group)
    sql, params = application_list_for_applicant(user=person).query.sql_with_params()

    assert "grants_application" not in tables_read_whole(sql, params)


def test_a_groups_page_finds_who_gives_support_without_reading_every_organisation():
    sql, params = support_organisation_choices().query.sql_with_params()

    assert "accounts_organisation" not in tables_read_whole(sql, params)


def _indexes(node: dict, table: str) -> set[str]:
    found: set[str] = set()
    if node.get("Relation Name") == table:
        # An index scan names its index; a bitmap scan reads through the index scans
        # below it, which name only their index.
        found = {node["Index Name"]} if "Index Name" in node else _bitmap_indexes(node)
    for child in node.get("Plans", []):
        found |= _indexes(child, table)
    return found


def _bitmap_indexes(node: dict) -> set[str]:
    found = {node["Index Name"]} if node["Node Type"] == "Bitmap Index Scan" else set()
    for child in node.get("Plans", []):
        found |= _bitmap_indexes(child)
    return found


def indexes_read(sql: str, params: tuple | list, table: str) -> set[str]:
    """The indexes through which this plan reads `table` (none if it reads the table).

    Nor may the plan look each row up by its key from another table's rows: for a
    handful of rows that is cheapest or not depending on how big the tables' files have
    grown over the test run, so a plan that could use the index at national size would
    pass or fail by the order the tests ran in."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return _indexes(plan[0]["Plan"], table)


def test_a_coordinator_finds_members_past_their_soft_limit_among_those_accounts_alone():
    # A timebank's members can be found by their timebank and each account looked up,
    # which is every member at 10,000 members; the ledger's partial index holds only the
    # accounts past their limit, most overdrawn first.
    past = members_past_soft_limit(timebank=TimebankFactory())[:20]
    sql, params = past.query.sql_with_params()

    assert indexes_read(sql, params, "ledger_ledgeraccount") == {"ledger_account_past_soft_limit"}


def test_a_question_that_can_only_be_answered_by_reading_everything_is_caught():
    # The check itself, so that it cannot pass by never finding anything.
    assert "accounts_organisation" in tables_read_whole(
        "SELECT id FROM accounts_organisation WHERE lower(name) LIKE %s", ["%voices%"]
    )
