"""What a group reads about its application: what is true now, and what happens next.

Each sentence must stay true: nothing says money is coming before the group has
accepted its grant, and nothing says money was sent before a payment is recorded. When a
holding partner holds the grant, every sentence says the money went to the partner, what the
partner holds for the group now, and what the group can do about it.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from flourish.core.formatting import format_pence
from flourish.grants.models import Application, ApplicationStatus, Award, PayeeKind, Payment
from flourish.grants.money import HeldMoney, award_held_money


@dataclass(frozen=True)
class StatusWords:
    now: str
    next: str

    def __str__(self) -> str:
        return f"{self.now} {self.next}".strip()


def _before_award(status: str) -> StatusWords:
    words = {
        ApplicationStatus.DRAFT: (
            _("Not sent yet."),
            _("You can carry on where you left off and send it when you are ready."),
        ),
        ApplicationStatus.SUBMITTED: (
            _("We have your application."),
            _("Next, we check that it fits this fund. We will tell you here what we decide."),
        ),
        ApplicationStatus.NOT_ELIGIBLE: (
            _("We cannot fund this, sorry."),
            _("Our message below says why, and where else you could try."),
        ),
        ApplicationStatus.IN_REVIEW: (
            _("We are considering your application."),
            _(
                "If we need to talk it through, we will contact you the way you asked. "
                "We will tell you here what we decide."
            ),
        ),
        ApplicationStatus.SHORTLISTED: (
            _("Your application is on the shortlist."),
            _("Next, the fund decides whether to give you a grant. We will tell you here."),
        ),
        ApplicationStatus.DECLINED: (
            _("We are not able to fund this, sorry."),
            _("Our reasons and feedback are below. You are welcome to apply again."),
        ),
    }
    now, following = words[ApplicationStatus(status)]
    return StatusWords(str(now), str(following))


def _paid_to_suppliers_pence(award: Award) -> int:
    # `payments.all()`, so that a list of applications can prefetch them in one query.
    return sum(
        payment.amount_pence
        for payment in award.payments.all()
        if payment.payee_kind == PayeeKind.SUPPLIER
    )


def _paid_with_suppliers(award: Award, to_suppliers: int) -> str:
    """What was paid when some of it went straight to suppliers: the group must not read
    that money reached its own account."""
    to_group = award.paid_pence - to_suppliers
    amounts = {
        "amount": format_pence(award.amount_pence),
        "paid": format_pence(to_suppliers),
        "group": format_pence(to_group),
    }
    if to_group:
        return (
            _(
                "We have paid %(group)s of your %(amount)s grant to your group and %(paid)s "
                "straight to suppliers, for your group."
            )
            % amounts
        )
    return (
        _("We have paid %(paid)s of your %(amount)s grant straight to suppliers, for your group.")
        % amounts
    )


def _awarded(award: Award) -> StatusWords:
    amount, paid = award.amount_pence, award.paid_pence
    to_suppliers = _paid_to_suppliers_pence(award) if paid else 0
    if to_suppliers:
        following = (
            _("Please accept the grant and its conditions below.")
            if award.accepted_at is None
            else _("We will pay the rest and show each payment on this page.")
            if paid < amount
            else _("When the money is spent, tell us briefly what happened.")
        )
        if award.accepted_at is not None and paid >= amount and hasattr(award, "report"):
            following = _("Thank you. There is nothing more to do.")
        return StatusWords(_paid_with_suppliers(award, to_suppliers), following)
    if award.accepted_at is None:
        if paid:
            return StatusWords(
                _("We have paid %(paid)s of your %(amount)s grant.")
                % {"paid": format_pence(paid), "amount": format_pence(amount)},
                _("Please accept the grant and its conditions below."),
            )
        return StatusWords(
            _("Good news: we are offering your group a grant of %(amount)s.")
            % {"amount": format_pence(amount)},
            _("Next, read the award letter below and accept the grant, so that we can pay it."),
        )
    if paid == 0:
        return StatusWords(
            _("You accepted your %(amount)s grant on %(day)s.")
            % {
                "amount": format_pence(amount),
                "day": date_format(award.accepted_at, "j F Y"),
            },
            _("Next, we pay it. Each payment will show on this page when we have made it."),
        )
    if paid < amount:
        return StatusWords(
            _("We have paid %(paid)s of your %(amount)s grant.")
            % {"paid": format_pence(paid), "amount": format_pence(amount)},
            _("We will pay the rest and show each payment on this page."),
        )
    if hasattr(award, "report"):
        return StatusWords(
            _("We have paid all of your %(amount)s grant and you have told us what happened.")
            % {"amount": format_pence(amount)},
            _("Thank you. There is nothing more to do."),
        )
    return StatusWords(
        _("We have paid all of your %(amount)s grant.") % {"amount": format_pence(amount)},
        _("When you have spent it, tell us briefly what happened."),
    )


def _paid_so_far(award: Award, held: HeldMoney, partner: str) -> str:
    """What was paid, and to whom: the holding partner, and any supplier paid directly."""
    amount, to_partner = award.amount_pence, held.paid_to_partner_pence
    to_suppliers = award.paid_pence - to_partner
    sentences = []
    if to_partner == amount:
        sentences.append(
            _(
                "We have paid all of your %(amount)s grant to %(partner)s, "
                "who holds it for your group."
            )
            % {"amount": format_pence(amount), "partner": partner}
        )
    elif to_partner:
        sentences.append(
            _(
                "We have paid %(paid)s of your %(amount)s grant to %(partner)s, "
                "who holds it for your group."
            )
            % {"paid": format_pence(to_partner), "amount": format_pence(amount), "partner": partner}
        )
    if to_suppliers:
        sentences.append(
            _(
                "We have paid %(paid)s of your %(amount)s grant straight to suppliers, "
                "for your group."
            )
            % {"paid": format_pence(to_suppliers), "amount": format_pence(amount)}
        )
    return " ".join(sentences)


def _what_the_partner_holds(held: HeldMoney, partner: str) -> str:
    if held.held_pence > 0:
        return _(
            "%(partner)s holds %(held)s for you now: ask them to pass it on to you, "
            "or to pay for things you need."
        ) % {"partner": partner, "held": format_pence(held.held_pence)}
    if held.paid_to_partner_pence > 0:
        return _("%(partner)s has passed on or spent all it held for you.") % {"partner": partner}
    return ""


def _held_before_payment(award: Award, partner: str) -> StatusWords:
    amount = format_pence(award.amount_pence)
    if award.accepted_at is None:
        return StatusWords(
            _("Good news: we are offering your group a grant of %(amount)s.") % {"amount": amount},
            _(
                "Next, read the award letter below and accept the grant. We will then pay "
                "it to %(partner)s, who will hold it for your group."
            )
            % {"partner": partner},
        )
    return StatusWords(
        _("You accepted your %(amount)s grant on %(day)s.")
        % {"amount": amount, "day": date_format(award.accepted_at, "j F Y")},
        _(
            "Next, we pay it to %(partner)s, who will hold it for your group. This page "
            "will show each payment, and what %(partner)s passes on to you or spends for you."
        )
        % {"partner": partner},
    )


def _held(award: Award, held: HeldMoney) -> StatusWords:
    """A holding partner holds the group's money: say so, and what the partner holds now."""
    assert award.holding_partner is not None  # only called for a held award
    partner = award.holding_partner.name
    if award.paid_pence == 0:
        return _held_before_payment(award, partner)
    holds = _what_the_partner_holds(held, partner)
    if award.accepted_at is None:
        following = [holds, _("Please accept the grant and its conditions below.")]
    elif hasattr(award, "report"):
        following = [_("Thank you for telling us what happened."), holds]
    elif award.paid_pence < award.amount_pence:
        following = [holds, _("We will pay the rest and show each payment on this page.")]
    else:
        following = [holds, _("When the money is spent, tell us briefly what happened.")]
    return StatusWords(
        _paid_so_far(award, held, partner), " ".join(part for part in following if part)
    )


