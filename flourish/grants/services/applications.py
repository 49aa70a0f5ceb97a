"""Writes for the applicant's journey: start, answer one question at a time, submit."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list, slugify
from django.utils.translation import gettext as _

from flourish.accounts.models import (
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)
from flourish.core import events as core_events
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.grants import events, uploads
from flourish.grants.models import (
    Application,
    ApplicationStatus,
    Programme,
    ProgrammeCategory,
    SpendLine,
)

# The fields the applicant answers page by page; nothing else can be set through answers.
ANSWER_FIELDS = frozenset(
    {
        "applicant_name",
        "applicant_role",
        "local_authority",
        "what_you_want_to_do",
        "who_it_helps",
        "when",
        "contact_route",
        "contact_detail",
        "contact_times",
        "access_needs",
    }
)


def _refuse_if_closed(programme: Programme, today: date) -> None:
    if programme.opens_on and today < programme.opens_on:
        raise ValidationError(
            _("This programme opens on %(day)s. You can apply from then.")
            % {"day": date_format(programme.opens_on, "j F Y")}
        )
    if programme.closes_on and today > programme.closes_on:
        raise ValidationError(
            _("This programme closed on %(day)s, so it cannot take applications any more.")
            % {"day": date_format(programme.closes_on, "j F Y")}
        )


def _refuse_unless_draft(application: Application) -> None:
    if not application.is_draft:
        raise ValidationError(
            _(
                "You have already sent this application, so it cannot be changed. "
                "If something needs correcting, contact the fund."
            )
        )


def locked_draft(application: Application) -> Application:
    """The application, row-locked, or a refusal if it has been sent."""
    application = _locked(application)
    _refuse_unless_draft(application)
    return application


def _locked(application: Application) -> Application:
    """Re-read the application with its row locked, so two tabs cannot race each other."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=application.pk)
    )


@transaction.atomic
def application_start(
    *, programme: Programme, actor: Any, today: date | None = None
) -> Application:
    """Anyone signed in can start an application while a programme is open."""
    _refuse_if_closed(programme, today or timezone.localdate())
    groups = list(
        Membership.objects.filter(
            user=actor, role__in=(Role.GROUP_LEAD, Role.GROUP_MEMBER)
        ).values_list("organisation_id", flat=True)
    )
    application = Application(
        programme=programme,
        submitted_by=actor,
        group_id=groups[0] if len(groups) == 1 else None,
        applicant_name=actor.name,
    )
    application.full_clean()
    application.save()
    audit_record(actor=actor, action=events.APPLICATION_STARTED, target=application)
    return application


@transaction.atomic
def application_answer(
    *, application: Application, actor: Any, answers: dict[str, Any]
) -> Application:
    """Each answer is saved as it is given, until the application is sent."""
    application = _locked(application)
    _refuse_unless_draft(application)
    unknown = set(answers) - ANSWER_FIELDS
    if unknown:
        raise ValidationError(_("Those answers do not belong to this application."))
    for name, value in answers.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=events.APPLICATION_ANSWERED,
        target=application,
        data={"fields": sorted(answers)},
    )
    return application


@transaction.atomic
def application_group_set(
    *,
    application: Application,
    actor: Any,
    group_name: str,
    local_authority: str,
    communities: str = "",
) -> Application:
    """The applicant names their group; a new, unconstituted group is fine."""
    application = _locked(application)
    _refuse_unless_draft(application)
    name = group_name.strip()
    if not name:
        raise ValidationError({"group_name": _("Enter the name of your group.")})
    group = _group_for_answer(application, actor, name)
    application.group = group
    application.local_authority = local_authority.strip()
    application.communities = communities.strip()
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=events.APPLICATION_ANSWERED,
        target=application,
        data={"fields": ["group", "local_authority", "communities"]},
    )
    return application


