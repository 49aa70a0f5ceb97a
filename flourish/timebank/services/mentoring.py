"""Peer mentoring: mentors apply and are checked, mentees ask or are referred with consent,
the coordinator matches, both accept, sessions are logged, concerns reach the coordinator."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.timebank import events
from flourish.timebank.models import (
    ApplicationStatus,
    CheckKind,
    Concern,
    ExchangeKind,
    MenteeRequest,
    MentorApplication,
    MentoringPair,
    MentoringScheme,
    MentoringSession,
    PairStatus,
    RequestStatus,
    TimebankMember,
)
from flourish.timebank.services.coordinators import coordinator_emails
from flourish.timebank.services.exchanges import (
    check_minutes,
    exchange_confirm,
    exchange_record_directly,
)

TAKING_A_PLACE = [PairStatus.PROPOSED, PairStatus.ACTIVE]


def scheme_create(
    *,
    timebank: Any,
    name: str,
    slug: str,
    actor: Any,
    description: str = "",
    timebanked: bool = True,
) -> MentoringScheme:
    """A timebank runs a mentoring scheme; in a timebanked one each session is an exchange."""
    with transaction.atomic():
        scheme = MentoringScheme(
            timebank=timebank, name=name, slug=slug, description=description, timebanked=timebanked
        )
        scheme.full_clean()
        scheme.save()
        audit_record(actor=actor, action=events.SCHEME_CREATED, target=scheme)
    return scheme


def mentor_apply(
    *, scheme: MentoringScheme, member: TimebankMember, why: str, actor: Any, **profile: Any
) -> MentorApplication:
    """A member of the scheme's timebank offers to mentor."""
    if member.timebank_id != scheme.timebank_id:
        raise ValidationError(_("Only members of this timebank can mentor in its scheme."))
    if MentorApplication.objects.filter(scheme=scheme, member=member).exists():
        raise ValidationError(_("You have already applied to mentor in this scheme."))
    with transaction.atomic():
        application = MentorApplication(scheme=scheme, member=member, why=why, **profile)
        application.full_clean()
        application.save()
        audit_record(actor=actor, action=events.MENTOR_APPLIED, target=application)
    return application


def mentor_approve(*, application: MentorApplication, actor: Any) -> MentorApplication:
    """A mentor is approved once their training and an in-date safeguarding check are recorded."""
    today = timezone.localdate()
    checks = application.member.checks
    trained = checks.filter(kind=CheckKind.TRAINING).exists()
    safe = checks.filter(kind=CheckKind.SAFEGUARDING, expires_on__gt=today).exists()
    if not (trained and safe):
        raise ValidationError(
            _(
                "Record %(name)s's mentor training and an in-date safeguarding check on their "
                "member page first."
            )
            % {"name": application.member}
        )
    with transaction.atomic():
        application.status = ApplicationStatus.APPROVED
        application.approved_at = timezone.now()
        application.save()
        audit_record(actor=actor, action=events.MENTOR_APPROVED, target=application)
    return application


def mentee_ask(
    *,
    scheme: MentoringScheme,
    member: TimebankMember,
    hopes: str,
    actor: Any,
    referred_by: Any = None,
    consent_given: bool = True,
    **profile: Any,
) -> MenteeRequest:
    """A person asks for a mentor, or is referred by someone, only with their consent."""
    if referred_by is not None and not consent_given:
        raise ValidationError(
            {"consent_given": _("Ask the person first: we refer people only with their consent.")}
        )
    if MenteeRequest.objects.filter(
        scheme=scheme, member=member, status=RequestStatus.WAITING
    ).exists():
        raise ValidationError(_("%(name)s is already waiting for a mentor.") % {"name": member})
    with transaction.atomic():
        request = MenteeRequest(
            scheme=scheme,
            member=member,
            hopes=hopes,
            referred_by=referred_by,
            consent_given=consent_given,
            **profile,
        )
        request.full_clean()
        request.save()
        audit_record(actor=actor, action=events.MENTEE_ASKED, target=request)
    return request


def places_taken(mentor: MentorApplication) -> int:
    return mentor.pairs.filter(status__in=TAKING_A_PLACE).count()


def pair_propose(*, mentor: MentorApplication, mentee: MenteeRequest, actor: Any) -> MentoringPair:
    """The coordinator suggests a match; a mentor already at capacity cannot take another."""
    if mentor.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("%(name)s is not an approved mentor yet.") % {"name": mentor})
    if mentee.status != RequestStatus.WAITING:
        raise ValidationError(_("%(name)s is not waiting for a mentor.") % {"name": mentee})
    if mentor.member_id == mentee.member_id:
        raise ValidationError(_("A person cannot mentor themselves. Choose another mentor."))
    with transaction.atomic():
        # Lock the mentor's row so two matches made at once cannot both take the last place.
        MentorApplication.objects.select_for_update().get(pk=mentor.pk)
        if places_taken(mentor) >= mentor.capacity:
            raise ValidationError(
                _(
                    "%(name)s is already mentoring as many people as they can (%(capacity)s). "
                    "Choose another mentor."
                )
                % {"name": mentor, "capacity": mentor.capacity}
            )
        pair = MentoringPair(scheme=mentor.scheme, mentor=mentor, mentee=mentee, matched_by=actor)
        pair.full_clean()
        pair.save()
        mentee.status = RequestStatus.MATCHED
        mentee.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=events.PAIR_PROPOSED, target=pair)
    return pair


