"""Offering "what you might need now" to a group, and the group's answer. Other apps call
`prompt_offer` from their own services when something happens (no signals)."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts.models import Membership, Organisation, Role
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.learning import events
from flourish.learning.models import GroupLearningSettings, Prompt, PromptReason, PromptState


def _email_leads(prompt: Prompt) -> None:
    leads = sorted(
        Membership.objects.filter(organisation=prompt.group, role=Role.GROUP_LEAD).values_list(
            "user__email", flat=True
        )
    )
    if leads:
        email_send.enqueue(
            to=leads,
            subject=_("Something that might help %(group)s") % {"group": prompt.group.name},
            body=render_to_string("learning/messages/prompt.txt", {"prompt": prompt}),
        )


def prompt_offer(*, group: Organisation | None, reason: str, about: str = "") -> Prompt | None:
    """Put an item on the group's page, once per reason and thing: offering it again (a
    retry, a daily task running twice) changes nothing. Emailed only if the group asked."""
    if group is None:
        return None
    if Prompt.objects.filter(group=group, reason=reason, about=about).exists():
        return None
    prompt = Prompt(group=group, reason=PromptReason(reason), about=about)
    prompt.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            prompt.save()
    except IntegrityError:
        return None  # offered at the same moment by another worker
    audit_record(actor=None, action=events.PROMPT_OFFERED, target=group, data={"reason": reason})
    if GroupLearningSettings.objects.filter(group=group, email_prompts=True).exists():
        transaction.on_commit(partial(_email_leads, prompt))
    return prompt


@transaction.atomic
def prompt_answer(*, prompt: Prompt, actor: Any, state: str) -> Prompt:
    """The group says an item is done or not relevant; either way it leaves their page."""
    if state not in {PromptState.DONE, PromptState.NOT_RELEVANT}:
        raise ValidationError(_("Choose done or not relevant."))
    prompt.state = state
    prompt.answered_by = actor
    prompt.answered_at = timezone.now()
    prompt.full_clean()
    prompt.save(update_fields=["state", "answered_by", "answered_at", "updated_at"])
    audit_record(actor=actor, action=events.PROMPT_ANSWERED, target=prompt, data={"state": state})
    return prompt


@transaction.atomic
def prompt_emails_set(*, group: Organisation, actor: Any, email_prompts: bool) -> None:
    """A group chooses whether prompts also come by email."""
    settings_row, _created = GroupLearningSettings.objects.get_or_create(group=group)
    settings_row.email_prompts = email_prompts
    settings_row.full_clean()
    settings_row.save()
    audit_record(
        actor=actor,
        action=events.PROMPT_EMAILS_CHANGED,
        target=group,
        data={"email_prompts": email_prompts},
    )
