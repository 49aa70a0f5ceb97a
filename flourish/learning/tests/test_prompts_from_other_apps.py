"""Events in budgets and the timebank put "what you might need now" on a group's page: a
first confirmed personal-budget booking (receipts and invoices), a first volunteer or mentor
(safeguarding). Each comes once; the group's answer is final."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import UserFactory
from flourish.budgets.factories import budget_make, budget_offer_make, council_make
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.learning.factories import published_guide
from flourish.learning.models import Prompt, PromptReason, PromptState
from flourish.learning.services.prompts import prompt_answer
from flourish.timebank.factories import (
    AskingMemberFactory,
    TimebankFactory,
    mentor_make,
    scheme_make,
)
from flourish.timebank.services.timebanks import member_approve

pytestmark = pytest.mark.django_db


def _booking(group, holder):
    budget = budget_make(council=council_make("Leeds City Council", slug="leeds"), person=holder)
    budget_periods_pay(today=datetime.date(2026, 1, 15))
    offer = budget_offer_make(group=group, price_pence=2_000)
    next_week = timezone.localdate() + datetime.timedelta(days=7)
    return lambda: booking_ask(
        budget=budget, offer=offer, session_on=next_week, quantity=1, actor=holder
    )


def test_a_first_confirmed_booking_puts_receipts_and_invoices_on_the_groups_page(
    client, group, owner
):
    published_guide(slug="receipts-and-invoices", title="Receipts and invoices")
    book = _booking(group, UserFactory(email="jo@example.org"))
    first = book()
    assert not Prompt.objects.exists()  # asked, not yet confirmed
    booking_confirm(booking=first, actor=owner)
    prompt = Prompt.objects.get()
    assert (prompt.group, prompt.reason) == (group, PromptReason.FIRST_BOOKING)
    client.force_login(owner)
    page = client.get(reverse("learning:group", args=[group.slug])).content.decode()
    assert "Receipts and invoices" in page

    prompt_answer(prompt=prompt, actor=owner, state=PromptState.DONE)
    booking_confirm(booking=book(), actor=owner)  # a second booking never nags
    assert Prompt.objects.get().state == PromptState.DONE


def test_a_first_volunteer_in_a_groups_timebank_puts_safeguarding_on_its_page(group, owner):
    timebank = TimebankFactory(organisation=group)
    asking = AskingMemberFactory(timebank=timebank)
    assert not Prompt.objects.exists()
    member_approve(member=asking, actor=owner)
    member_approve(member=AskingMemberFactory(timebank=timebank), actor=owner)
    prompt = Prompt.objects.get()
    assert (prompt.group, prompt.reason) == (group, PromptReason.FIRST_VOLUNTEER)


def test_a_first_mentor_in_a_groups_scheme_puts_safeguarding_on_its_page(group, owner):
    timebank = TimebankFactory(organisation=group)
    member = AskingMemberFactory(timebank=timebank)
    member_approve(member=member, actor=owner)
    Prompt.objects.all().delete()  # as if the group had members before this came in
    mentor_make(scheme_make(timebank), member=member)
    assert Prompt.objects.filter(group=group, reason=PromptReason.FIRST_VOLUNTEER).count() == 1


def test_a_timebank_run_by_a_body_that_is_not_a_group_offers_nothing(db):
    from flourish.accounts.factories import OrganisationFactory
    from flourish.accounts.models import OrganisationKind

    council = OrganisationFactory(kind=OrganisationKind.COUNCIL)
    member_approve(
        member=AskingMemberFactory(timebank=TimebankFactory(organisation=council)), actor=None
    )
    assert not Prompt.objects.exists()
