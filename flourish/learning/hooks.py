"""Prompts from apps that do not call learning themselves: budgets and the timebank. Kept
here, as signal receivers, so that those apps need no change and no knowledge of learning.
Each offers its prompt once per group (`about="first"`), so later bookings, volunteers and
mentors, or a save that repeats, never offer it again."""

from typing import Any

from django.db.models.signals import post_save

from flourish.accounts.models import OrganisationKind
from flourish.learning.models import PromptReason
from flourish.learning.services.prompts import prompt_offer

FIRST = "first"


def _group_or_none(organisation: Any) -> Any:
    return organisation if getattr(organisation, "kind", None) == OrganisationKind.GROUP else None


def booking_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A group's first personal-budget booking is confirmed: receipts and invoices."""
    from flourish.budgets.models import BookingStatus

    if instance.status == BookingStatus.CONFIRMED:
        prompt_offer(
            group=_group_or_none(instance.group), reason=PromptReason.FIRST_BOOKING, about=FIRST
        )


def timebank_member_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Someone is approved to give time in a group's own timebank: safeguarding."""
    from flourish.timebank.models import MemberStatus

    if instance.status == MemberStatus.APPROVED:
        organisation = instance.timebank.organisation
        prompt_offer(
            group=_group_or_none(organisation), reason=PromptReason.FIRST_VOLUNTEER, about=FIRST
        )


def mentor_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A mentor is approved in a group's scheme: the same safeguarding prompt, once."""
    from flourish.timebank.models import ApplicationStatus

    if instance.status == ApplicationStatus.APPROVED:
        organisation = instance.scheme.timebank.organisation
        prompt_offer(
            group=_group_or_none(organisation), reason=PromptReason.FIRST_VOLUNTEER, about=FIRST
        )


def connect() -> None:
    post_save.connect(booking_saved, sender="budgets.Booking", dispatch_uid="learning.booking")
    post_save.connect(
        timebank_member_saved, sender="timebank.TimebankMember", dispatch_uid="learning.member"
    )
    post_save.connect(
        mentor_saved, sender="timebank.MentorApplication", dispatch_uid="learning.mentor"
    )
