"""Writes for panels: members declare conflicts before they see others' views or vote."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import (
    Application,
    ApplicationStatus,
    ConflictDeclaration,
    Panel,
    PanelVote,
    Programme,
)


@transaction.atomic
def panel_create(
    *,
    programme: Programme,
    actor: Any,
    title: str,
    meets_on: date,
    quorum: int,
    members: list[Any],
) -> Panel:
    """A panel needs at least as many members as its quorum."""
    if len(members) < quorum:
        raise ValidationError(
            {"members": _("Choose at least %(quorum)d members.") % {"quorum": quorum}}
        )
    panel = Panel(programme=programme, title=title, meets_on=meets_on, quorum=quorum)
    panel.full_clean()
    panel.save()
    panel.members.set(members)
    audit_record(actor=actor, action=events.PANEL_CREATED, target=panel)
    return panel


def _refuse_unless_on_shortlist(panel: Panel, application: Application, member: Any) -> None:
    if not panel.members.filter(pk=member.pk).exists():
        raise ValidationError(_("Only members of this panel can do this."))
    # Read the status from the database: the caller's copy may be out of date.
    on_shortlist = Application.objects.filter(
        pk=application.pk, programme_id=panel.programme_id, status=ApplicationStatus.SHORTLISTED
    ).exists()
    if not on_shortlist:
        raise ValidationError(_("This application is not on this panel's shortlist."))


@transaction.atomic
def conflict_declare(
    *, panel: Panel, application: Application, member: Any, has_conflict: bool, details: str = ""
) -> ConflictDeclaration:
    """Each member declares, once per application, whether they have a conflict of interest,
    and says what it is."""
    _refuse_unless_on_shortlist(panel, application, member)
    if ConflictDeclaration.objects.filter(
        panel=panel, application=application, member=member
    ).exists():
        raise ValidationError(
            _("You have already declared for this application. Ask the fund to change it.")
        )
    if has_conflict and not details.strip():
        raise ValidationError(
            {
                "details": _(
                    "Say what the conflict is, for example “I am a member of the group” or "
                    "“a friend runs it”."
                )
            }
        )
    declaration = ConflictDeclaration(
        panel=panel,
        application=application,
        member=member,
        has_conflict=has_conflict,
        details=details,
    )
    declaration.full_clean()
    declaration.save()
    audit_record(
        actor=member,
        action=events.CONFLICT_DECLARED,
        target=application,
        data={"panel": panel.pk, "has_conflict": has_conflict},
    )
    return declaration


@transaction.atomic
def vote_cast(
    *,
    panel: Panel,
    application: Application,
    member: Any,
    verdict: str,
    score: int | None = None,
    comment: str = "",
) -> PanelVote:
    """Only a member who declared no conflict may vote; they may change it until the decision."""
    _refuse_unless_on_shortlist(panel, application, member)
    declaration = ConflictDeclaration.objects.filter(
        panel=panel, application=application, member=member
    ).first()
    if declaration is None:
        raise ValidationError(_("Declare whether you have a conflict of interest before voting."))
    if declaration.has_conflict:
        raise ValidationError(
            _("You declared a conflict of interest in this application, so you cannot vote on it.")
        )
    vote = PanelVote.objects.filter(panel=panel, application=application, member=member).first()
    if vote is None:
        vote = PanelVote(panel=panel, application=application, member=member)
    vote.verdict, vote.score, vote.comment = verdict, score, comment
    vote.full_clean()
    vote.save()
    audit_record(
        actor=member,
        action=events.PANEL_VOTE_CAST,
        target=application,
        data={"panel": panel.pk, "verdict": verdict, "score": score},
    )
    return vote
