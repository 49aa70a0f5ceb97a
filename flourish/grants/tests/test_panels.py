"""Panels: conflicts declared per application; a conflicted member neither sees views nor votes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants.factories import application_with_lines
from flourish.grants.models import Application, ApplicationStatus, PanelVote
from flourish.grants.services.panels import conflict_declare, panel_create, vote_cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_member(funder):
    person = UserFactory(email="second.panel@example.org", name="Sol Second")
    MembershipFactory(user=person, organisation=funder, role=Role.PANEL_MEMBER)
    return with_authenticator(person)


@pytest.fixture
def panel(programme, staff, panel_member, second_member):
    return panel_create(
        programme=programme,
        actor=staff,
        title="June panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=2,
        members=[panel_member, second_member],
    )


@pytest.fixture
def shortlisted(programme):
    return application_with_lines(programme=programme, status=ApplicationStatus.SHORTLISTED)


def test_staff_set_up_a_panel_with_members_and_a_quorum(
    client, staff, programme, panel_member, second_member
):
    client.force_login(staff)

    response = client.post(
        reverse("grants:panel_new", args=[programme.slug]),
        {
            "title": "July panel",
            "meets_on_0": "1",
            "meets_on_1": "7",
            "meets_on_2": "2026",
            "quorum": "2",
            "members": [panel_member.pk, second_member.pk],
        },
    )

    panel = programme.panels.get()
    assert response["Location"] == reverse("grants:panel_pack", args=[panel.pk])
    assert set(panel.members.all()) == {panel_member, second_member}


def test_a_panel_needs_as_many_members_as_its_quorum(staff, programme, panel_member):
    with pytest.raises(ValidationError, match="at least 3 members"):
        panel_create(
            programme=programme,
            actor=staff,
            title="x",
            meets_on=datetime.date(2026, 6, 3),
            quorum=3,
            members=[panel_member],
        )


def test_a_member_declares_before_voting_and_then_sees_others_views(
    client, panel, shortlisted, panel_member, second_member
):
    conflict_declare(panel=panel, application=shortlisted, member=second_member, has_conflict=False)
    vote_cast(
        panel=panel,
        application=shortlisted,
        member=second_member,
        verdict="fund",
        score=4,
        comment="A clear plan from the group itself.",
    )
    client.force_login(panel_member)
    url = reverse("grants:panel_application", args=[panel.pk, shortlisted.pk])

    before = client.get(url).content.decode()
    with pytest.raises(ValidationError, match="Declare whether you have a conflict"):
        vote_cast(panel=panel, application=shortlisted, member=panel_member, verdict="fund")
    declared = client.post(url, {"has_conflict": "no"}, follow=True).content.decode()
    voted = client.post(url, {"verdict": "fund", "score": "5", "comment": "Yes"}, follow=True)
    after = voted.content.decode()

    assert "A clear plan from the group itself." not in before
    assert "Saved. Now you can vote." in declared
    assert "A clear plan from the group itself." in after
    assert "Your vote is saved. You can change it until the decision is made." in after
    # Their vote is shown in the form, to change it.
    assert voted.context["form"].initial == {"verdict": "fund", "score": 5, "comment": "Yes"}
    assert PanelVote.objects.filter(application=shortlisted).count() == 2


def test_a_conflicted_member_cannot_vote_or_see_others_views(
    client, panel, shortlisted, panel_member, second_member
):
    conflict_declare(panel=panel, application=shortlisted, member=second_member, has_conflict=False)
    vote_cast(
        panel=panel,
        application=shortlisted,
        member=second_member,
        verdict="do_not_fund",
        comment="Too close to another grant.",
    )
    conflict_declare(
        panel=panel,
        application=shortlisted,
        member=panel_member,
        has_conflict=True,
        details="I volunteer with them.",
    )
    client.force_login(panel_member)

    page = client.get(reverse("grants:panel_application", args=[panel.pk, shortlisted.pk]))
    with pytest.raises(ValidationError, match="You declared a conflict of interest"):
        vote_cast(panel=panel, application=shortlisted, member=panel_member, verdict="fund")

    html = page.content.decode()
    assert "you cannot see others' views or vote on it" in html
    assert "Too close to another grant." not in html
    assert not PanelVote.objects.filter(member=panel_member).exists()
    review = client.get(reverse("grants:review", args=[shortlisted.pk]))
    assert review.status_code == 404


def test_a_declaration_is_made_once(panel, shortlisted, panel_member):
    conflict_declare(panel=panel, application=shortlisted, member=panel_member, has_conflict=False)

    with pytest.raises(ValidationError, match="already declared"):
        conflict_declare(
            panel=panel, application=shortlisted, member=panel_member, has_conflict=True
        )


def test_someone_not_on_the_panel_cannot_vote(panel, shortlisted, associate):
    with pytest.raises(ValidationError, match="Only members of this panel"):
        conflict_declare(panel=panel, application=shortlisted, member=associate, has_conflict=False)


def test_the_panel_pack_lists_the_shortlist_with_recommendations(
    client, panel, shortlisted, panel_member
):
    application_with_lines(programme=panel.programme, group__name="Not Shortlisted Group")
    client.force_login(panel_member)

    html = client.get(reverse("grants:panel_pack", args=[panel.pk])).content.decode()

    assert escape(shortlisted.group.name) in html
    assert "Not Shortlisted Group" not in html


def test_a_conflicted_member_no_longer_sees_the_applications_words_on_the_panel_pages(
    client, panel, shortlisted, panel_member
):
    shortlisted.what_you_want_to_do = "Weekly peer support walks by the canal."
    shortlisted.save()
    conflict_declare(
        panel=panel, application=shortlisted, member=panel_member, has_conflict=True, details="x"
    )
    client.force_login(panel_member)

    pack = client.get(reverse("grants:panel_pack", args=[panel.pk])).content.decode()
    page = client.get(reverse("grants:panel_application", args=[panel.pk, shortlisted.pk]))

    assert escape(shortlisted.group.name) in pack
    assert "You declared a conflict" in pack
    assert "Weekly peer support walks" not in pack
    assert "Weekly peer support walks" not in page.content.decode()


def test_a_member_who_declared_no_conflict_reads_the_application_in_the_pack(
    client, panel, shortlisted, panel_member, django_assert_max_num_queries
):
    shortlisted.what_you_want_to_do = "Weekly peer support walks by the canal."
    shortlisted.save()
    conflict_declare(panel=panel, application=shortlisted, member=panel_member, has_conflict=False)
    application_with_lines(programme=panel.programme, status=ApplicationStatus.SHORTLISTED)
    client.force_login(panel_member)

    with django_assert_max_num_queries(12):
        pack = client.get(reverse("grants:panel_pack", args=[panel.pk])).content.decode()

    assert "Weekly peer support walks" in pack


def test_panel_members_cannot_download_an_applicants_upload(
    client, panel, shortlisted, panel_member, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    shortlisted.attachment.save("plan.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    client.force_login(panel_member)

    download = client.get(reverse("grants:attachment", args=[shortlisted.pk]))
    review = client.get(reverse("grants:review", args=[shortlisted.pk])).content.decode()

    assert download.status_code == 404
    assert reverse("grants:attachment", args=[shortlisted.pk]) not in review


def test_one_application_of_a_long_shortlist_is_read_without_the_rest(
    client, panel, shortlisted, programme, panel_member, second_member
):
    """A member reads one application at a time: its page reads that application alone,
    in the same queries whether the shortlist holds one application or a dozen."""
    url = reverse("grants:panel_application", args=[panel.pk, shortlisted.pk])
    client.force_login(panel_member)
    conflict_declare(panel=panel, application=shortlisted, member=panel_member, has_conflict=False)
    with CaptureQueriesContext(connection) as alone:
        client.get(url)
    for n in range(12):
        other = application_with_lines(programme=programme, status=ApplicationStatus.SHORTLISTED)
        conflict_declare(panel=panel, application=other, member=second_member, has_conflict=False)
        vote_cast(
            panel=panel, application=other, member=second_member, verdict="fund", comment=f"{n}"
        )
    read = []

    def count(sender, instance, **kwargs):
        read.append(instance)

    post_init.connect(count, sender=Application)
    try:
        with CaptureQueriesContext(connection) as among_many:
            client.get(url)
    finally:
        post_init.disconnect(count, sender=Application)

    assert len(among_many.captured_queries) == len(alone.captured_queries)
    assert [application.pk for application in read] == [shortlisted.pk]


def test_an_application_not_on_the_shortlist_is_not_on_the_panel(
    client, panel, programme, panel_member
):
    sent = application_with_lines(programme=programme, status=ApplicationStatus.SUBMITTED)
    client.force_login(panel_member)

    page = client.get(reverse("grants:panel_application", args=[panel.pk, sent.pk]))

    assert page.status_code == 404


def test_a_panel_page_shows_who_voted_by_name_without_reading_their_private_details(
    client, panel, shortlisted, panel_member, second_member
):
    for member in (second_member, panel_member):
        conflict_declare(panel=panel, application=shortlisted, member=member, has_conflict=False)
    vote_cast(panel=panel, application=shortlisted, member=second_member, verdict="fund")
    client.force_login(panel_member)

    address = reverse("grants:panel_application", args=[panel.pk, shortlisted.pk])
    with CaptureQueriesContext(connection) as captured:
        html = client.get(address).content.decode()

    assert "Sol Second" in html
    (votes,) = [q["sql"] for q in captured.captured_queries if "grants_panelvote" in q["sql"]]
    assert '"accounts_user"."name"' in votes
    assert '"accounts_user"."phone"' not in votes
    assert '"accounts_user"."access_needs"' not in votes
