"""Writes for deciding: sift, follow-up, recommendation, shortlist, decision and award."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import (
    AcceptanceMethod,
    Application,
    ApplicationStatus,
    Award,
    Conversation,
    Decision,
    DecisionOutcome,
    HoldingPartnership,
    Panel,
    Programme,
    Recommendation,
    RecommendationVerdict,
    SiftResult,
    Stage,
)
from flourish.grants.money import programme_budget_figures
from flourish.learning.models import PromptReason
from flourish.learning.services.prompts import prompt_offer

OPEN_FOR_DECISION = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.SHORTLISTED,
)


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("programme")
        .get(pk=application.pk)
    )


def _require_status(application: Application, allowed: tuple[str, ...], message: str) -> None:
    if application.status not in allowed:
        raise ValidationError(message)


def decline_message_default(*, application: Application) -> str:
    """The kind words a declined group reads, from a template staff can edit before sending."""
    return render_to_string(
        "grants/messages/decline.txt",
        {"application": application, "programme": application.programme},
    ).strip()


@transaction.atomic
def application_sift(
    *,
    application: Application,
    actor: Any,
    eligible: bool,
    decline_message: str = "",
    feedback: str = "",
    signposts: str = "",
) -> SiftResult:
    """A sent application is sifted once: eligible goes on; not eligible gets a kind message."""
    application = _locked(application)
    _require_status(
        application,
        (ApplicationStatus.SUBMITTED,),
        _("This application has already been sifted."),
    )
    if not eligible and not decline_message.strip():
        raise ValidationError({"decline_message": _("Write the message the group will read.")})
    result = SiftResult(
        application=application,
        eligible=eligible,
        decline_message=decline_message,
        feedback=feedback,
        signposts=signposts,
        sifted_by=actor,
    )
    result.full_clean()
    result.save()
    application.status = ApplicationStatus.IN_REVIEW if eligible else ApplicationStatus.NOT_ELIGIBLE
    if not eligible:
        application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=events.APPLICATION_SIFTED,
        target=application,
        data={"eligible": eligible},
    )
    return result


@transaction.atomic
def application_assign(*, application: Application, actor: Any, associate: Any) -> Application:
    """An associate or staff member of the same funder follows an application up."""
    application = _locked(application)
    _require_status(application, OPEN_FOR_DECISION, _("This application has been decided already."))
    allowed = Membership.objects.filter(
        user=associate,
        organisation_id=application.programme.funder_id,
        role__in=(Role.ASSOCIATE, Role.FUNDER_STAFF),
    ).exists()
    if not allowed:
        raise ValidationError({"associate": _("Choose an associate who works with this funder.")})
    application.associate = associate
    application.save(update_fields=["associate", "updated_at"])
    audit_record(
        actor=actor,
        action=events.ASSOCIATE_ASSIGNED,
        target=application,
        data={"associate": associate.pk},
    )
    return application


@transaction.atomic
def conversation_log(
    *, application: Application, actor: Any, kind: str, happened_on: date, notes: str
) -> Conversation:
    """Follow-up is a conversation, not paperwork: log each one with short notes."""
    application = _locked(application)
    _require_status(application, OPEN_FOR_DECISION, _("This application has been decided already."))
    if happened_on > timezone.localdate():
        raise ValidationError(
            {"happened_on": _("The date you talked must be today or in the past.")}
        )
    conversation = Conversation(
        application=application, associate=actor, kind=kind, happened_on=happened_on, notes=notes
    )
    conversation.full_clean()
    conversation.save()
    audit_record(
        actor=actor, action=events.CONVERSATION_LOGGED, target=application, data={"kind": kind}
    )
    return conversation


@transaction.atomic
def recommendation_write(
    *,
    application: Application,
    actor: Any,
    background: str,
    verdict: str,
    suggested_amount_pence: int | None = None,
    conditions: str = "",
) -> Recommendation:
    """The associate recommends yes, maybe or no, with an amount within the programme's limits."""
    application = _locked(application)
    _require_status(application, OPEN_FOR_DECISION, _("This application has been decided already."))
    most = application.programme.max_grant_pence
    if verdict == RecommendationVerdict.YES and not suggested_amount_pence:
        raise ValidationError(
            {
                "suggested_amount": _(
                    "Enter the amount you recommend, more than £0, for example 1500."
                )
            }
        )
    if suggested_amount_pence is not None and suggested_amount_pence > most:
        raise ValidationError(
            {"suggested_amount": _("Suggest %(most)s or less.") % {"most": format_pence(most)}}
        )
    recommendation, _created = Recommendation.objects.get_or_create(
        application=application,
        defaults={"author": actor, "background": background, "verdict": verdict},
    )
    recommendation.author = actor
    recommendation.background = background
    recommendation.verdict = verdict
    recommendation.suggested_amount_pence = suggested_amount_pence
    recommendation.conditions = conditions
    recommendation.full_clean()
    recommendation.save()
    audit_record(
        actor=actor,
        action=events.RECOMMENDATION_WRITTEN,
        target=application,
        data={"verdict": verdict, "suggested_amount_pence": suggested_amount_pence},
    )
    return recommendation


