"""A group names the support organisation it wants help from (or a funder, whose associates
give support); that organisation picks the request up, and nobody else outside the group and
the site's administrators can. The group shares a health check with a funder or its support
organisation, and can take it back."""

import re

import pytest
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.core.models import AuditEvent
from flourish.learning.health import QUESTIONS
from flourish.learning.models import HealthCheckShare, SupportRequest, SupportStatus
from flourish.learning.rules import may_help_with
from flourish.learning.services.support import health_check_record

pytestmark = pytest.mark.django_db


def _person(email, organisation, role):
    person = UserFactory(email=email)
    MembershipFactory(user=person, organisation=organisation, role=role)
    return with_authenticator(person)


@pytest.fixture
def community_action():
    return OrganisationFactory(
        kind=OrganisationKind.SUPPORT_ORGANISATION, name="Bradford Community Action"
    )


@pytest.fixture
def partner(community_action):
    return _person("partner@example.org", community_action, Role.SUPPORT_PARTNER)


@pytest.fixture
def other_partner():
    elsewhere = OrganisationFactory(kind=OrganisationKind.SUPPORT_ORGANISATION, name="Elsewhere")
    return _person("elsewhere@example.org", elsewhere, Role.SUPPORT_PARTNER)


def _choose(client, group, organisation):
    return client.post(
        reverse("learning:support_organisation", args=[group.slug]),
        {"organisation": organisation.pk if organisation else ""},
    )


def test_a_group_names_a_support_organisation_which_picks_its_request_up(
    client, group, owner, partner, other_partner, community_action
):
    client.force_login(owner)
    assert _choose(client, group, community_action).status_code == 302
    page = client.get(reverse("learning:group", args=[group.slug])).content.decode()
    assert "You asked for help from Bradford Community Action." in page
    client.post(reverse("learning:support_ask", args=[group.slug]), {"what": "A first budget"})
    asked = SupportRequest.objects.get()
    assert asked.support_organisation == community_action

    client.force_login(other_partner)
    assert client.get(reverse("learning:support_request", args=[asked.pk])).status_code == 404
    listed = client.get(reverse("learning:support_list")).content.decode()
    assert "Hearing Voices Leeds" not in listed

    client.force_login(partner)
    assert "Hearing Voices Leeds" in client.get(reverse("learning:support_list")).content.decode()
    response = client.post(
        reverse("learning:support_take_on", args=[asked.pk]), {"agreed_help": "Two calls"}
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.helper, asked.status) == (partner, SupportStatus.HELPING)
    client.force_login(owner)
    page = client.get(reverse("learning:support_request", args=[asked.pk])).content.decode()
    assert "Bradford Community Action" in page and "Two calls" in page


def test_a_funders_associates_help_when_the_group_names_the_funder(client, group, owner):
    funder = OrganisationFactory(kind=OrganisationKind.FUNDER, name="Community Minds Fund")
    associate = _person("dev@example.org", funder, Role.ASSOCIATE)
    staff = _person("staff@example.org", funder, Role.FUNDER_STAFF)
    client.force_login(owner)
    _choose(client, group, funder)
    client.post(reverse("learning:support_ask", args=[group.slug]), {"what": "Burnt out"})
    asked = SupportRequest.objects.get()
    assert may_help_with(associate, asked)
    assert not may_help_with(staff, asked)  # funder staff decide grants; associates support
    assert not may_help_with(owner, asked)


def test_a_group_cannot_name_another_group_and_nothing_changes(client, group, owner):
    elsewhere = OrganisationFactory(kind=OrganisationKind.GROUP, name="Another group")
    client.force_login(owner)
    response = _choose(client, group, elsewhere)
    assert response.status_code == 200
    assert "Choose one of the answers given for" in response.content.decode()
    assert not AuditEvent.objects.filter(action="learning.support_organisation_chosen").exists()


def test_a_stranger_cannot_choose_for_a_group(client, group, stranger, community_action):
    client.force_login(stranger)
    assert _choose(client, group, community_action).status_code == 404


def test_a_group_shares_its_health_check_and_withdraws_it(
    client, group, owner, partner, other_partner, community_action
):
    check = health_check_record(
        group=group, actor=owner, answers={q.key: "not_yet" for q in QUESTIONS}
    )
    answers = reverse("learning:health_check_answers", args=[group.slug, check.pk])
    shared_page = reverse("learning:shared_health_checks")
    client.force_login(partner)
    assert client.get(answers).status_code == 404

    client.force_login(owner)
    _choose(client, group, community_action)
    share = reverse("learning:health_check_share", args=[group.slug, check.pk])
    assert client.post(share, {"organisation": community_action.pk}).status_code == 302
    assert "Stop sharing" in client.get(answers).content.decode()

    client.force_login(partner)
    page = client.get(shared_page).content.decode()
    assert "Hearing Voices Leeds" in page
    main = page[page.index("<main") : page.index("</main>")]
    assert not re.search(r"score|rank|\d+\s*(/|out of)\s*10|%", main, re.IGNORECASE)
    assert client.get(answers).status_code == 200
    client.force_login(other_partner)
    assert client.get(answers).status_code == 404
    assert "Hearing Voices Leeds" not in client.get(shared_page).content.decode()

    client.force_login(owner)
    the_share = HealthCheckShare.objects.get()
    withdraw = reverse(
        "learning:health_check_share_withdraw", args=[group.slug, check.pk, the_share.pk]
    )
    assert client.post(withdraw).status_code == 302
    assert not HealthCheckShare.objects.exists()
    assert AuditEvent.objects.filter(action="learning.health_check_share_withdrawn").exists()
    client.force_login(partner)
    assert client.get(answers).status_code == 404
    assert "Hearing Voices Leeds" not in client.get(shared_page).content.decode()


def test_a_group_cannot_share_with_an_organisation_it_did_not_choose(
    client, group, owner, community_action
):
    check = health_check_record(group=group, actor=owner, answers={q.key: "yes" for q in QUESTIONS})
    client.force_login(owner)
    share = reverse("learning:health_check_share", args=[group.slug, check.pk])
    response = client.post(share, {"organisation": community_action.pk})
    assert response.status_code == 200
    assert "Choose one of the answers given for" in response.content.decode()
    assert not HealthCheckShare.objects.exists()


def test_someone_with_nothing_shared_with_them_gets_404(client, owner):
    client.force_login(owner)
    assert client.get(reverse("learning:shared_health_checks")).status_code == 404
