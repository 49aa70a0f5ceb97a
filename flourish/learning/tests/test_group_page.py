"""A group's own page reads the group, its choices and its latest health check together,
and keeps two lists that are the same for every group: the guides' headings and who a
group may ask for help. A change to either shows on the next visit, and a choice posted
from a page drawn before the change is still checked against what there is now."""

import datetime

import pytest
from django.urls import reverse

from flourish.accounts.factories import OrganisationFactory
from flourish.accounts.models import OrganisationKind
from flourish.learning.factories import published_guide
from flourish.learning.health import QUESTIONS
from flourish.learning.models import GroupLearningSettings, HealthCheck, PromptReason
from flourish.learning.services.guides import guide_publish, guide_version_save
from flourish.learning.services.prompts import prompt_offer
from flourish.learning.services.support import health_check_record

pytestmark = pytest.mark.django_db


def _page(client, group):
    return client.get(reverse("learning:group", args=[group.slug])).content.decode()


def test_the_page_links_to_the_groups_newest_health_check_answers(client, group, owner):
    client.force_login(owner)
    assert "Your answers from" not in _page(client, group)
    answers = {question.key: "yes" for question in QUESTIONS}
    older = health_check_record(group=group, actor=owner, answers=answers)
    HealthCheck.objects.filter(pk=older.pk).update(
        created_at=datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC)
    )
    newer = health_check_record(group=group, actor=owner, answers=answers)
    HealthCheck.objects.filter(pk=newer.pk).update(
        created_at=datetime.datetime(2026, 9, 14, 10, tzinfo=datetime.UTC)
    )
    page = _page(client, group)
    assert reverse("learning:health_check_answers", args=[group.slug, newer.pk]) in page
    assert "Your answers from 14 September 2026" in page
    assert reverse("learning:health_check_answers", args=[group.slug, older.pk]) not in page


def test_a_group_that_has_chosen_nothing_gets_no_emails_and_asks_the_site(client, group, owner):
    client.force_login(owner)
    page = _page(client, group)
    assert 'value="on" checked' not in page
    assert "Your requests go to the people who run this Flourish site." in page
    assert not GroupLearningSettings.objects.exists()  # reading the page saves nothing


def test_a_support_organisation_added_renamed_or_removed_shows_at_once(client, group, owner):
    client.force_login(owner)
    assert "Leeds Mind" not in _page(client, group)  # the list is kept from here
    helper = OrganisationFactory(kind=OrganisationKind.SUPPORT_ORGANISATION, name="Leeds Mind")
    assert f'<option value="{helper.pk}">Leeds Mind</option>' in _page(client, group)
    helper.name = "Mind in Leeds"
    helper.save()
    page = _page(client, group)
    assert "Mind in Leeds" in page and "Leeds Mind" not in page
    helper.delete()
    assert "Mind in Leeds" not in _page(client, group)


def test_a_choice_from_a_page_drawn_before_a_change_is_checked_against_what_there_is_now(
    client, group, owner
):
    helper = OrganisationFactory(kind=OrganisationKind.SUPPORT_ORGANISATION, name="Leeds Mind")
    client.force_login(owner)
    assert "Leeds Mind" in _page(client, group)
    # Changed around the services (no signal, so the kept list still offers it).
    type(helper).objects.filter(pk=helper.pk).update(kind=OrganisationKind.GROUP)
    response = client.post(
        reverse("learning:support_organisation", args=[group.slug]), {"organisation": helper.pk}
    )
    assert response.status_code == 200
    assert "Choose one of the answers given for “Who would you like help from?”" in (
        response.content.decode()
    )
    assert not GroupLearningSettings.objects.filter(support_organisation=helper).exists()


def test_a_guide_published_again_shows_its_new_title_at_once(client, group, owner, writer):
    version = published_guide(slug="keeping-your-listing-fresh", title="Keep your listing fresh")
    prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    client.force_login(owner)
    assert "Keep your listing fresh" in _page(client, group)
    newer = guide_version_save(
        guide=version.guide,
        actor=writer,
        language="en-gb",
        title="Check your listing",
        summary="Once a season.",
        body="Words.",
    )
    guide_publish(version=newer, actor=writer)
    page = _page(client, group)
    assert "Check your listing" in page and "Keep your listing fresh" not in page
