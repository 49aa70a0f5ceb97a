"""What a group reads about its application: what is true now, and what happens next.

Each sentence must stay true: nothing says money is coming before the group has
accepted its grant, and nothing says money was sent before a payment is recorded.
"""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from flourish.core.formatting import format_pence
from flourish.grants.models import Application, ApplicationStatus, Award


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


def _awarded(award: Award) -> StatusWords:
    amount, paid = award.amount_pence, award.paid_pence
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


def applicant_status(application: Application) -> StatusWords:
    """Plain words for where an application is and what happens next."""
    award = getattr(application, "award", None)
    if award is not None:
        return _awarded(award)
    return _before_award(application.status)
