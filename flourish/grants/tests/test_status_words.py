"""The status page says what is true now and what happens next, for every status: it
never says money is coming before the group has accepted, or sent before it is paid."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.grants.factories import ApplicationFactory, AwardFactory
from flourish.grants.models import ApplicationStatus, GrantReport

pytestmark = pytest.mark.django_db


def _award(group, owner, **award):
    return AwardFactory(
        application__group=group, application__submitted_by=owner, amount_pence=150_000, **award
    ).application


def _application(group, owner, status):
    if status == ApplicationStatus.DRAFT:
        return ApplicationFactory(group=group, submitted_by=owner, status=status, submitted_at=None)
    return ApplicationFactory(group=group, submitted_by=owner, status=status)


BEFORE_AN_AWARD = [
    (ApplicationStatus.DRAFT, "Not sent yet.", "send it when you are ready"),
    (ApplicationStatus.SUBMITTED, "We have your application.", "we check that it fits"),
    (ApplicationStatus.NOT_ELIGIBLE, "We cannot fund this, sorry.", "where else you could try"),
    (
        ApplicationStatus.IN_REVIEW,
        "We are considering your application.",
        "we will contact you the way you asked",
    ),
    (ApplicationStatus.SHORTLISTED, "on the shortlist", "the fund decides"),
    (ApplicationStatus.DECLINED, "We are not able to fund this", "Our reasons and feedback"),
]


def _status(client, owner, application):
    client.force_login(owner)
    page = client.get(reverse("grants:application_status", args=[application.pk]))
    return page.content.decode()


@pytest.mark.parametrize(("status", "now", "following"), BEFORE_AN_AWARD)
def test_each_status_before_an_award_says_where_it_is_and_what_happens_next(
    client, group, owner, status, now, following
):
    page = _status(client, owner, _application(group, owner, status))

    assert now in page
    assert following in page
    assert "on its way" not in page


def test_an_award_not_yet_accepted_asks_the_group_to_accept_and_promises_no_money(
    client, group, owner
):
    page = _status(client, owner, _award(group, owner))

    assert "we are offering your group a grant of £1,500" in page
    assert "accept the grant, so that we can pay it" in page
    assert "on its way" not in page
    assert "paid" not in page.split('id="status"')[1].split("</div>")[0]


def test_an_accepted_award_not_yet_paid_says_payment_comes_next(client, group, owner):
    page = _status(client, owner, _award(group, owner, accepted_at=timezone.now()))

    assert "You accepted your £1,500 grant on" in page
    assert "Next, we pay it." in page


def test_a_part_paid_award_says_how_much_has_been_paid(client, group, owner):
    application = _award(group, owner, accepted_at=timezone.now(), paid_pence=50_000)

    page = _status(client, owner, application)

    assert "We have paid £500 of your £1,500 grant." in page
    assert "We will pay the rest" in page


def test_a_fully_paid_award_asks_for_the_short_report(client, group, owner):
    application = _award(group, owner, accepted_at=timezone.now(), paid_pence=150_000)
    application.status = ApplicationStatus.PAID
    application.save()

    page = _status(client, owner, application)

    assert "We have paid all of your £1,500 grant." in page
    assert "tell us briefly what happened" in page


def test_a_paid_award_that_has_been_reported_on_needs_nothing_more(client, group, owner):
    application = _award(group, owner, accepted_at=timezone.now(), paid_pence=150_000)
    GrantReport.objects.create(award=application.award, what_happened="Good", recorded_by=owner)

    page = _status(client, owner, application)

    assert "There is nothing more to do." in page


def test_a_payment_made_before_acceptance_still_asks_the_group_to_accept(client, group, owner):
    page = _status(client, owner, _award(group, owner, paid_pence=150_000))

    assert "We have paid £1,500 of your £1,500 grant." in page
    assert "Please accept the grant" in page


def test_your_applications_lists_the_same_words_in_the_same_number_of_queries(client, group, owner):
    _award(group, owner)
    client.force_login(owner)
    url = reverse("grants:my_applications")
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    _award(group, owner)
    _award(group, owner, accepted_at=timezone.now(), paid_pence=150_000)
    with CaptureQueriesContext(connection) as three:
        client.get(url)

    assert "we are offering your group a grant of £1,500" in page
    assert len(three) == len(one)
