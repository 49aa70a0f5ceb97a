"""The person invites a mentor, broker or group worker to see or help with a goal, and
withdraws it; every action says who did it; without an invitation a helper gets 404."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.outcomes.factories import goal_make, review_make
from flourish.outcomes.models import GoalHelper, Review
from flourish.outcomes.services import goals, sharing

pytestmark = pytest.mark.django_db


def test_an_invited_helper_sees_the_goal_and_the_person_sees_that_they_looked(
    client, person, mentor
):
    goal = goal_make(person, wording="Sleep before midnight")
    sharing.helper_invite(goal=goal, email="MO@example.org", actor=person)
    client.force_login(mentor)
    page = client.get(reverse("outcomes:goal", args=[goal.pk])).content.decode()
    assert "Sleep before midnight" in page
    assert "Review this goal" not in page  # seeing is not helping
    client.force_login(person)
    looked = client.get(reverse("outcomes:looked")).content.decode()
    assert "Mo Mentor" in looked


def test_a_helper_who_may_help_reviews_and_the_review_says_who_did_it(client, person, mentor):
    goal = goal_make(person)
    sharing.helper_invite(goal=goal, email=mentor.email, actor=person, may_help=True)
    client.force_login(mentor)
    client.post(reverse("outcomes:goal_review", args=[goal.pk]), {"level": "1", "note": "Good"})
    review = Review.objects.get()
    assert review.recorded_by == mentor
    client.force_login(person)
    page = client.get(reverse("outcomes:goal", args=[goal.pk])).content.decode()
    assert "Mo Mentor" in page


def test_a_helper_who_may_only_see_cannot_review(person, mentor):
    goal = goal_make(person)
    sharing.helper_invite(goal=goal, email=mentor.email, actor=person)
    with pytest.raises(ValidationError):
        review_make(goal, 0, actor=mentor)
    assert not Review.objects.exists()


def test_a_helper_cannot_pause_replace_or_invite(person, mentor, other):
    goal = goal_make(person)
    sharing.helper_invite(goal=goal, email=mentor.email, actor=person, may_help=True)
    with pytest.raises(ValidationError):
        goals.goal_move(goal=goal, move="pause", actor=mentor)
    with pytest.raises(ValidationError):
        goals.goal_replace(goal=goal, wording="Theirs", actor=mentor)
    with pytest.raises(ValidationError):
        sharing.helper_invite(goal=goal, email=other.email, actor=mentor)


def test_after_withdrawing_the_helper_gets_404(client, person, mentor):
    goal = goal_make(person)
    invitation = sharing.helper_invite(goal=goal, email=mentor.email, actor=person, may_help=True)
    client.force_login(person)
    client.post(reverse("outcomes:helper_withdraw", args=[goal.pk, invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is not None
    client.force_login(mentor)
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404
    with pytest.raises(ValidationError):
        review_make(goal, 0, actor=mentor)


def test_a_helper_without_an_invitation_gets_404_and_cannot_act(client, person, mentor):
    goal = goal_make(person)
    client.force_login(mentor)
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404
    response = client.post(reverse("outcomes:goal_review", args=[goal.pk]), {"level": "1"})
    assert response.status_code == 404
    assert not Review.objects.exists()


def test_a_helper_invited_to_one_goal_gets_404_for_another(client, person, mentor):
    shared = goal_make(person)
    private = goal_make(person, wording="Private")
    sharing.helper_invite(goal=shared, email=mentor.email, actor=person)
    client.force_login(mentor)
    assert client.get(reverse("outcomes:goal", args=[private.pk])).status_code == 404


def test_an_unknown_address_gets_the_same_message_as_any_refusal_and_changes_nothing(
    client, person
):
    goal = goal_make(person)
    client.force_login(person)
    response = client.post(
        reverse("outcomes:helper_invite", args=[goal.pk]), {"email": "nobody@example.org"}
    )
    assert "Check it is the email they use for Flourish" in response.content.decode()
    assert not GoalHelper.objects.exists()


def test_the_person_cannot_invite_themselves_or_the_same_person_twice(person, mentor):
    goal = goal_make(person)
    with pytest.raises(ValidationError):
        sharing.helper_invite(goal=goal, email=person.email, actor=person)
    sharing.helper_invite(goal=goal, email=mentor.email, actor=person)
    with pytest.raises(ValidationError, match="already"):
        sharing.helper_invite(goal=goal, email=mentor.email, actor=person)


def test_the_helper_cannot_withdraw_or_see_the_invitation_list(client, person, mentor):
    goal = goal_make(person)
    invitation = sharing.helper_invite(goal=goal, email=mentor.email, actor=person)
    client.force_login(mentor)
    url = reverse("outcomes:helper_withdraw", args=[goal.pk, invitation.pk])
    assert client.post(url).status_code == 404
    assert client.get(reverse("outcomes:helper_invite", args=[goal.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.withdrawn_at is None


def test_the_person_looking_at_their_own_goal_is_not_recorded_as_a_read(client, person):
    goal = goal_make(person)
    client.force_login(person)
    client.get(reverse("outcomes:goal", args=[goal.pk]))
    page = client.get(reverse("outcomes:looked")).content.decode()
    assert "Nobody but you has looked at your goals." in page


def test_erasing_a_person_erases_their_goals_check_ins_and_consents(person, mentor):
    from flourish.accounts.services.privacy import person_erase
    from flourish.outcomes.factories import ons4_checkin_make
    from flourish.outcomes.models import CheckIn, Goal

    old = goal_make(person)
    review_make(old, 0)
    goals.goal_replace(goal=old, wording="Another", actor=person)
    sharing.helper_invite(goal=old, email=mentor.email, actor=person)
    theirs = goal_make(mentor)
    invited = sharing.helper_invite(goal=theirs, email=person.email, actor=mentor)
    ons4_checkin_make(person, 5, 5, 5, 5)
    person_erase(person=person, actor=person, received_by="online")
    assert not Goal.objects.filter(owner=person).exists()
    assert not CheckIn.objects.filter(person=person).exists()
    invited.refresh_from_db()
    assert invited.withdrawn_at is not None
