"""Staff search by a few letters of a group's name is served by an index on PostgreSQL,
so a programme of 10,000 applications does not read every group to find "voices"."""

import pytest
from django.db import connection

from flourish.accounts.models import Organisation

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's own"
    ),
]


def test_searching_group_names_uses_the_trigram_index():
    # The staff list's search is `group__name__icontains`: the same condition on groups.
    groups = Organisation.objects.filter(name__icontains="voices").values("id")
    sql, params = groups.query.sql_with_params()
    with connection.cursor() as cursor:
        # With a handful of rows a full read is cheapest, so the planner is asked to
        # prefer indexes, as it does by itself once a programme has thousands of groups.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "accounts_organisation_name_trgm" in plan
