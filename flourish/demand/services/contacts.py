"""Services (front doors), the contacts logged against them, and notes on changes made."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.text import slugify
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.core.services import audit_record
from flourish.demand import events
from flourish.demand.models import (
    ChangeNote,
    Channel,
    Contact,
    DemandType,
    FailureKind,
    Service,
)
from flourish.demand.rules import LEADING_ROLES, organisation_roles


def unique_slug(name: str, model: Any) -> str:
    base = slugify(name)[:140] or "service"
    slug, number = base, 1
    while model.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _check_leads(actor: Any, organisation_id: int) -> None:
    if not organisation_roles(actor, organisation_id) & LEADING_ROLES:
        raise ValidationError(_("Only the organisation's leads can do this."))


def _check_team(actor: Any, service: Service) -> None:
    if not organisation_roles(actor, service.organisation_id):
        raise ValidationError(_("Only the service's own team can log demand for it."))


@transaction.atomic
def service_create(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    description: str = "",
    period: str = "week",
    chart_is_public: bool = False,
    programme: Any = None,
    check: bool = True,
) -> Service:
    """An organisation's leads start learning from the demand on one of their front doors."""
    if check:
        _check_leads(actor, organisation.pk)
    service = Service(
        organisation=organisation,
        name=name.strip(),
        slug=unique_slug(name, Service),
        description=description,
        period=period,
        chart_is_public=chart_is_public,
        programme=programme,
    )
    service.full_clean()
    service.save()
    audit_record(actor=actor, action=events.SERVICE_CREATED, target=service)
    return service


@transaction.atomic
def service_update(
    *, actor: Any, service: Service, name: str, description: str, period: str, chart_is_public: bool
) -> Service:
    """A lead renames the service, or chooses who may see its chart."""
    _check_leads(actor, service.organisation_id)
    service.name, service.description = name.strip(), description
    service.period, service.chart_is_public = period, chart_is_public
    service.full_clean()
    service.save()
    audit_record(
        actor=actor,
        action=events.SERVICE_CHANGED,
        target=service,
        data={"chart_is_public": chart_is_public, "period": period},
    )
    return service


def _check_choices(
    *, received_on: Any, words: str, channel: str, demand: str, failure_kind: str
) -> None:
    # Said in words a person importing a spreadsheet can act on, with the values allowed.
    problems: dict[str, str] = {}
    if received_on is None:
        problems["received_on"] = _("Enter the date they got in touch.")
    elif received_on > timezone.localdate():
        problems["received_on"] = _("The date cannot be in the future.")
    if not words:
        problems["words"] = _("Enter what they asked, in their words.")
    if demand not in DemandType.values:
        problems["demand"] = _("Say whether it was value or failure demand.")
    if channel not in Channel.values:
        problems["channel"] = _("The channel must be one of: %(allowed)s.") % {
            "allowed": ", ".join(Channel.values)
        }
    if failure_kind and failure_kind not in FailureKind.values:
        problems["failure_kind"] = _(
            "“%(kind)s” is not a kind of failure demand we know. Use one of: %(allowed)s."
        ) % {"kind": failure_kind, "allowed": ", ".join(FailureKind.values)}
    if problems:
        raise ValidationError(problems)


def _contact(
    *,
    service: Service,
    received_on: datetime.date | str | None,
    words: str,
    channel: str,
    demand: str,
    failure_kind: str = "",
    cause: str = "",
    resolved_first_time: bool = False,
    recorded_by: Any = None,
) -> Contact:
    words = (words or "").strip()
    if isinstance(received_on, str):  # from a checked file kept between preview and import
        received_on = parse_date(received_on) if received_on else None
    _check_choices(
        received_on=received_on,
        words=words,
        channel=channel,
        demand=demand,
        failure_kind=failure_kind,
    )
    if demand == DemandType.VALUE and (failure_kind or cause.strip()):
        raise ValidationError(
            {"failure_kind": _("Leave the kind and cause empty for value demand.")}
        )
    if demand == DemandType.FAILURE and not failure_kind:
        raise ValidationError(
            {"failure_kind": _("Choose what kind of failure demand it was, or choose Other.")}
        )
    assert isinstance(received_on, datetime.date)  # _check_choices refused anything else
    contact = Contact(
        service=service,
        received_on=received_on,
        words=words,
        channel=channel,
        demand=demand,
        failure_kind=failure_kind or "",
        cause=(cause or "").strip(),
        resolved_first_time=resolved_first_time,
        recorded_by=recorded_by,
    )
    contact.full_clean(exclude=["service"])
    return contact


@transaction.atomic
def contact_log(*, actor: Any, service: Service, **fields: Any) -> Contact:
    """The team logs what someone asked of the service, in their words, and what kind of
    demand it was. No personal data is needed or wanted."""
    _check_team(actor, service)
    contact = _contact(service=service, recorded_by=actor, **fields)
    contact.save()
    audit_record(
        actor=actor, action=events.CONTACT_LOGGED, target=service, data={"contact": contact.pk}
    )
    return contact


def contact_problems(*, service: Service, fields: dict[str, Any]) -> list[str]:
    """What is wrong with one would-be contact, each said so a person can put it right."""
    try:
        _contact(service=service, **fields)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            return [str(m) for messages in error.message_dict.values() for m in messages]
        return [str(m) for m in error.messages]
    return []


MOST_IN_ONE_IMPORT = 20_000


def contacts_check(*, service: Service, rows: list[dict[str, Any]]) -> list[Contact]:
    """Each row checked as a contact (a row's `count` makes that many), unsaved; a
    ValidationError lists every row that is wrong, by its line in the file."""
    contacts: list[Contact] = []
    problems = []
    for line, row in enumerate(rows, start=2):
        fields = dict(row)
        count = int(fields.pop("count", 1) or 1)
        found = contact_problems(service=service, fields=fields)
        if found:
            problems.append(
                _("Row %(line)s: %(problem)s") % {"line": line, "problem": " ".join(found)}
            )
            continue
        contacts.extend(_contact(service=service, **fields) for _copy in range(count))
    if problems:
        raise ValidationError(problems)
    if len(contacts) > MOST_IN_ONE_IMPORT:
        raise ValidationError(
            _("That is more than %(most)s contacts. Split the file into smaller ones.")
            % {"most": f"{MOST_IN_ONE_IMPORT:,}"}
        )
    return contacts


@transaction.atomic
def contacts_import(*, actor: Any, service: Service, rows: list[dict[str, Any]]) -> int:
    """Contacts from a tally sheet or spreadsheet: all of them, or none if any row is wrong."""
    _check_team(actor, service)
    contacts = contacts_check(service=service, rows=rows)
    for contact in contacts:
        contact.recorded_by = actor
    Contact.objects.bulk_create(contacts, batch_size=500)
    audit_record(
        actor=actor, action=events.CONTACTS_IMPORTED, target=service, data={"count": len(contacts)}
    )
    return len(contacts)


@transaction.atomic
def note_add(*, actor: Any, service: Service, made_on: datetime.date, text: str) -> ChangeNote:
    """The team notes a change they made, so the chart shows whether it worked."""
    _check_team(actor, service)
    if made_on and made_on > timezone.localdate():
        raise ValidationError({"made_on": _("Note a change once you have made it.")})
    note = ChangeNote(service=service, made_on=made_on, text=text.strip(), recorded_by=actor)
    note.full_clean()
    note.save()
    audit_record(actor=actor, action=events.NOTE_ADDED, target=service, data={"note": note.pk})
    return note
