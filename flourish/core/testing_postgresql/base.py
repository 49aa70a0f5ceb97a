"""PostgreSQL for the test suite only: empties tables with DELETE, not TRUNCATE.

Tests that need a live server (the browser suite) empty every table after each
test. TRUNCATE gives each of the ~120 tables new files on disk, which costs
PostgreSQL seconds per test and made the browser suite on PostgreSQL nearly twice
as slow as on SQLite. A DELETE of a few rows costs milliseconds. Foreign keys are
DEFERRABLE INITIALLY DEFERRED (Django creates them so), so the order of the
DELETEs does not matter inside the flush's transaction.

The ledger's tables refuse UPDATE and DELETE with a trigger (append-only money).
Only here, inside the flush's transaction, are the table's own triggers switched
off around its DELETE; the guard stays on everywhere else and in every test.

Chosen by settings.py when FLOURISH_ENV=test and DATABASE_URL is PostgreSQL.
"""

from django.db.backends.postgresql import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if not tables:
            return []
        delete_from = f"{style.SQL_KEYWORD('DELETE')} {style.SQL_KEYWORD('FROM')}"
        names = {table: style.SQL_FIELD(self.quote_name(table)) for table in tables}
        with_triggers = self.connection.tables_with_own_triggers()
        guarded = [names[table] for table in tables if table in with_triggers]
        # PostgreSQL refuses ALTER TABLE on a table with foreign-key checks still
        # pending, so the guards go off before the first DELETE and come back on
        # only after the deferred checks have run (on empty tables, so they pass).
        statements = [f"ALTER TABLE {name} DISABLE TRIGGER USER;" for name in guarded]
        statements += [f"{delete_from} {name};" for name in names.values()]
        statements.append("SET CONSTRAINTS ALL IMMEDIATE;")
        statements += [f"ALTER TABLE {name} ENABLE TRIGGER USER;" for name in guarded]
        if reset_sequences:
            sequences = [
                sequence
                for sequence in self.connection.introspection.sequence_list()
                if sequence["table"] in names
            ]
            statements.extend(self.sequence_reset_by_name_sql(style, sequences))
        return statements


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def tables_with_own_triggers(self) -> set[str]:
        """Tables with triggers of their own (not the ones PostgreSQL makes for foreign keys)."""
        with self.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"
            )
            return {row[0].strip('"') for row in cursor.fetchall()}