@transaction.atomic
def application_shortlist(*, application: Application, actor: Any) -> Application:
    """An eligible application goes on the shortlist for the panel."""
    application = _locked(application)
    _require_status(
        application,
        (ApplicationStatus.IN_REVIEW,),
        _("Only an eligible application that is being considered can go on the shortlist."),
    )
    application.status = ApplicationStatus.SHORTLISTED
    application.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=events.APPLICATION_SHORTLISTED, target=application)
    return application


def _refuse_if_not_ready(application: Application) -> None:
    _require_status(application, OPEN_FOR_DECISION, _("This application has been decided already."))
    programme = application.programme
    if programme.uses(Stage.SIFT) and application.status == ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Sift this application before deciding on it."))
    needs_shortlist = programme.uses(Stage.SHORTLIST) or programme.uses(Stage.PANEL)
    if needs_shortlist and application.status != ApplicationStatus.SHORTLISTED:
        raise ValidationError(_("Put this application on the shortlist before deciding on it."))
    if programme.uses(Stage.PANEL):
        _refuse_without_quorum(application)


def decision_waits_for(application: Application) -> str | None:
    """What must happen before this undecided application can be decided, said as the
    decision page would say it; None when it can be decided now. The application's page
    says it instead of offering a decision that would only be refused."""
    try:
        _refuse_if_not_ready(application)
    except ValidationError as waiting:
        return " ".join(waiting.messages)
    return None


def _refuse_without_quorum(application: Application) -> None:
    panels = Panel.objects.filter(programme_id=application.programme_id).annotate(
        voted=Count("votes", filter=Q(votes__application=application))
    )
    if not panels:
        raise ValidationError(
            _(
                "This programme has no panel yet. Set one up from the programme's page, then "
                "decide after it has voted."
            )
        )
    if not any(panel.voted >= panel.quorum for panel in panels):
        raise ValidationError(
            _(
                "A panel has not yet reached its quorum of votes on this application. "
                "Decide after the panel has voted."
            )
        )


