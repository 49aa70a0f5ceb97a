"""Every grants page × every kind of person: who gets the page, who is sent to sign in,
and who is told nothing (404)."""

import datetime

import pytest
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.grants.factories import AwardFactory, application_with_lines
from flourish.grants.models import ApplicationStatus
from flourish.grants.services.panels import panel_create

pytestmark = pytest.mark.django_db

ROLES = [
    "owner",
    "colleague",
    "associate",
    "panel_member",
    "staff",
    "other_staff",
    "other_group",
    "stranger",
    "anonymous",
]
EVERYONE = dict.fromkeys(ROLES, 200)
SIGNED_IN = {**EVERYONE, "anonymous": 302}


def only(*roles):
    return {role: 200 if role in roles else 404 for role in ROLES} | {"anonymous": 302}


# url name, which application (or programme) it is about, expected status per role
MATRIX = [
    ("grants:programme_list", None, EVERYONE),
    ("grants:programme_detail", "programme", EVERYONE),
    ("grants:eligibility", "question", EVERYONE),
    ("grants:threesixtygiving_json", None, EVERYONE),
    ("grants:funded", "programme", EVERYONE),
    ("grants:planning_sessions", "programme", EVERYONE),
    ("grants:application_start", "programme", SIGNED_IN),
    ("grants:my_applications", None, SIGNED_IN),
    ("grants:manage", None, SIGNED_IN),
    ("grants:application_status", "shortlisted", only("owner", "colleague")),
    ("grants:application_status", "other_groups", only("other_group")),
    ("grants:question", "draft", only("owner", "colleague")),
    ("grants:money", "draft", only("owner", "colleague")),
    ("grants:check_answers", "draft", only("owner", "colleague")),
    ("grants:programme_applications", "programme", only("staff")),
    ("grants:dashboard", "programme", only("staff")),
    ("grants:apply_on_behalf", "programme", only("staff", "associate")),
    ("grants:review", "shortlisted", only("staff", "associate", "panel_member")),
    ("grants:sift", "shortlisted", only("staff")),
    ("grants:assign", "shortlisted", only("staff")),
    ("grants:conversation", "shortlisted", only("staff", "associate")),
    ("grants:recommend", "shortlisted", only("staff", "associate")),
    ("grants:decide", "shortlisted", only("staff")),
    ("grants:pay", "awarded", only("staff")),
    ("grants:report", "awarded", only("owner", "colleague")),
    ("grants:panel_new", "programme", only("staff")),
    ("grants:panel_pack", "panel", only("staff", "panel_member")),
    ("grants:panel_application", "panel_item", only("staff", "panel_member")),
]


@pytest.fixture
def other_group_member(programme):
    """Leads a different group with its own applications in the same programme: group
    membership must never open another group's applications."""
    other_group = OrganisationFactory(kind=OrganisationKind.GROUP, name="Mind the Gap Walkers")
    person = UserFactory(email="other.group@example.org", name="Dee Othergroup")
    MembershipFactory(user=person, organisation=other_group, role=Role.GROUP_LEAD)
    person.own_application = application_with_lines(
        programme=programme,
        group=other_group,
        submitted_by=person,
        status=ApplicationStatus.SUBMITTED,
    )
    return person


@pytest.fixture
def world(
    programme,
    owner,
    colleague,
    group,
    associate,
    panel_member,
    staff,
    other_staff,
    other_group_member,
    stranger,
):
    from flourish.grants.factories import EligibilityQuestionFactory

    EligibilityQuestionFactory(programme=programme, position=1)
    shortlisted = application_with_lines(
        programme=programme,
        group=group,
        submitted_by=owner,
        associate=associate,
        status=ApplicationStatus.SHORTLISTED,
    )
    draft = application_with_lines(
        programme=programme, group=group, submitted_by=owner, status=ApplicationStatus.DRAFT
    )
    awarded = AwardFactory(
        application__programme=programme, application__group=group, programme=programme
    ).application
    panel = panel_create(
        programme=programme,
        actor=staff,
        title="Panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=1,
        members=[panel_member],
    )
    people = {
        "owner": owner,
        "colleague": colleague,
        "associate": associate,
        "panel_member": panel_member,
        "staff": staff,
        "other_staff": other_staff,
        "other_group": other_group_member,
        "stranger": stranger,
        "anonymous": None,
    }
    return {
        "programme": programme,
        "shortlisted": shortlisted,
        "draft": draft,
        "other_groups": other_group_member.own_application,
        "awarded": awarded,
        "panel": panel,
        "people": people,
    }


def _url(name, about, world):
    if about is None:
        return reverse(name)
    if about == "programme":
        return reverse(name, args=[world["programme"].slug])
    if about == "question":
        return reverse(name, args=[world["programme"].slug, 1])
    if about == "panel_item":
        return reverse(name, args=[world["panel"].pk, world["shortlisted"].pk])
    if name == "grants:question":
        return reverse(name, args=[world[about].pk, "about-you"])
    return reverse(name, args=[world[about].pk])


@pytest.mark.parametrize("role", ROLES)
def test_each_person_sees_only_what_is_theirs_or_shared_with_them(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)

    results = {
        (name, about): client.get(_url(name, about, world)).status_code
        for name, about, _expected in MATRIX
    }

    expected = {(name, about): statuses[role] for name, about, statuses in MATRIX}
    assert results == expected


def test_funder_staff_without_two_factor_sign_in_are_sent_to_set_it_up(client, world, staff):
    staff.authenticator_set.all().delete()
    client.force_login(staff)

    response = client.get(reverse("grants:programme_applications", args=["covid-fund"]))

    assert response.status_code == 302
    assert "totp" in response["Location"]
