"""The person shares their check-ins on one measure with someone they name, and stops; the
viewer sees that series only, and the person's "who has looked" page says what each saw."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.outcomes.factories import goal_make, ons4, ons4_checkin_make
from flourish.outcomes.models import SeriesShare
from flourish.outcomes.services.sharing import helper_invite, series_share

pytestmark = pytest.mark.django_db


def test_a_named_viewer_sees_the_series_and_the_person_sees_that_they_looked(
    client, person, mentor
):
    ons4_checkin_make(person, 7, 8, 6, 2)
    client.force_login(person)
    response = client.post(
        reverse("outcomes:series_share", args=["ons4"]), {"email": "MO@example.org"}
    )
    assert response.status_code == 302
    share = SeriesShare.objects.get()

    client.force_login(mentor)
    home = client.get(reverse("outcomes:home")).content.decode()
    assert "check-ins of Ruth Person" in home
    page = client.get(reverse("outcomes:series_shared", args=[share.pk])).content.decode()
    assert "life satisfied" in page or "satisfied" in page
    assert ">7<" in page.replace(" ", "") or "7 <strong" in page

    client.force_login(person)
    looked = client.get(reverse("outcomes:looked")).content.decode()
    assert "Mo Mentor" in looked
    assert "Your ONS personal wellbeing (ONS4) check-ins" in looked


def test_the_looked_page_names_the_goal_each_helper_saw(client, person, mentor):
    goal = goal_make(person, wording="Walk the dog every morning")
    helper_invite(goal=goal, email=mentor.email, actor=person)
    client.force_login(mentor)
    client.get(reverse("outcomes:goal", args=[goal.pk]))
    client.force_login(person)
    looked = client.get(reverse("outcomes:looked")).content.decode()
    assert "Walk the dog every morning" in looked


def test_after_stopping_the_viewer_gets_404(client, person, mentor):
    ons4_checkin_make(person, 7, 8, 6, 2)
    share = series_share(person=person, instrument=ons4(), email=mentor.email, actor=person)
    client.force_login(person)
    client.post(reverse("outcomes:series_share_withdraw", args=["ons4", share.pk]))
    share.refresh_from_db()
    assert share.withdrawn_at is not None
    client.force_login(mentor)
    assert client.get(reverse("outcomes:series_shared", args=[share.pk])).status_code == 404


def test_a_stranger_cannot_see_or_stop_a_share(client, person, mentor, other):
    share = series_share(person=person, instrument=ons4(), email=mentor.email, actor=person)
    client.force_login(other)
    assert client.get(reverse("outcomes:series_shared", args=[share.pk])).status_code == 404
    url = reverse("outcomes:series_share_withdraw", args=["ons4", share.pk])
    assert client.post(url).status_code == 404
    share.refresh_from_db()
    assert share.withdrawn_at is None


def test_a_viewer_sees_only_the_measure_shared(client, person, mentor):
    from flourish.outcomes.models import Instrument

    demo = Instrument.objects.exclude(slug="ons4").first()
    share = series_share(person=person, instrument=demo, email=mentor.email, actor=person)
    ons4_checkin_make(person, 1, 2, 3, 9)
    client.force_login(mentor)
    page = client.get(reverse("outcomes:series_shared", args=[share.pk])).content.decode()
    assert "No check-ins on this measure yet." in page


def test_sharing_refuses_an_unknown_address_twice_the_same_or_someone_else_acting(
    client, person, mentor, other
):
    with pytest.raises(ValidationError):
        series_share(person=person, instrument=ons4(), email=mentor.email, actor=other)
    client.force_login(person)
    url = reverse("outcomes:series_share", args=["ons4"])
    page = client.post(url, {"email": "nobody@example.org"}).content.decode()
    assert "Check it is the email they use for Flourish" in page
    client.post(url, {"email": mentor.email})
    page = client.post(url, {"email": mentor.email}).content.decode()
    assert "They can already see these check-ins." in page
    assert SeriesShare.objects.count() == 1