def applicant_status(application: Application, held: HeldMoney | None = None) -> StatusWords:
    """Plain words for where an application is and what happens next. For a grant a holding
    partner holds, `held` says where its money is (read from the ledger here if not given)."""
    award = getattr(application, "award", None)
    if award is None:
        return _before_award(application.status)
    if award.holding_partner_id is not None:
        return _held(award, held or award_held_money(award=award))
    return _awarded(award)


def _still_to_do(award: Award) -> str:
    left = award.left_to_pay
    if left > 0:
        return _("%(left)s of the grant is still to pay.") % {"left": format_pence(left)}
    if award.accepted_at is None:
        return _(
            "The grant is now paid in full, but the group has not accepted it yet: ask them "
            "to accept it, or record that they accepted by phone or in person."
        )
    return _(
        "The grant is now paid in full. Next, the group tells you briefly what happened, "
        "and its report will show on this page."
    )


def payment_made(payment: Payment) -> StatusWords:
    """What funder staff read once they have paid: who has the money now, and what is next."""
    award = payment.award
    values = {
        "amount": format_pence(payment.amount_pence),
        "group": award.application.group_name,
        "payee": payment.payee_name,
    }
    if payment.payee_kind == PayeeKind.HOLDING_PARTNER:
        now = _(
            "%(amount)s paid to %(payee)s, which holds it for %(group)s. The group has not "
            "received it yet."
        )
        following = _(
            "%(payee)s passes it on to the group or pays for things it needs, and records each "
            "step; the group sees where its money is on its application page."
        )
        return StatusWords(now % values, f"{following % values} {_still_to_do(award)}")
    if payment.payee_kind == PayeeKind.SUPPLIER:
        values["what"] = payment.supplier_for
        now = _("%(amount)s paid to %(payee)s for %(what)s, on behalf of %(group)s.")
        return StatusWords(now % values, _still_to_do(award))
    return StatusWords(_("%(amount)s paid to %(group)s.") % values, _still_to_do(award))
