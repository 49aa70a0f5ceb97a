"""From the demo data, in the test client: the demo organiser reads why her group was
funded and why its other idea was not, with feedback; she tells the fund what happened,
and the funder's staff read it on the application's review page."""

import io
import re

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants import demo as grants_demo
from flourish.grants.models import Application, GrantReport
from flourish.ledger import demo as ledger_demo

pytestmark = pytest.mark.django_db


def _words(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _link(page: str, text: str) -> str:
    (href,) = re.findall(rf'<a class="govuk-link" href="([^"]+)">{re.escape(text)}</a>', page)
    return href


def test_the_demo_organiser_hears_back_reports_back_and_staff_read_her_report(client):
    for demo in (accounts_demo, ledger_demo, grants_demo):
        demo.build(io.StringIO())
    priya = User.objects.get(email="organiser@example.org")
    client.force_login(priya)
    mine = client.get(reverse("grants:my_applications")).content.decode()

    funded = client.get(_link(mine, "Ideas That Change Lives: Kick-Start"))
    words = _words(funded)
    assert "Why we funded you" in words and "weekly sessions in Bradford" in words
    declined = _words(client.get(_link(mine, "Ideas That Change Lives: Investment")))
    assert "Why we could not fund this" in declined and "ready to grow" in declined
    assert "Feedback for your group" in declined and "Kick-Start grant first" in declined

    application = Application.objects.get(
        group__slug="peer-support-bradford", programme__slug="ideas-kick-start"
    )
    category = application.spend_lines.get().category
    report_url = reverse("grants:report", args=[application.pk])
    assert report_url in funded.content.decode()
    sent = client.post(
        report_url,
        {
            "what_happened": "Eighteen people came; four now help run the sessions.",
            "people_reached": "18",
            f"spent_{category.pk}": "1,400",
        },
        follow=True,
    )
    assert "Thank you for telling us what happened." in _words(sent)
    report = GrantReport.objects.get(award__application=application)
    assert (report.recorded_by, report.recorded_from_call) == (priya, False)

    client.force_login(with_authenticator(User.objects.get(email="funder@example.org")))
    review = client.get(reverse("grants:review", args=[application.pk]))
    shown = _words(review).split("Report back from the group")[1]
    assert "Eighteen people came; four now help run the sessions." in shown
    assert f"{category.name}: £1,400" in shown