def _record_decision(
    application: Application, actor: Any, outcome: str, reasons: str, feedback: str
) -> Decision:
    decision = Decision(
        application=application,
        outcome=outcome,
        reasons=reasons,
        feedback=feedback,
        decided_by=actor,
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def application_decline(
    *, application: Application, actor: Any, reasons: str, feedback: str
) -> Decision:
    """A declined group always gets feedback."""
    application = _locked(application)
    _refuse_if_not_ready(application)
    if not feedback.strip():
        raise ValidationError({"feedback": _("Write some feedback for the group.")})
    decision = _record_decision(application, actor, DecisionOutcome.DECLINE, reasons, feedback)
    application.status = ApplicationStatus.DECLINED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(actor=actor, action=events.APPLICATION_DECLINED, target=application)
    return decision


def _refuse_over_budget(programme: Programme, amount_pence: int) -> None:
    totals = Award.objects.filter(programme=programme).aggregate(
        awarded=Sum("amount_pence"), count=Count("id")
    )
    # The award limit first: a seventh award in a "six best ideas" programme is refused
    # because six ideas are funded, whatever money is left.
    if programme.award_limit is not None and totals["count"] >= programme.award_limit:
        raise ValidationError(
            ngettext(
                "This programme funds %(limit)d idea and has made %(count)d award already, "
                "so it cannot make another.",
                "This programme funds %(limit)d ideas and has made %(count)d awards already, "
                "so it cannot make another.",
                programme.award_limit,
            )
            % {"limit": programme.award_limit, "count": totals["count"]}
        )
    budget = programme_budget_figures(programme=programme).put_in_pence
    if budget == 0:
        raise ValidationError(
            _(
                "No money has been put into this programme's budget yet. Add money to the "
                "budget on the programme's budget page, then decide."
            )
        )
    awarded = totals["awarded"] or 0
    if awarded + amount_pence > budget:
        raise ValidationError(
            _(
                "This would take the programme over its budget: %(left)s is left of %(budget)s. "
                "Award %(left)s or less, or add money to the budget first."
            )
            % {"left": format_pence(budget - awarded), "budget": format_pence(budget)}
        )


def _holds_for(partner: Organisation, programme: Programme) -> bool:
    """A holding partner holds grants only for funders it has agreed to hold for."""
    return partner.kind == OrganisationKind.HOLDING_PARTNER and (
        HoldingPartnership.objects.filter(funder_id=programme.funder_id, partner=partner).exists()
    )


@transaction.atomic
def award_make(
    *,
    application: Application,
    actor: Any,
    amount_pence: int,
    conditions: str = "",
    reasons: str = "",
    holding_partner: Organisation | None = None,
) -> Award:
    """A programme never awards more than its budget or its award limit, whoever decides at once."""
    # Lock the programme first: every award in a programme queues here, so two staff
    # deciding at the same moment cannot both see the same money left.
    programme = Programme.objects.select_for_update().get(pk=application.programme_id)
    application = _locked(application)
    _refuse_if_not_ready(application)
    if not 0 < amount_pence <= programme.max_grant_pence:
        raise ValidationError(
            {
                "amount": _("Award an amount between £0.01 and %(most)s.")
                % {"most": format_pence(programme.max_grant_pence)}
            }
        )
    if holding_partner is not None and not _holds_for(holding_partner, programme):
        raise ValidationError(
            {
                "holding_partner": _(
                    "Choose one of your holding partners, or add this one on the holding "
                    "partners page first."
                )
            }
        )
    _refuse_over_budget(programme, amount_pence)
    _record_decision(application, actor, DecisionOutcome.AWARD, reasons, "")
    award = Award(
        application=application,
        programme=programme,
        amount_pence=amount_pence,
        conditions=conditions,
        holding_partner=holding_partner,
        decided_by=actor,
        awarded_on=timezone.localdate(),
        report_due_on=timezone.localdate() + timedelta(days=programme.report_due_days),
    )
    award.full_clean()
    award.save()
    application.status = ApplicationStatus.AWARDED
    application.decided_at = timezone.now()
    application.save(update_fields=["status", "decided_at", "updated_at"])
    audit_record(
        actor=actor,
        action=events.AWARD_MADE,
        target=application,
        data={"amount_pence": amount_pence},
    )
    return award


@transaction.atomic
def award_accept(*, award: Award, actor: Any, how: str = AcceptanceMethod.ONLINE) -> Award:
    """A group accepts its award and conditions once, online or by telling staff."""
    award = Award.objects.select_for_update().get(pk=award.pk)
    if award.accepted_at is not None:
        raise ValidationError(_("This grant has already been accepted. Thank you."))
    award.accepted_at = timezone.now()
    award.accepted_how = how
    award.accepted_by = actor
    award.full_clean()
    award.save()
    audit_record(actor=actor, action=events.AWARD_ACCEPTED, target=award, data={"how": how})
    if award.holding_partner_id is not None:
        # A group with no bank account: the money waits with a holding partner, which is
        # the moment to read how holding money works.
        prompt_offer(
            group=award.application.group,
            reason=PromptReason.HOLDING_MONEY,
            about=f"award:{award.pk}",
        )
    return award
