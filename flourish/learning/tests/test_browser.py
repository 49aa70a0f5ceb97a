"""Learning's journeys in Chromium, JavaScript on and off, from the demo data, with axe-core
on each new page: a group with no bank account accepts its grant and finds the holding-money
guide on its page; staff write and publish a guide in Welsh; a group does the health check
and asks for support; a leader joins a circle and posts, and a moderator hides a reported
reply."""

import io
import shutil

import pytest
from django.urls import reverse

from flourish.accounts.tests.two_step import with_authenticator
from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


def _demo():
    from flourish.accounts import demo as accounts_demo
    from flourish.grants import demo as grants_demo
    from flourish.learning import demo as learning_demo
    from flourish.ledger import demo as ledger_demo

    for module in (accounts_demo, ledger_demo, grants_demo, learning_demo):
        module.build(io.StringIO())


def _group_accepts_and_reads_holding_money(page, javascript: bool) -> bool:
    from flourish.grants.models import Award

    award = Award.objects.get(
        application__group__slug="peer-support-bradford", holding_partner__isnull=False
    )
    page.goto(reverse("grants:application_status", args=[award.application_id]))
    assert "You accepted this grant" in page.locator("main").inner_text()
    page.goto(reverse("learning:group", args=["peer-support-bradford"]))
    assert "Your grant is held for you" in page.locator("main").inner_text()
    ok = accessible(page, javascript)
    follow(page, "Holding money without a bank account")
    assert "holding partner" in page.locator("main").inner_text()
    page.get_by_label("Yes").check()
    press(page, "Send")
    assert "Thank you" in page.locator("main").inner_text()
    return ok and accessible(page, javascript)


def _group_checks_its_health_and_asks_for_support(page, javascript: bool) -> bool:
    page.goto(reverse("learning:group", args=["peer-support-bradford"]))
    follow(page, "Do the health check")
    ok = accessible(page, javascript)
    for number, group in enumerate(page.locator("fieldset.govuk-fieldset").all()):
        group.get_by_label("Not sure" if number == 1 else "Yes", exact=True).check()
    press(page, "See what might help")
    assert "Keeping simple money records" in page.locator("main").inner_text()
    ok = ok and accessible(page, javascript)
    follow(page, "Ask for support")
    page.get_by_label("What would you like help with?").fill("We have never done a budget")
    press(page, "Send")
    assert "Someone who runs support will pick it up" in page.locator("body").inner_text()
    return ok and accessible(page, javascript)


def _leader_joins_posts_and_hides_a_reported_reply(page, javascript: bool) -> bool:
    page.goto(reverse("learning:circles"))
    ok = accessible(page, javascript)
    press(page, "Join Running hearing voices groups")
    follow(page, "Start a conversation")
    page.get_by_label("Title").fill("Hello from Bradford")
    page.get_by_label("What you want to say").fill("We are starting a group. Any tips?")
    press(page, "Post")
    assert "Hello from Bradford" in page.locator("h1").inner_text()
    page.get_by_label("Your reply").fill("To add: we meet on Tuesdays.")
    press(page, "Reply")
    ok = ok and accessible(page, javascript)
    page.goto(reverse("learning:circle_reports", args=["west-yorkshire-leaders"]))
    ok = ok and accessible(page, javascript)
    with page.expect_navigation():
        page.locator("main a", has_text="Hide it").first.click()
    page.get_by_label("Why are you hiding it?").fill("No selling here, as our code says.")
    press(page, "Hide it")
    assert "A moderator hid this reply." in page.locator("main").inner_text()
    return ok and accessible(page, javascript)


def _staff_write_a_guide_in_welsh(page, javascript: bool) -> bool:
    page.goto(reverse("learning:write"))
    ok = accessible(page, javascript)
    with page.expect_navigation():
        page.locator(
            f"a[href='{reverse('learning:guide_edit', args=['your-first-meeting', 'cy'])}']"
        ).click()
    page.get_by_label("Title").fill("Eich cyfarfod cyntaf")
    page.get_by_label("Summary").fill("Beth i'w drefnu cyn, yn ystod ac ar ôl.")
    page.get_by_label("The guide, in Markdown").fill("## Cyn\n\nDewiswch le am ddim.")
    press(page, "Preview")
    assert "Dewiswch le am ddim." in page.locator(".flourish-guide").inner_text()
    ok = ok and accessible(page, javascript)
    press(page, "Save as a draft")
    press(page, "Publish version 1")
    assert "Readers see this version" in page.locator("main").inner_text()
    return ok and accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_groups_find_guides_support_and_peers_and_staff_publish_in_welsh(
    browser, live_server, javascript
):
    from flourish.accounts.models import User

    _demo()
    organiser = User.objects.get(email="organiser@example.org")
    page = signed_in_page(browser, live_server, organiser, javascript)
    problems = []
    for journey in (
        _group_accepts_and_reads_holding_money,
        _group_checks_its_health_and_asks_for_support,
        _leader_joins_posts_and_hides_a_reported_reply,
    ):
        if not journey(page, javascript):
            problems.append(journey.__name__)
    admin = with_authenticator(User.objects.get(email="admin@example.org"))
    page = signed_in_page(browser, live_server, admin, javascript)
    if not _staff_write_a_guide_in_welsh(page, javascript):
        problems.append("staff write a guide in Welsh")
    assert problems == []
