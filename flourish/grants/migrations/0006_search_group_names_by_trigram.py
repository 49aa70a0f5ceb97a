"""Staff search a programme's applications by a few letters of a group's name
(`name__icontains`, which PostgreSQL runs as `UPPER(name::text) LIKE UPPER('%…%')`).
A B-tree index cannot serve a pattern with a leading wildcard, so in a programme of
10,000 applications every group was read. A trigram index on the same expression can.

PostgreSQL only, and only where the `pg_trgm` extension can be created (it ships with
PostgreSQL; creating it needs the right to do so). Without it the search still works,
just without the index; SQLite has no such index and needs none at its sizes.
"""

from django.db import migrations, transaction

INDEX = "accounts_organisation_name_trgm"


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        try:
            # A savepoint, so a refusal leaves the rest of the migration's transaction usable.
            with transaction.atomic(using=schema_editor.connection.alias):
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - no right to create extensions: go on without the index
            return
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON accounts_organisation "
            "USING gin (UPPER(name::text) gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_encrypt_authenticator_secrets"),
        ("grants", "0005_programmes_funded_through_the_ledger_and_holding_partners"),
    ]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
