"""Paying awards through the ledger: to the group, or to a holding partner; never twice."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from flourish.grants.factories import (
    ProgrammeFactory,
    application_with_lines,
    holding_partner_for,
)
from flourish.grants.models import ApplicationStatus, PayeeKind, Payment, Stage
from flourish.grants.services.decisions import award_make
from flourish.grants.services.payments import (
    RECEIVED_PURPOSE,
    award_pay,
    programme_budget_account,
    programme_fund,
    supplier_payments_account,
)
from flourish.grants.status import applicant_status
from flourish.ledger.models import LedgerTransaction, Unit
from flourish.ledger.selectors import account_balance
from flourish.ledger.services import account_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def funded_programme(funder, staff):
    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION], budget_pence=0)
    outside = account_open(
        owner=None, purpose="outside-world", unit=Unit.GBP, name="Outside world", floor=None
    )
    programme_fund(
        programme=programme,
        actor=staff,
        amount_pence=500_000,
        source=outside,
        idempotency_key="test-top-up",
    )
    return programme


def _award(programme, staff, amount=150_000, **kwargs):
    application = application_with_lines(programme=programme)
    return award_make(application=application, actor=staff, amount_pence=amount, **kwargs)


def test_paying_an_award_moves_money_from_the_programme_budget_to_the_group(
    staff, funded_programme
):
    award = _award(funded_programme, staff)

    award_pay(award=award, actor=staff, idempotency_key="click-1")

    group_account = account_open(
        owner=award.application.group, purpose=RECEIVED_PURPOSE, unit=Unit.GBP, name="x"
    )
    assert account_balance(account=group_account) == 150_000
    budget = programme_budget_account(programme=funded_programme)
    assert account_balance(account=budget) == 350_000
    award.application.refresh_from_db()
    assert award.application.status == ApplicationStatus.PAID
    assert award.application.paid_at is not None


def test_a_double_click_or_retry_never_pays_twice(staff, funded_programme):
    award = _award(funded_programme, staff)
    transactions_before = LedgerTransaction.objects.count()

    first = award_pay(award=award, actor=staff, idempotency_key="click-1")
    again = award_pay(award=award, actor=staff, idempotency_key="click-1")

    assert first == again
    assert LedgerTransaction.objects.count() == transactions_before + 1
    with pytest.raises(ValidationError, match="paid in full already"):
        award_pay(award=award, actor=staff, idempotency_key="a-new-page-load")
    assert Payment.objects.count() == 1
    budget = programme_budget_account(programme=funded_programme)
    assert account_balance(account=budget) == 350_000


def test_the_pay_button_pressed_twice_pays_once(client, staff, funded_programme):
    award = _award(funded_programme, staff)
    client.force_login(staff)
    url = reverse("grants:pay", args=[award.application_id])

    client.post(url, {"idempotency_key": "form-key"})
    client.post(url, {"idempotency_key": "form-key"})

    assert Payment.objects.count() == 1
    assert account_balance(account=programme_budget_account(programme=funded_programme)) == 350_000


def test_the_pay_button_says_how_much_it_pays(client, staff, funded_programme):
    award = _award(funded_programme, staff)
    client.force_login(staff)

    page = client.get(reverse("grants:pay", args=[award.application_id])).content.decode()

    assert ">Pay £1,500</button>" in page


def test_a_group_without_a_bank_account_is_paid_through_its_holding_partner(
    staff, funded_programme
):
    partner = holding_partner_for(funded_programme.funder)
    award = _award(funded_programme, staff, holding_partner=partner)

    payment = award_pay(award=award, actor=staff, idempotency_key="held")

    assert payment.paid_to == partner
    assert payment.payee_kind == PayeeKind.HOLDING_PARTNER
    entries = payment.ledger_transaction.entries.select_related("account")
    credited = next(entry for entry in entries if entry.amount > 0)
    assert credited.account.owner == partner


def test_staff_can_pay_a_supplier_on_the_groups_behalf_and_see_it_on_the_application(
    client, staff, funded_programme
):
    award = _award(funded_programme, staff)
    client.force_login(staff)
    url = reverse("grants:pay", args=[award.application_id])
    form = {
        "idempotency_key": "supplier-click",
        "payee": "supplier",
        "supplier_name": "Leeds Print Co",
        "supplier_for": "200 leaflets",
    }

    assert "A supplier, on the group&#x27;s behalf" in client.get(url).content.decode()
    client.post(url, form)
    client.post(url, form)

    payment = Payment.objects.get()
    assert payment.payee_kind == PayeeKind.SUPPLIER
    assert payment.paid_to is None
    assert (payment.supplier_name, payment.supplier_for) == ("Leeds Print Co", "200 leaflets")
    assert "Leeds Print Co" in payment.ledger_transaction.description
    supplier = supplier_payments_account(programme=funded_programme)
    assert account_balance(account=supplier) == 150_000
    assert account_balance(account=programme_budget_account(programme=funded_programme)) == 350_000
    group_account = account_open(
        owner=award.application.group, purpose=RECEIVED_PURPOSE, unit=Unit.GBP, name="x"
    )
    assert account_balance(account=group_account) == 0
    html = client.get(reverse("grants:review", args=[award.application_id])).content.decode()
    paid = '<bdi dir="ltr">£1,500</bdi> paid to Leeds Print Co, a supplier, for 200 leaflets'
    assert paid in html


def test_paying_a_supplier_without_saying_who_or_what_for_pays_nothing(
    client, staff, funded_programme
):
    award = _award(funded_programme, staff)
    client.force_login(staff)

    response = client.post(
        reverse("grants:pay", args=[award.application_id]),
        {"idempotency_key": "k", "payee": "supplier", "supplier_name": " ", "supplier_for": ""},
    )

    html = response.content.decode()
    assert "Enter the supplier&#x27;s name, for example Leeds Print Co." in html
    assert "Enter what the payment is for, for example 200 leaflets." in html
    assert Payment.objects.count() == 0
    assert account_balance(account=programme_budget_account(programme=funded_programme)) == 500_000


def test_a_group_payment_records_that_it_went_to_the_group(staff, funded_programme):
    award = _award(funded_programme, staff)

    payment = award_pay(award=award, actor=staff, idempotency_key="to-group")

    assert payment.payee_kind == PayeeKind.GROUP
    assert payment.paid_to == award.application.group


def test_an_award_can_be_paid_in_instalments(staff, funded_programme):
    award = _award(funded_programme, staff, amount=150_000)

    award_pay(award=award, actor=staff, idempotency_key="first-half", amount_pence=75_000)
    award.application.refresh_from_db()
    assert award.application.status == ApplicationStatus.AWARDED
    award_pay(award=award, actor=staff, idempotency_key="second-half")

    award.refresh_from_db()
    assert award.paid_pence == 150_000


def test_a_programme_whose_budget_holds_no_money_awards_nothing_and_says_how_to_fix_it(
    staff, funder
):
    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION], budget_pence=0)
    application = application_with_lines(programme=programme)

    with pytest.raises(ValidationError, match="Add money to the budget"):
        award_make(application=application, actor=staff, amount_pence=150_000)

    assert not Payment.objects.exists()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def _click_at_once(award, staff, keys):
    """Each key pays from its own thread and connection, all starting together; each click's
    outcome is kept: the payment it returned, or the message it was refused with."""
    start = threading.Barrier(len(keys))
    outcomes = {}

    def click(key, number):
        try:
            start.wait()
            outcomes[number] = award_pay(award=award, actor=staff, idempotency_key=key).pk
        except ValidationError as error:
            outcomes[number] = " ".join(error.messages)
        except Exception as error:  # anything else is a failure the assertion shows
            outcomes[number] = repr(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=click, args=(key, number)) for number, key in enumerate(keys)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcomes[number] for number in range(len(keys))]


ROW_LOCKS = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite locks the file"
)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@ROW_LOCKS
def test_two_clicks_arriving_at_the_same_moment_pay_once_and_both_see_that_payment(
    staff, funded_programme
):
    award = _award(funded_programme, staff)

    outcomes = _click_at_once(award, staff, ["same", "same"])

    payment = Payment.objects.get()
    assert outcomes == [payment.pk, payment.pk]
    assert payment.amount_pence == 150_000
    assert account_balance(account=programme_budget_account(programme=funded_programme)) == 350_000


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@ROW_LOCKS
def test_two_staff_paying_the_same_award_at_once_pay_once_and_the_second_is_told_why(
    staff, funded_programme
):
    award = _award(funded_programme, staff)

    outcomes = _click_at_once(award, staff, ["first-person", "second-person"])

    payment = Payment.objects.get()
    refusal = "This grant has been paid in full already, so nothing was paid."
    assert sorted(outcomes, key=str) == sorted([payment.pk, refusal], key=str)
    award.refresh_from_db()
    assert award.paid_pence == 150_000
    assert account_balance(account=programme_budget_account(programme=funded_programme)) == 350_000


def test_a_payment_key_already_used_for_another_award_is_refused_and_pays_nothing(
    staff, funded_programme
):
    first, second = _award(funded_programme, staff), _award(funded_programme, staff)
    award_pay(award=first, actor=staff, idempotency_key="click-1")

    with pytest.raises(ValidationError, match="already used to pay a different grant"):
        award_pay(award=second, actor=staff, idempotency_key="click-1")

    second.refresh_from_db()
    assert second.paid_pence == 0
    assert not Payment.objects.filter(award=second).exists()


def test_the_pay_page_says_so_when_its_key_was_used_for_another_award(
    client, staff, funded_programme
):
    first, second = _award(funded_programme, staff), _award(funded_programme, staff)
    award_pay(award=first, actor=staff, idempotency_key="click-1")
    client.force_login(staff)

    response = client.post(
        reverse("grants:pay", args=[second.application_id]),
        {"idempotency_key": "click-1", "payee": "group"},
    )

    assert response.status_code == 200
    assert "already used to pay a different grant" in response.content.decode()
    second.refresh_from_db()
    assert second.paid_pence == 0


def test_a_group_reads_which_part_of_its_grant_went_straight_to_a_supplier(staff, funded_programme):
    award = _award(funded_programme, staff)
    supplier = {"to_supplier": True, "supplier_name": "Leeds Print Co", "supplier_for": "leaflets"}
    award_pay(award=award, actor=staff, idempotency_key="s", amount_pence=50_000, **supplier)
    award.refresh_from_db()

    assert applicant_status(award.application).now == (
        "We have paid £500 of your £1,500 grant straight to suppliers, for your group."
    )

    award_pay(award=award, actor=staff, idempotency_key="g", amount_pence=30_000)
    award.refresh_from_db()
    words = applicant_status(award.application)

    assert words.now == (
        "We have paid £300 of your £1,500 grant to your group and £500 straight to "
        "suppliers, for your group."
    )
    assert words.next == "Please accept the grant and its conditions below."