def _group_for_answer(application: Application, actor: Any, name: str) -> Organisation:
    """The group the answer names. An application started for a group (by phone) stays
    with that group: staff filling it in never become its lead or move it elsewhere."""
    current = application.group
    if current is not None and current.name.casefold() == name.casefold():
        return current
    if current is not None and not _is_group_member(actor, current):
        raise ValidationError(
            {
                "group_name": _(
                    "This application is for %(group)s. Keep that name, or start a new "
                    "application for a different group."
                )
                % {"group": current.name}
            }
        )
    group = Organisation.objects.filter(
        memberships__user=actor,
        memberships__role__in=(Role.GROUP_LEAD, Role.GROUP_MEMBER),
        name__iexact=name,
    ).first()
    return group or group_create(name=name, lead=actor)


def _is_group_member(person: Any, group: Organisation) -> bool:
    return Membership.objects.filter(
        user=person, organisation=group, role__in=(Role.GROUP_LEAD, Role.GROUP_MEMBER)
    ).exists()


def group_create(*, name: str, lead: Any) -> Organisation:
    # Accounts has no service for this yet; a group needs only a name to exist.
    base = slugify(name)[:180] or "group"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    group = Organisation(name=name, slug=slug, kind=OrganisationKind.GROUP)
    group.full_clean()
    group.save()
    Membership.objects.create(user=lead, organisation=group, role=Role.GROUP_LEAD)
    return group


def _refresh_total(application: Application) -> None:
    total = application.spend_lines.aggregate(total=Sum("amount_pence"))["total"] or 0
    application.amount_requested_pence = total
    application.save(update_fields=["amount_requested_pence", "updated_at"])


def _refuse_over_the_most(application: Application, amount_pence: int) -> None:
    # Said now, beside the amount, rather than only when they try to send it.
    most = application.programme.max_grant_pence
    total = application.amount_requested_pence + amount_pence
    if total > most:
        raise ValidationError(
            {
                "amount": _(
                    "That would make your total %(total)s, but this programme gives up to "
                    "%(most)s. Enter %(left)s or less, or remove something you added."
                )
                % {
                    "total": format_pence(total),
                    "most": format_pence(most),
                    "left": format_pence(max(most - application.amount_requested_pence, 0)),
                }
            }
        )


@transaction.atomic
def spend_line_add(
    *,
    application: Application,
    actor: Any,
    category: ProgrammeCategory,
    description: str,
    amount_pence: int,
) -> SpendLine:
    """Each thing the money is for names a category from the programme and an amount,
    and the total can never go over the programme's largest grant."""
    application = _locked(application)
    _refuse_unless_draft(application)
    if category.programme_id != application.programme_id:
        raise ValidationError({"category": _("Choose one of the kinds of thing listed.")})
    if amount_pence <= 0:
        raise ValidationError({"amount": _("Enter an amount more than £0, for example 450.")})
    _refuse_over_the_most(application, amount_pence)
    line = SpendLine(
        application=application,
        category=category,
        description=description,
        amount_pence=amount_pence,
    )
    line.full_clean()
    line.save()
    _refresh_total(application)
    audit_record(
        actor=actor,
        action=events.SPEND_LINE_ADDED,
        target=application,
        data={"amount_pence": amount_pence, "category": category.name},
    )
    return line


@transaction.atomic
def spend_line_remove(*, line: SpendLine, actor: Any) -> None:
    """A spend line can be taken out while the application is a draft."""
    application = _locked(line.application)
    _refuse_unless_draft(application)
    amount = line.amount_pence
    line.delete()
    _refresh_total(application)
    audit_record(
        actor=actor,
        action=events.SPEND_LINE_REMOVED,
        target=application,
        data={"amount_pence": amount},
    )


def _missing_answers(application: Application) -> list[str]:
    plan = application.programme.business_plan_questions
    answered = [str(n) for n in range(len(plan)) if application.business_plan.get(str(n))]
    required = {
        _("the answers to the business plan"): len(answered) == len(plan),
        _("the name of your group"): application.group_id,
        _("what you want to do"): application.what_you_want_to_do or application.attachment,
        _("who it helps"): application.who_it_helps,
        _("what the money is for"): application.amount_requested_pence,
        _("when it will happen"): application.when,
        _("how to reach you"): application.contact_route,
    }
    return [str(label) for label, value in required.items() if not value]


