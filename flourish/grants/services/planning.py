"""Writes for a two-tier scheme: booking a planning session, answering the business plan."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.formatting import is_whole_number
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import Application, PlanningSession, SessionBooking
from flourish.grants.services.applications import locked_draft


@transaction.atomic
def planning_session_book(*, session: PlanningSession, actor: Any) -> SessionBooking:
    """A person books one place at a session that has not started and is not full."""
    # Lock the session: two people taking the last place at once must not both get it.
    session = PlanningSession.objects.select_for_update().get(pk=session.pk)
    if session.starts_at <= timezone.now():
        raise ValidationError(_("This session has already happened. Choose a later one."))
    if SessionBooking.objects.filter(session=session, person=actor).exists():
        raise ValidationError(_("You already have a place at this session."))
    if session.bookings.count() >= session.places:
        raise ValidationError(_("This session is full. Choose another date."))
    booking = SessionBooking(session=session, person=actor)
    booking.full_clean()
    booking.save()
    audit_record(actor=actor, action=events.PLANNING_SESSION_BOOKED, target=session)
    return booking


@transaction.atomic
def business_plan_answer(
    *, application: Application, actor: Any, answers: dict[str, str]
) -> Application:
    """Business plan answers are saved as they are given, until the application is sent."""
    application = locked_draft(application)
    count = len(application.programme.business_plan_questions)
    if any(not is_whole_number(key) or int(key) >= count for key in answers):
        raise ValidationError(_("Those answers do not belong to this business plan."))
    application.business_plan = {**application.business_plan, **answers}
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=events.APPLICATION_ANSWERED,
        target=application,
        data={"fields": ["business_plan"]},
    )
    return application
