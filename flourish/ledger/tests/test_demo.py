import io

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import Organisation
from flourish.ledger import demo
from flourish.ledger.models import LedgerEntry, LedgerTransaction
from flourish.ledger.selectors import account_balance, accounts_for_owner


def test_the_demo_funds_the_programme_and_runs_again_without_posting_twice(db):
    accounts_demo.build(io.StringIO())
    demo.build(io.StringIO())
    entries = LedgerEntry.objects.count()
    output = io.StringIO()
    demo.build(output)
    assert LedgerEntry.objects.count() == entries
    assert LedgerTransaction.objects.count() == 4
    funder = Organisation.objects.get(slug="community-minds-fund")
    [budget] = accounts_for_owner(owner=funder)
    assert account_balance(account=budget) == 12_000_000
    assert "Community Minds Fund programme budget holds £120,000" in output.getvalue()