@transaction.atomic
def application_submit(
    *, application: Application, actor: Any, today: date | None = None
) -> Application:
    """An application is sent once, while the programme is open, for at most its largest grant."""
    application = _locked(application)
    programme = application.programme
    _refuse_unless_draft(application)
    _refuse_if_closed(programme, today or timezone.localdate())
    missing = _missing_answers(application)
    if missing:
        raise ValidationError(
            _("Before you send it, tell us %(missing)s.")
            % {"missing": get_text_list(missing, _("and"))}
        )
    amount = application.amount_requested_pence
    if amount > programme.max_grant_pence:
        raise ValidationError(
            _(
                "You have asked for %(amount)s, but this programme gives up to %(most)s. "
                "Take out or reduce a spend line so the total is %(most)s or less."
            )
            % {"amount": format_pence(amount), "most": format_pence(programme.max_grant_pence)}
        )
    if amount < programme.min_grant_pence:
        raise ValidationError(
            _("This programme gives at least %(least)s. Add what else the money is for.")
            % {"least": format_pence(programme.min_grant_pence)}
        )
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=events.APPLICATION_SUBMITTED,
        target=application,
        data={"amount_requested_pence": amount},
    )
    return application


def application_sensitive_read(*, application: Application, actor: Any, fields: list[str]) -> None:
    """Every time someone is shown a group's contact details, access needs or upload, it is
    recorded."""
    audit_record(
        actor=actor,
        action=core_events.SENSITIVE_RECORD_READ,
        target=application,
        data={"fields": fields},
    )


@transaction.atomic
def application_attach(
    *, application: Application, actor: Any, upload: UploadedFile
) -> Application:
    """A document, audio or video clip can stand in for writing: known kinds only, 25 MB at most."""
    if not isinstance(upload, UploadedFile):
        # The stored file handed back as if new would be deleted before being copied.
        raise TypeError("application_attach takes a newly uploaded file")
    application = _locked(application)
    _refuse_unless_draft(application)
    kind = uploads.extension(upload.name or "")
    kinds = _(
        "Send a PDF, Word or text document, a photo (JPG or PNG), or an audio or "
        "video clip (MP3, M4A, WAV, OGG, MP4, MOV or WEBM)."
    )
    if kind not in uploads.KINDS:
        raise ValidationError({"attachment": kinds})
    if not uploads.content_matches(upload, kind):
        raise ValidationError(
            {
                "attachment": _(
                    "The file's content does not match its name, so it was not saved. %(kinds)s"
                )
                % {"kinds": kinds}
            }
        )
    if (upload.size or 0) > uploads.MAX_BYTES:
        raise ValidationError(
            {"attachment": _("The file must be 25 MB or smaller. Try a shorter clip.")}
        )
    replaced = application.attachment.name
    application.attachment_name = (upload.name or "")[:200]
    application.attachment.save(upload.name or f"upload.{kind}", upload, save=False)
    application.full_clean()
    application.save()
    if replaced:
        # The old file goes only once the new one is safely recorded; on a rollback it stays.
        storage = application.attachment.storage
        transaction.on_commit(lambda: storage.delete(replaced))
    audit_record(
        actor=actor,
        action=events.APPLICATION_ANSWERED,
        target=application,
        data={"fields": ["attachment"], "bytes": upload.size},
    )
    return application


@transaction.atomic
def application_attachment_remove(*, application: Application, actor: Any) -> Application:
    """A draft's document or clip can be taken away again; writing then stands in for it."""
    application = _locked(application)
    _refuse_unless_draft(application)
    if not application.attachment:
        return application
    application.attachment.delete(save=False)
    application.attachment_name = ""
    application.full_clean()
    application.save()
    audit_record(
        actor=actor,
        action=events.APPLICATION_ANSWERED,
        target=application,
        data={"fields": ["attachment"], "removed": True},
    )
    return application
