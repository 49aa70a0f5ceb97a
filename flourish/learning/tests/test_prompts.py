"""Events elsewhere put "what you might need now" on a group's page; the group marks an
item done or not relevant, and the same thing never comes back to nag."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, OrganisationFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.directory.factories import ListingFactory
from flourish.directory.services.listings import listings_mark_stale
from flourish.grants.factories import AwardFactory, holding_partner_for
from flourish.grants.services.decisions import award_accept
from flourish.grants.services.reports import report_due_prompts_offer
from flourish.learning.factories import published_guide
from flourish.learning.models import Prompt, PromptReason, PromptState
from flourish.learning.services.prompts import prompt_emails_set, prompt_offer

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def _award(group, *, held: bool, **fields):
    award = AwardFactory(application__group=group, **fields)
    if held:
        award.holding_partner = holding_partner_for(award.programme.funder)
        award.save()
    return award


def test_a_group_with_no_bank_account_accepts_a_grant_and_sees_the_holding_money_guide(
    client, group, owner
):
    published_guide(slug="holding-money-without-a-bank-account", title="Holding money")
    award_accept(award=_award(group, held=True), actor=owner)
    client.force_login(owner)
    page = client.get(reverse("learning:group", args=[group.slug])).content.decode()
    assert "Your grant is held for you" in page
    assert reverse("learning:guide", args=["holding-money-without-a-bank-account"]) in page


def test_a_group_with_a_bank_account_is_not_told_about_holding_money(group, owner):
    award_accept(award=_award(group, held=False), actor=owner)
    assert not Prompt.objects.exists()


def test_a_report_due_within_two_weeks_offers_the_guide_once(group):
    soon = _award(group, held=False, report_due_on=TODAY + datetime.timedelta(days=10))
    soon.accepted_at = timezone.now()
    soon.save()
    later = _award(group, held=False, report_due_on=TODAY + datetime.timedelta(days=20))
    later.accepted_at = timezone.now()
    later.save()
    assert report_due_prompts_offer(today=TODAY) == 1
    assert report_due_prompts_offer(today=TODAY) == 0
    assert Prompt.objects.get().reason == PromptReason.REPORT_DUE


def test_the_daily_command_offers_the_guide_for_reports_due_soon(group):
    soon = _award(group, held=False, report_due_on=timezone.localdate())
    soon.accepted_at = timezone.now()
    soon.save()
    call_command("send_report_reminders", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Prompt.objects.filter(group=group, reason=PromptReason.REPORT_DUE).exists()


def test_a_listing_gone_stale_offers_keeping_it_fresh(group):
    listing = ListingFactory(organisation=group)
    type(listing).objects.filter(pk=listing.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=400), last_confirmed_at=None
    )
    listings_mark_stale(now=timezone.now())
    assert Prompt.objects.get(group=group).reason == PromptReason.STALE_LISTING


@pytest.mark.parametrize("answer, state", [("done", "done"), ("not-relevant", "not_relevant")])
def test_a_colleague_marks_an_item_and_it_leaves_the_page(client, group, colleague, answer, state):
    prompt = prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    client.force_login(colleague)
    address = reverse("learning:prompt_answer", args=[group.slug, prompt.pk, answer])
    assert client.post(address).status_code == 302
    prompt.refresh_from_db()
    assert prompt.state == state
    page = client.get(reverse("learning:group", args=[group.slug])).content.decode()
    assert "Your listing needs a check" not in page


def test_an_item_answered_is_never_offered_again_for_the_same_thing(group, owner):
    prompt = prompt_offer(group=group, reason=PromptReason.HOLDING_MONEY, about="award:1")
    prompt.state = PromptState.DONE
    prompt.save()
    assert prompt_offer(group=group, reason=PromptReason.HOLDING_MONEY, about="award:1") is None
    assert Prompt.objects.count() == 1


def test_items_are_emailed_only_when_the_group_asks(
    group, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    assert mail.outbox == []
    prompt_emails_set(group=group, actor=owner, email_prompts=True)
    with django_capture_on_commit_callbacks(execute=True):
        prompt_offer(group=group, reason=PromptReason.REPORT_DUE)
    assert [message.to for message in mail.outbox] == [[owner.email]]


def test_a_group_turns_emails_on_from_its_page(client, group, owner):
    client.force_login(owner)
    client.post(reverse("learning:prompt_emails", args=[group.slug]), {"email_prompts": "on"})
    page = client.get(reverse("learning:group", args=[group.slug])).content.decode()
    assert 'value="on" checked' in page


@pytest.mark.parametrize("who", ["stranger", "lead_of_another_group"])
def test_a_stranger_and_another_group_get_404(client, group, stranger, who):
    prompt = prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    if who == "lead_of_another_group":
        other = OrganisationFactory(kind=OrganisationKind.GROUP, name="Hearing Voices Bradford")
        MembershipFactory(user=stranger, organisation=other, role=Role.GROUP_LEAD)
    client.force_login(stranger)
    assert client.get(reverse("learning:group", args=[group.slug])).status_code == 404
    address = reverse("learning:prompt_answer", args=[group.slug, prompt.pk, "done"])
    assert client.post(address).status_code == 404
    prompt.refresh_from_db()
    assert prompt.state == PromptState.WAITING