def _side(pair: MentoringPair, user: Any) -> str:
    if pair.mentor.member.user_id == getattr(user, "pk", None):
        return "mentor"
    if pair.mentee.member.user_id == getattr(user, "pk", None):
        return "mentee"
    raise ValidationError(_("Only the two people in this pair can do this."))


def pair_accept(*, pair: MentoringPair, actor: Any) -> MentoringPair:
    """Both people accept before the pair starts."""
    side = _side(pair, actor)
    if pair.status != PairStatus.PROPOSED:
        raise ValidationError(_("This match is not waiting for an answer."))
    with transaction.atomic():
        setattr(pair, f"{side}_accepted_at", timezone.now())
        if pair.mentor_accepted_at and pair.mentee_accepted_at:
            pair.status = PairStatus.ACTIVE
            pair.started_at = timezone.now()
        pair.save()
        audit_record(actor=actor, action=events.PAIR_ACCEPTED, target=pair, data={"side": side})
    return pair


def pair_decline(*, pair: MentoringPair, actor: Any) -> MentoringPair:
    """Either person may say no to a suggested match; the mentee goes back to the waiting list."""
    _side(pair, actor)
    if pair.status != PairStatus.PROPOSED:
        raise ValidationError(_("This match is not waiting for an answer."))
    with transaction.atomic():
        pair.status = PairStatus.DECLINED
        pair.save()
        pair.mentee.status = RequestStatus.WAITING
        pair.mentee.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action=events.PAIR_DECLINED, target=pair)
    return pair


def pair_aims_set(*, pair: MentoringPair, aims: str, actor: Any) -> MentoringPair:
    """The pair write what they want from it, in their own words."""
    _side(pair, actor)
    if not aims.strip():
        raise ValidationError({"aims": _("Write what you both want from meeting, in your words.")})
    with transaction.atomic():
        pair.aims = aims.strip()
        pair.save(update_fields=["aims", "updated_at"])
        audit_record(actor=actor, action=events.PAIR_AIMS_AGREED, target=pair)
    return pair


def session_log(
    *,
    pair: MentoringPair,
    happened_on: datetime.date,
    minutes: int,
    mode: str,
    summary: str,
    actor: Any,
    private_note: str = "",
) -> MentoringSession:
    """Either person logs a session; in a timebanked scheme it is also an exchange, confirmed
    at once when the mentee logs it, and by the mentee otherwise."""
    side = _side(pair, actor)
    if pair.status != PairStatus.ACTIVE:
        raise ValidationError(_("Sessions can be logged once you have both accepted the match."))
    check_minutes(minutes)
    with transaction.atomic():
        session = MentoringSession(
            pair=pair,
            happened_on=happened_on,
            minutes=minutes,
            mode=mode,
            summary=summary.strip(),
            private_note=private_note,
            logged_by=actor,
        )
        if pair.scheme.timebanked:
            session.exchange = exchange_record_directly(
                timebank=pair.scheme.timebank,
                giver=pair.mentor.member,
                receivers=[pair.mentee.member],
                kind=ExchangeKind.PERSON,
                minutes=minutes,
                happened_on=happened_on,
                description=summary,
                mentoring=True,
                help_kind="peer_support",
                actor=actor,
            )
            if side == "mentee":
                exchange_confirm(exchange=session.exchange, member=pair.mentee.member, actor=actor)
        session.full_clean()
        session.save()
        audit_record(actor=actor, action=events.SESSION_LOGGED, target=pair)
    return session


def concern_raise(*, pair: MentoringPair, details: str, actor: Any) -> Concern:
    """A concern reaches the coordinator at once, by email through the task queue."""
    _side(pair, actor)
    if not details.strip():
        raise ValidationError({"details": _("Say what worries you, in a few words.")})
    with transaction.atomic():
        concern = Concern(pair=pair, raised_by=actor, details=details.strip())
        concern.full_clean()
        concern.save()
        audit_record(actor=actor, action=events.CONCERN_RAISED, target=pair)
        recipients = coordinator_emails(timebank=pair.scheme.timebank)
        subject = _("A mentoring concern in %(scheme)s") % {"scheme": pair.scheme}
        body = _("%(name)s raised a concern about their mentoring pair:\n\n%(details)s") % {
            "name": actor,
            "details": concern.details,
        }
        if recipients:
            transaction.on_commit(
                lambda: email_send.enqueue(to=recipients, subject=subject, body=body)
            )
    return concern


def pair_end(
    *, pair: MentoringPair, reflection: str, actor: Any, another_match: bool = False
) -> MentoringPair:
    """A pair ends well: each says how it went, and the mentee may ask for another match."""
    side = _side(pair, actor)
    if pair.status not in (PairStatus.ACTIVE, PairStatus.ENDED):
        raise ValidationError(_("Only a pair that has started can end."))
    with transaction.atomic():
        setattr(pair, f"{side}_reflection", reflection.strip())
        if pair.status == PairStatus.ACTIVE:
            pair.status = PairStatus.ENDED
            pair.ended_at = timezone.now()
        pair.save()
        if another_match and side == "mentee":
            MenteeRequest.objects.create(
                scheme=pair.scheme,
                member=pair.mentee.member,
                hopes=pair.mentee.hopes,
                languages=pair.mentee.languages,
                interests=pair.mentee.interests,
                days=pair.mentee.days,
            )
        audit_record(actor=actor, action=events.PAIR_ENDED, target=pair, data={"side": side})
    return pair
