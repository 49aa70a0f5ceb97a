"""A funder's own process counts as demand: what applicants say about applying is logged on
the programme's service, so "I didn't understand question 4" shows where the funder looks.

Grants calls this from its own pages once it has found the person's application, so only
applicants reach it; demand decides how the feedback is kept.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.demand import events
from flourish.demand.models import Channel, Contact, DemandType, Service
from flourish.demand.services.contacts import _contact, service_create

WORKED_WELL = "worked_well"


def programme_service(*, programme: Any) -> Service:
    """The programme's front door for demand, started the first time someone gives feedback."""
    service = Service.objects.filter(programme=programme).first()
    if service is not None:
        return service
    return service_create(
        actor=None,
        organisation=programme.funder,
        name=_("Applying to %(programme)s") % {"programme": programme.title},
        description=_("What applicants told us about applying."),
        programme=programme,
        check=False,
    )


@transaction.atomic
def feedback_leave(
    *, actor: Any, programme: Any, words: str, about: str, part: str = "", anonymous: bool
) -> Contact:
    """An applicant tells the funder how applying went. Anything that was hard is failure
    demand of the kind they chose; anonymous feedback keeps no trace of who left it."""
    service = programme_service(programme=programme)
    worked_well = about == WORKED_WELL
    contact = _contact(
        service=service,
        received_on=timezone.localdate(),
        words=words,
        channel=Channel.ONLINE_FORM,
        demand=DemandType.VALUE if worked_well else DemandType.FAILURE,
        failure_kind="" if worked_well else about,
        cause="" if worked_well else part,
        recorded_by=None if anonymous else actor,
    )
    contact.save()
    audit_record(
        actor=None if anonymous else actor,
        action=events.FEEDBACK_LEFT,
        target=service,
        data={"anonymous": anonymous},
    )
    return contact
