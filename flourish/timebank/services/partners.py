"""Partner timebanks: members of two timebanks on the same Flourish exchange with each
other (an hour is an hour everywhere) once a coordinator of each has agreed."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.timebank import events
from flourish.timebank.models import PartnershipRequest, PartnershipStatus, Timebank


@transaction.atomic
def partnership_ask(*, timebank: Timebank, other: Timebank, actor: Any) -> PartnershipRequest:
    """One timebank's coordinator asks another to become partners; nothing changes until a
    coordinator of the other says yes."""
    if other.pk == timebank.pk:
        raise ValidationError({"other": _("Choose another timebank, not your own.")})
    if timebank.partners.filter(pk=other.pk).exists():
        raise ValidationError({"other": _("%(name)s is already a partner.") % {"name": other}})
    waiting = PartnershipRequest.objects.filter(status=PartnershipStatus.ASKED)
    if waiting.filter(from_timebank=timebank, to_timebank=other).exists():
        raise ValidationError(
            {
                "other": _("You have already asked %(name)s. Wait for their answer.")
                % {"name": other}
            }
        )
    if waiting.filter(from_timebank=other, to_timebank=timebank).exists():
        raise ValidationError(
            {"other": _("%(name)s has already asked you: answer them below.") % {"name": other}}
        )
    request = PartnershipRequest(from_timebank=timebank, to_timebank=other, asked_by=actor)
    request.full_clean()
    request.save()
    audit_record(actor=actor, action=events.PARTNERSHIP_ASKED, target=request)
    return request


@transaction.atomic
def partnership_answer(*, request: PartnershipRequest, accept: bool, actor: Any) -> None:
    """The asked timebank's coordinator says yes (both timebanks become partners) or no."""
    request = PartnershipRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != PartnershipStatus.ASKED:
        raise ValidationError(_("This request has already been answered. Nothing has changed."))
    request.status = PartnershipStatus.ACCEPTED if accept else PartnershipStatus.DECLINED
    request.answered_by = actor
    request.answered_at = timezone.now()
    request.save()
    if accept:
        # Symmetrical: each timebank is the other's partner.
        request.to_timebank.partners.add(request.from_timebank)
    audit_record(
        actor=actor,
        action=events.PARTNERSHIP_ACCEPTED if accept else events.PARTNERSHIP_DECLINED,
        target=request,
    )


@transaction.atomic
def partnership_end(*, timebank: Timebank, other: Timebank, actor: Any) -> None:
    """Either coordinator may end a partnership; exchanges already made stay as they are."""
    if not timebank.partners.filter(pk=other.pk).exists():
        raise ValidationError(_("%(name)s is not a partner now.") % {"name": other})
    timebank.partners.remove(other)
    audit_record(
        actor=actor, action=events.PARTNERSHIP_ENDED, target=timebank, data={"other": other.pk}
    )
