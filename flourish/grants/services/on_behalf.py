"""Apply by phone: staff or an associate start an application for a group after a call,
and the group's contact is invited by email to take it over."""

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts.models import (
    Consent,
    ConsentMethod,
    ConsentScope,
    Organisation,
    Role,
    User,
)
from flourish.accounts.services import consent_record
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.grants import events
from flourish.grants.models import Application, Programme
from flourish.grants.services.applications import _refuse_if_closed, group_create

GROUP_ROLES = (Role.GROUP_LEAD, Role.GROUP_MEMBER)


def _contact_person(*, email: str, name: str) -> User:
    person = User.objects.filter(email=email).first()
    return person or User.objects.create_user(email, name=name)


def _contacts_group(*, person: User, group_name: str) -> Organisation:
    """The contact's own group of that name, or a new one they lead: never the caller's."""
    found = Organisation.objects.filter(
        memberships__user=person, memberships__role__in=GROUP_ROLES, name__iexact=group_name
    ).first()
    return found or group_create(name=group_name, lead=person)


def _consent_once(*, person: User, actor: Any, group: Organisation, notes: str) -> None:
    already = Consent.objects.filter(
        given_by=person,
        granted_to=actor,
        organisation=group,
        scope=ConsentScope.SPEAK_FOR_GROUP,
        withdrawn_at__isnull=True,
    ).exists()
    if not already:
        consent_record(
            given_by=person,
            granted_to=actor,
            organisation=group,
            scope=ConsentScope.SPEAK_FOR_GROUP,
            method=ConsentMethod.PHONE,
            recorded_by=actor,
            notes=notes,
        )


@transaction.atomic
def application_start_on_behalf(
    *,
    programme: Programme,
    actor: Any,
    group_name: str,
    contact_name: str,
    contact_email: str,
    what_was_said: str,
    notes: str = "",
    today: date | None = None,
) -> Application:
    """Staff or an associate who took an application by phone start it for the group, recording
    the consent they heard; the application belongs to the group, and its contact is emailed
    an invitation to take it over."""
    _refuse_if_closed(programme, today or timezone.localdate())
    name, email = group_name.strip(), contact_email.strip().lower()
    if not what_was_said.strip():
        raise ValidationError(
            {"what_was_said": _("Write what you talked about, so the group can check it.")}
        )
    person = _contact_person(email=email, name=contact_name.strip())
    group = _contacts_group(person=person, group_name=name)
    _consent_once(person=person, actor=actor, group=group, notes=notes)
    application = Application(
        programme=programme,
        group=group,
        submitted_by=actor,
        applicant_name=contact_name.strip(),
        contact_route="email",
        contact_detail=email,
    )
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=events.APPLICATION_STARTED,
        target=application,
        data={"on_behalf_of": group.pk, "consent": "phone"},
    )
    _invite_to_take_over(application=application, actor=actor, what_was_said=what_was_said)
    return application


def _invite_to_take_over(*, application: Application, actor: Any, what_was_said: str) -> None:
    """Queued, so a slow mail server never holds up the call."""
    link = settings.SITE_URL.rstrip("/") + reverse(
        "grants:application_status", args=[application.pk]
    )
    context = {
        "application": application,
        "caller": actor.name or actor.email,
        "what_was_said": what_was_said.strip(),
        "link": link,
        "email": application.contact_detail,
    }
    email_send.enqueue(
        to=[application.contact_detail],
        subject=_("We have started your application to %(programme)s")
        % {"programme": application.programme.title},
        body=render_to_string("grants/messages/take_over.txt", context),
    )
    audit_record(actor=actor, action=events.TAKE_OVER_INVITED, target=application)
