"""The health check, and support requests from asking to saying how it went."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.learning import events
from flourish.learning.health import ANSWER_KEYS, QUESTIONS
from flourish.learning.models import (
    GroupLearningSettings,
    HealthCheck,
    HealthCheckShare,
    SupportNote,
    SupportRequest,
    SupportStatus,
)
from flourish.learning.rules import HELPER_ROLE, may_help_with


@transaction.atomic
def health_check_record(
    *, group: Organisation, actor: Any, answers: dict[str, str], share: bool = False
) -> HealthCheck:
    """A group keeps its own answers; nothing is scored, and only the group sees them
    unless it chooses to share them with the people who run support."""
    unanswered = [q.key for q in QUESTIONS if answers.get(q.key) not in ANSWER_KEYS]
    if unanswered:
        raise ValidationError(
            {key: _("Choose an answer, or choose Not sure.") for key in unanswered}
        )
    check = HealthCheck(
        group=group,
        done_by=actor,
        answers={q.key: answers[q.key] for q in QUESTIONS},
        shared_with_support=share,
    )
    check.full_clean()
    check.save()
    audit_record(actor=actor, action=events.HEALTH_CHECK_DONE, target=group, data={"shared": share})
    return check


def _tell_support(support_request: SupportRequest) -> None:
    """The administrators hear of every request; the organisation the group asked, of its
    own."""
    from django.db.models import Q

    from flourish.accounts.models import Membership, Role

    who = Q(role=Role.ADMINISTRATOR)
    named = support_request.support_organisation
    if named is not None and named.kind in HELPER_ROLE:
        who |= Q(organisation=named, role=HELPER_ROLE[named.kind])
    helpers = sorted(set(Membership.objects.filter(who).values_list("user__email", flat=True)))
    if helpers:
        email_send.enqueue(
            to=helpers,
            subject=_("%(group)s has asked for support") % {"group": support_request.group.name},
            body=_("Sign in to Flourish and open Support requests to pick it up."),
        )


@transaction.atomic
def support_request_create(*, group: Organisation, actor: Any, what: str) -> SupportRequest:
    """A group asks for help with something specific, in its own words."""
    chosen = (
        GroupLearningSettings.objects.filter(group=group)
        .values_list("support_organisation", flat=True)
        .first()
    )
    support_request = SupportRequest(
        group=group, asked_by=actor, what=what.strip(), support_organisation_id=chosen
    )
    if not support_request.what:
        raise ValidationError(
            {
                "what": _(
                    "Say what you would like help with, for example: we have never done a budget."
                )
            }
        )
    support_request.full_clean()
    support_request.save()
    audit_record(actor=actor, action=events.SUPPORT_ASKED, target=support_request)
    transaction.on_commit(partial(_tell_support, support_request))
    return support_request


def _refuse_unless_support(actor: Any, support_request: SupportRequest) -> None:
    if not may_help_with(actor, support_request):
        raise ValidationError(
            _(
                "Only the organisation this group asked for help, or the site's "
                "administrators, can do this."
            )
        )


@transaction.atomic
def support_request_take_on(
    *, support_request: SupportRequest, actor: Any, agreed_help: str
) -> SupportRequest:
    """Someone who runs support takes a request on and says what help they will give."""
    _refuse_unless_support(actor, support_request)
    support_request = SupportRequest.objects.select_for_update().get(pk=support_request.pk)
    if support_request.status == SupportStatus.CLOSED:
        raise ValidationError(_("This request is finished. The group can ask again."))
    if not agreed_help.strip():
        raise ValidationError({"agreed_help": _("Say what help you have agreed to give.")})
    support_request.helper = actor
    support_request.agreed_help = agreed_help.strip()
    support_request.status = SupportStatus.HELPING
    support_request.full_clean()
    support_request.save()
    audit_record(actor=actor, action=events.SUPPORT_TAKEN_ON, target=support_request)
    return support_request


@transaction.atomic
def support_note_log(*, support_request: SupportRequest, actor: Any, text: str) -> SupportNote:
    """The person helping logs a conversation with the group."""
    _refuse_unless_support(actor, support_request)
    note = SupportNote(request=support_request, written_by=actor, text=text.strip())
    if not note.text:
        raise ValidationError({"text": _("Write a few words about the conversation.")})
    note.full_clean()
    note.save()
    audit_record(actor=actor, action=events.SUPPORT_NOTE_LOGGED, target=support_request)
    return note


@transaction.atomic
def support_request_rate(
    *, support_request: SupportRequest, actor: Any, how_it_went: str
) -> SupportRequest:
    """The group says how the help went, in its own words; the request is then finished."""
    if support_request.status != SupportStatus.HELPING:
        raise ValidationError(_("You can say how it went once someone is helping."))
    if not how_it_went.strip():
        raise ValidationError({"how_it_went": _("Say in a few words how the help went.")})
    support_request.how_it_went = how_it_went.strip()
    support_request.status = SupportStatus.CLOSED
    support_request.full_clean()
    support_request.save()
    audit_record(actor=actor, action=events.SUPPORT_RATED, target=support_request)
    return support_request


@transaction.atomic
def support_organisation_choose(
    *, group: Organisation, actor: Any, organisation: Organisation | None
) -> GroupLearningSettings:
    """The group names the one support organisation (or funder) it wants help from; its
    next requests go there. None means the people who run this Flourish site."""
    from flourish.learning.selectors.support import support_organisation_choices

    if (
        organisation is not None
        and not support_organisation_choices().filter(pk=organisation.pk).exists()
    ):
        raise ValidationError(
            {"organisation": _("Choose a support organisation or funder from the list.")}
        )
    settings_row, _created = GroupLearningSettings.objects.get_or_create(group=group)
    settings_row.support_organisation = organisation
    settings_row.full_clean()
    settings_row.save()
    audit_record(
        actor=actor,
        action=events.SUPPORT_ORGANISATION_CHOSEN,
        target=group,
        data={"organisation": organisation.pk if organisation else None},
    )
    return settings_row


@transaction.atomic
def health_check_share(
    *, check: HealthCheck, actor: Any, organisation: Organisation
) -> HealthCheckShare:
    """The group shows one health check to a funder it applied to or to the support
    organisation it named. Sharing twice changes nothing."""
    from flourish.learning.selectors.support import share_choices

    if not share_choices(group=check.group).filter(pk=organisation.pk).exists():
        raise ValidationError(
            {
                "organisation": _(
                    "Choose the support organisation you named or a funder you applied to."
                )
            }
        )
    share, created = HealthCheckShare.objects.get_or_create(
        health_check=check, organisation=organisation, defaults={"shared_by": actor}
    )
    if created:
        audit_record(
            actor=actor,
            action=events.HEALTH_CHECK_SHARED,
            target=check.group,
            data={"health_check": check.pk, "organisation": organisation.pk},
        )
    return share


@transaction.atomic
def health_check_share_withdraw(*, share: HealthCheckShare, actor: Any) -> None:
    """The group takes a share back: the organisation can no longer read the answers."""
    check = share.health_check
    data = {"health_check": check.pk, "organisation": share.organisation_id}
    HealthCheckShare.objects.filter(pk=share.pk).delete()
    audit_record(
        actor=actor, action=events.HEALTH_CHECK_SHARE_WITHDRAWN, target=check.group, data=data
    )
