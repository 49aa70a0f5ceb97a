"""A line Flourish writes on a transaction reads in the reader's language, whoever wrote it."""

import datetime

from django.utils import translation

from flourish.ledger.descriptions import Described
from flourish.ledger.services import transaction_post, transaction_reverse
from flourish.ledger.tests.conftest import new_key

# A message the budgets app writes (and its catalogues translate).
PERIOD = "Personal budget for the period from %(day)s"


def _post(outside, budget, description):
    return transaction_post(
        idempotency_key=new_key(),
        lines=[(outside, -500), (budget, 500)],
        description=description,
        actor=None,
    )


def _read(transaction, language):
    transaction.refresh_from_db()
    with translation.override(language):
        return transaction.described


def test_written_in_english_read_in_welsh_and_urdu_with_the_month_in_each(outside, budget):
    with translation.override("en-gb"):
        posted = _post(outside, budget, Described(PERIOD, {"day": datetime.date(2026, 1, 1)}))
    assert posted.description == "Personal budget for the period from 1 January 2026"
    assert _read(posted, "cy") == "Cyllideb bersonol ar gyfer y cyfnod o 1 Ionawr 2026"
    assert _read(posted, "ur") == "1 جنوری 2026 سے شروع ہونے والی مدت کا ذاتی بجٹ"


def test_written_in_welsh_read_in_english_and_kept_as_written(outside, budget):
    with translation.override("cy"):
        posted = _post(outside, budget, Described(PERIOD, {"day": datetime.date(2026, 3, 1)}))
    assert _read(posted, "en-gb") == "Personal budget for the period from 1 March 2026"
    # What the audit trail and the database show: the words as the officer wrote them.
    assert posted.description == "Cyllideb bersonol ar gyfer y cyfnod o 1 Mawrth 2026"


def test_a_reversal_names_what_it_reverses_in_the_readers_language(outside, budget):
    posted = _post(outside, budget, Described(PERIOD, {"day": datetime.date(2026, 1, 1)}))
    reversal = transaction_reverse(
        transaction=posted, idempotency_key=new_key(), actor=None, reason="paid twice"
    )
    assert _read(reversal, "cy") == (
        "Yn gwrthdroi “Cyllideb bersonol ar gyfer y cyfnod o 1 Ionawr 2026”: paid twice"
    )


def test_words_a_person_typed_are_shown_as_typed_in_every_language(outside, budget):
    posted = _post(outside, budget, "Arian i’r grŵp cerdded")
    assert _read(posted, "en-gb") == _read(posted, "ur") == "Arian i’r grŵp cerdded"
