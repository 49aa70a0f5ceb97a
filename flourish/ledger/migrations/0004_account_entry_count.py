from django.db import migrations, models

# Every account's entries counted once, as the count is kept from now on.
COUNT_EACH_ACCOUNTS_ENTRIES = """
UPDATE ledger_ledgeraccount SET entry_count = (
    SELECT COUNT(*) FROM ledger_ledgerentry
    WHERE ledger_ledgerentry.account_id = ledger_ledgeraccount.id
)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("ledger", "0003_account_past_soft_limit_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="ledgeraccount",
            name="entry_count",
            field=models.BigIntegerField(default=0, editable=False),
        ),
        migrations.RunSQL(COUNT_EACH_ACCOUNTS_ENTRIES, reverse_sql=migrations.RunSQL.noop),
    ]
