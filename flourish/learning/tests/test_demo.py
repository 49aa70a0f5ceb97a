"""From the demo data, a newcomer can try each learning journey from the pages alone."""

import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants import demo as grants_demo
from flourish.grants.models import Award
from flourish.learning import demo as learning_demo
from flourish.learning.health import QUESTIONS
from flourish.learning.models import (
    GUIDE_FOR_REASON,
    Circle,
    Guide,
    GuideVersion,
    Meetup,
    Prompt,
    PromptState,
    Reply,
    SupportRequest,
    SupportStatus,
    Thread,
)
from flourish.ledger import demo as ledger_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for module in (accounts_demo, ledger_demo, grants_demo, learning_demo, learning_demo):
        module.build(io.StringIO())  # learning's twice: safe to run again
    return User.objects.get(email="organiser@example.org")


def test_the_demo_has_every_learning_journey_ready_and_runs_twice(client, demo):
    """One build for every journey: the demo takes a while to make."""
    check_the_counts()
    check_a_group_with_no_bank_account_that_accepted_its_grant_sees_holding_money(client, demo)
    check_staff_write_and_publish_a_guide_in_welsh(client)
    check_a_group_does_the_health_check_and_asks_for_support(client, demo)
    check_the_support_organisation_sees_what_bradford_sent_it(client)
    check_a_leader_joins_a_circle_posts_and_a_moderator_hides_a_reported_reply(client, demo)


def check_the_counts():
    assert Guide.objects.count() == 26
    assert len({guide.stage for guide in Guide.objects.all()}) == 11
    assert GuideVersion.objects.filter(is_current=True, language="cy").exists()
    assert SupportRequest.objects.count() == 2
    assert SupportRequest.objects.filter(status=SupportStatus.ASKED).count() == 1
    assert Meetup.objects.filter(circle__slug="west-yorkshire-leaders").exists()
    assert Circle.objects.count() == 3
    assert Thread.objects.count() >= 40
    waiting = Prompt.objects.filter(state=PromptState.WAITING)
    assert waiting.filter(group__slug="peer-support-bradford").count() == 3
    # Whatever a group is told it might need, the demo has the guide it points at.
    published = set(Guide.objects.values_list("slug", flat=True))
    assert set(GUIDE_FOR_REASON.values()) <= published
    assert waiting.exclude(group__slug="peer-support-bradford").exists()


def check_a_group_with_no_bank_account_that_accepted_its_grant_sees_holding_money(client, demo):
    award = Award.objects.get(
        application__group__slug="peer-support-bradford", holding_partner__isnull=False
    )
    # The organiser accepted it online in the demo's story, which offered the guide.
    assert award.accepted_by == demo
    client.force_login(demo)
    page = client.get(reverse("learning:group", args=["peer-support-bradford"])).content.decode()
    assert "Your grant is held for you" in page
    assert "Holding money without a bank account" in page


def check_staff_write_and_publish_a_guide_in_welsh(client):
    admin = with_authenticator(User.objects.get(email="admin@example.org"))
    client.force_login(admin)
    address = reverse("learning:guide_edit", args=["your-first-meeting", "cy"])
    words = {
        "title": "Eich cyfarfod cyntaf",
        "summary": "Beth i'w drefnu.",
        "body": "Dechreuwch gyda the.",
    }
    preview = client.post(address, {**words, "action": "preview"}).content.decode()
    assert "Dechreuwch gyda the." in preview
    client.post(address, {**words, "action": "save"})
    client.post(reverse("learning:guide_publish", args=["your-first-meeting", "cy", 1]))
    client.logout()
    client.cookies["django_language"] = "cy"
    page = client.get(reverse("learning:guide", args=["your-first-meeting"])).content.decode()
    assert "Eich cyfarfod cyntaf" in page
    del client.cookies["django_language"]


def check_a_group_does_the_health_check_and_asks_for_support(client, demo):
    client.force_login(demo)
    answers = {q.key: "yes" for q in QUESTIONS} | {"two_people": "not_sure"}
    response = client.post(
        reverse("learning:health_check", args=["peer-support-bradford"]), answers
    )
    page = client.get(response.url).content.decode()
    assert "Two people for money" in page
    response = client.post(
        reverse("learning:support_ask", args=["peer-support-bradford"]),
        {"what": "Help us share out the money jobs"},
    )
    assert response.status_code == 302
    assert SupportRequest.objects.count() == 3


def check_the_support_organisation_sees_what_bradford_sent_it(client):
    helper = with_authenticator(User.objects.get(email="support@example.org"))
    assert helper.check_password(accounts_demo.DEMO_PASSWORD)
    picked_up = SupportRequest.objects.get(status=SupportStatus.HELPING)
    assert picked_up.helper == helper
    client.force_login(helper)
    listed = client.get(reverse("learning:support_list")).content.decode()
    assert "Peer Support Bradford" in listed and "Keighley" not in listed
    shared = client.get(reverse("learning:shared_health_checks")).content.decode()
    assert "Peer Support Bradford" in shared
    page = client.get(reverse("learning:support_request", args=[picked_up.pk])).content.decode()
    assert "First call: listed what the group spends" in page


def check_a_leader_joins_a_circle_posts_and_a_moderator_hides_a_reported_reply(client, demo):
    client.force_login(demo)
    client.post(reverse("learning:circle_join", args=["hearing-voices-groups"]))
    client.post(
        reverse("learning:thread_new", args=["hearing-voices-groups"]),
        {"title": "Hello from Bradford", "body": "We are starting a group. Any tips?"},
    )
    assert Thread.objects.filter(title="Hello from Bradford").exists()
    reports = client.get(reverse("learning:circle_reports", args=["west-yorkshire-leaders"]))
    assert "Selling, against our code." in reports.content.decode()
    reply = Reply.objects.get(body__startswith="Sign up to my paid")
    client.post(
        reverse("learning:reply_hide", args=["west-yorkshire-leaders", reply.pk]),
        {"reason": "No selling here, as our code says."},
    )
    reply.refresh_from_db()
    assert reply.is_hidden
