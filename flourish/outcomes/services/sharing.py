"""The person invites people to see or help with a goal, or to see their check-ins on one
measure, and withdraws them; every look by anyone but the person is recorded and shown to
them."""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.core import events as core_events
from flourish.core.services import audit_record
from flourish.outcomes import events
from flourish.outcomes.models import Goal, GoalHelper, GroupShare, Instrument, SeriesShare

# One message whether or not the address has an account, so the form never tells the
# person (or anyone using their account) who else uses Flourish.
NOT_FOUND = gettext_lazy(
    "We could not invite that address. Check it is the email they use for Flourish."
)


def helper_invite(*, goal: Goal, email: str, actor: Any, may_help: bool = False) -> GoalHelper:
    """Only the person invites someone (a mentor, broker, group worker) to their goal."""
    if actor != goal.owner:
        raise ValidationError(_("Only the person whose goal this is can invite someone."))
    helper = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if helper is None:
        raise ValidationError({"email": NOT_FOUND})
    if helper == goal.owner:
        raise ValidationError({"email": _("That is your own address. Enter someone else’s.")})
    with transaction.atomic():
        if goal.helpers.filter(helper=helper, withdrawn_at__isnull=True).exists():
            raise ValidationError({"email": _("They are already invited to this goal.")})
        invitation = GoalHelper(goal=goal, helper=helper, may_help=may_help, invited_by=actor)
        invitation.full_clean()
        invitation.save()
        audit_record(
            actor=actor,
            action=events.HELPER_INVITED,
            target=goal,
            data={"helper": helper.pk, "may_help": may_help},
        )
    return invitation


def helper_withdraw(*, invitation: GoalHelper, actor: Any) -> GoalHelper:
    """The person can take an invitation back at any time; the helper loses sight at once."""
    if actor != invitation.goal.owner:
        raise ValidationError(_("Only the person whose goal this is can withdraw an invitation."))
    if invitation.withdrawn_at is not None:
        return invitation
    with transaction.atomic():
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            action=events.HELPER_WITHDRAWN,
            target=invitation.goal,
            data={"helper": invitation.helper_id},
        )
    return invitation


def goal_read_record(*, goal: Goal, reader: Any) -> None:
    """Anyone but the person opening a goal is a read of special category data: recorded,
    and shown to the person on their "who has looked" page."""
    if reader == goal.owner:
        return
    audit_record(
        actor=reader,
        action=core_events.SENSITIVE_RECORD_READ,
        target=goal.owner,
        data={"fields": ["goal"], "where": "outcomes", "goal": goal.pk},
    )


def series_share(*, person: Any, instrument: Instrument, email: str, actor: Any) -> SeriesShare:
    """Only the person shows their check-ins on one measure to someone they name."""
    if actor != person:
        raise ValidationError(_("Only the person can share their own check-ins."))
    viewer = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if viewer is None:
        raise ValidationError({"email": NOT_FOUND})
    if viewer == person:
        raise ValidationError({"email": _("That is your own address. Enter someone else’s.")})
    with transaction.atomic():
        open_shares = SeriesShare.objects.filter(
            person=person, instrument=instrument, viewer=viewer, withdrawn_at__isnull=True
        )
        if open_shares.exists():
            raise ValidationError({"email": _("They can already see these check-ins.")})
        share = SeriesShare(person=person, instrument=instrument, viewer=viewer)
        share.full_clean()
        share.save()
        audit_record(
            actor=actor,
            action=events.SERIES_SHARED,
            target=share,
            data={"viewer": viewer.pk, "series": instrument.slug},
        )
    return share


def series_share_withdraw(*, share: SeriesShare, actor: Any) -> SeriesShare:
    """The person can stop sharing a series at any time; the viewer loses sight at once."""
    if actor != share.person:
        raise ValidationError(_("Only the person can stop sharing their check-ins."))
    if share.withdrawn_at is None:
        with transaction.atomic():
            share.withdrawn_at = timezone.now()
            share.save(update_fields=["withdrawn_at", "updated_at"])
            audit_record(actor=actor, action=events.SERIES_SHARE_WITHDRAWN, target=share)
    return share


def series_read_record(*, share: SeriesShare, reader: Any) -> None:
    """A viewer opening someone's check-ins is recorded and shown on their "who has looked"."""
    if reader == share.person:
        return
    audit_record(
        actor=reader,
        action=core_events.SENSITIVE_RECORD_READ,
        target=share.person,
        data={"fields": ["check-ins"], "where": "outcomes", "series": share.instrument.slug},
    )


def group_share(
    *,
    person: Any,
    group: Any,
    audience: str,
    actor: Any,
    goal: Goal | None = None,
    instrument: Instrument | None = None,
) -> GroupShare:
    """Only the person shows one goal, or one measure's check-ins, to one of their groups:
    its organisers only, or everyone in it."""
    from flourish.outcomes.selectors.groups import groups_of

    if actor != person or (goal is not None and goal.owner_id != person.pk):
        raise ValidationError(_("Only the person can share their own goals and check-ins."))
    if (goal is None) == (instrument is None):
        raise ValueError("Share one goal or one series.")
    if not groups_of(person=person).filter(pk=group.pk).exists():
        raise ValidationError({"group": _("Choose one of the groups you belong to.")})
    with transaction.atomic():
        found = GroupShare.objects.filter(group=group, withdrawn_at__isnull=True)
        found = (
            found.filter(goal=goal) if goal else found.filter(person=person, instrument=instrument)
        )
        if found.exists():
            raise ValidationError(
                {
                    "group": _(
                        "This is already shared with that group. Stop sharing it first if "
                        "you want to change who in the group can see it."
                    )
                }
            )
        share = GroupShare(
            person=person, group=group, goal=goal, instrument=instrument, audience=audience
        )
        share.full_clean()
        share.save()
        audit_record(
            actor=actor,
            action=events.GROUP_SHARED,
            target=share,
            data={
                "group": group.pk,
                "audience": audience,
                **(
                    {"goal": goal.pk} if goal else {"series": instrument.slug if instrument else ""}
                ),
            },
        )
    return share


def group_share_withdraw(*, share: GroupShare, actor: Any) -> GroupShare:
    """The person stops sharing with the group; nobody in it can see it from now on."""
    if actor != share.person:
        raise ValidationError(_("Only the person can stop sharing their goals and check-ins."))
    if share.withdrawn_at is None:
        with transaction.atomic():
            share.withdrawn_at = timezone.now()
            share.save(update_fields=["withdrawn_at", "updated_at"])
            audit_record(actor=actor, action=events.GROUP_SHARE_WITHDRAWN, target=share)
    return share


def group_series_read_record(*, share: GroupShare, reader: Any) -> None:
    """Someone in the group opening the person's check-ins: recorded, shown on "who has looked"."""
    if reader == share.person or share.instrument is None:
        return
    audit_record(
        actor=reader,
        action=core_events.SENSITIVE_RECORD_READ,
        target=share.person,
        data={
            "fields": ["check-ins"],
            "where": "outcomes",
            "series": share.instrument.slug,
            "group": share.group_id,
        },
    )
