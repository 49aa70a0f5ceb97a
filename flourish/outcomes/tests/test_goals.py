"""A person sets a goal in their own words with five levels, reviews it, rewords, pauses,
finishes or replaces it; the history stays whole and nobody else sees it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse

from flourish.core.models import AuditEvent
from flourish.outcomes.factories import LEVEL_WORDS, goal_make, review_make
from flourish.outcomes.models import GoalStatus, Review
from flourish.outcomes.services import goals

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


def test_a_person_sets_a_goal_with_its_five_levels_and_it_is_encrypted_at_rest(person):
    goal = goal_make(person, wording="Ring my sister every Sunday")
    version = goal.versions.get()
    assert version.wording == "Ring my sister every Sunday"
    assert [words for _, words in version.level_words()] == [
        LEVEL_WORDS[k] for k in ("much_better", "better", "expected", "worse", "much_worse")
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT wording, expected FROM outcomes_goalversion WHERE id = %s", [version.pk]
        )
        stored = cursor.fetchone()
    assert "sister" not in stored[0] and "allotment" not in stored[1]


def test_rewording_makes_a_new_version_and_earlier_reviews_keep_their_words(person):
    goal = goal_make(person, wording="Walk to the park")
    first_review = review_make(goal, 0, TODAY - datetime.timedelta(days=30))
    goals.goal_reword(goal=goal, wording="Walk to the park with the dog", actor=person)
    review_make(goal, 1, TODAY)
    first_review.refresh_from_db()
    assert first_review.version.number == 1
    assert first_review.version.wording == "Walk to the park"
    assert Review.objects.filter(version__goal=goal, version__number=2).count() == 1
    assert goal.versions.count() == 2


def test_a_review_out_of_range_is_refused_and_changes_nothing(person):
    goal = goal_make(person)
    with pytest.raises(ValidationError, match="five levels"):
        goals.goal_review(goal=goal, level=3, actor=person)
    assert not Review.objects.exists()


def test_nobody_else_can_review_someone_elses_goal(person, other):
    goal = goal_make(person)
    with pytest.raises(ValidationError, match="invited"):
        goals.goal_review(goal=goal, level=0, actor=other)
    assert not Review.objects.exists()


def test_a_review_cannot_be_dated_in_the_future(person):
    goal = goal_make(person)
    with pytest.raises(ValidationError):
        review_make(goal, 0, TODAY + datetime.timedelta(days=1))


def test_pausing_resuming_and_finishing_say_who_did_it(person):
    goal = goal_make(person)
    goals.goal_move(goal=goal, move="pause", actor=person)
    assert goal.status == GoalStatus.PAUSED and goal.status_changed_by == person
    goals.goal_move(goal=goal, move="resume", actor=person)
    goals.goal_move(goal=goal, move="finish", actor=person)
    assert goal.status == GoalStatus.FINISHED
    with pytest.raises(ValidationError):
        goals.goal_move(goal=goal, move="pause", actor=person)
    with pytest.raises(ValidationError):
        review_make(goal, 1)


def test_replacing_a_goal_keeps_the_old_one_and_its_reviews(person):
    old = goal_make(person, wording="Get a job")
    review_make(old, -1)
    new = goals.goal_replace(goal=old, wording="Volunteer one morning a week", actor=person)
    old.refresh_from_db()
    assert old.status == GoalStatus.REPLACED
    assert new.replaces == old
    assert Review.objects.filter(version__goal=old).count() == 1
    with pytest.raises(ValidationError):
        goals.goal_reword(goal=old, wording="x", actor=person)


def test_an_empty_goal_is_refused(person):
    with pytest.raises(ValidationError, match="own words"):
        goals.goal_set(owner=person, actor=person, wording="   ")


def test_every_change_is_in_the_audit_trail(person):
    goal = goal_make(person)
    review_make(goal, 0)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"outcomes.goal_set", "outcomes.goal_reviewed"} <= actions


def test_the_person_sets_reviews_and_rewords_a_goal_through_the_pages(client, person):
    client.force_login(person)
    response = client.post(
        reverse("outcomes:goal_new"),
        {"wording": "Cook a proper meal twice a week", "expected": "Twice a week", "weight": ""},
    )
    goal = person.goals.get()
    assert response.url == reverse("outcomes:goal", args=[goal.pk])
    for level in (0, 1):
        client.post(reverse("outcomes:goal_review", args=[goal.pk]), {"level": level, "note": "ok"})
    client.post(reverse("outcomes:goal_reword", args=[goal.pk]), {"wording": "Cook three times"})
    page = client.get(reverse("outcomes:goal", args=[goal.pk])).content.decode()
    assert "Cook three times" in page and "Cook a proper meal twice a week" in page
    assert "<svg" in page and 'id="reviews"' in page
    assert page.count("Ruth Person") >= 3  # wrote it, reviewed it twice


def test_a_review_without_a_level_gets_a_message_and_changes_nothing(client, person):
    goal = goal_make(person)
    client.force_login(person)
    response = client.post(reverse("outcomes:goal_review", args=[goal.pk]), {"level": "7"})
    assert response.status_code == 200
    assert "Choose where you are now" in response.content.decode()
    assert not Review.objects.exists()


@pytest.mark.parametrize(
    "name", ["goal", "goal_review", "goal_reword", "goal_replace", "helper_invite"]
)
def test_a_stranger_gets_404_for_every_page_of_a_goal(client, person, other, name):
    goal = goal_make(person)
    client.force_login(other)
    assert client.get(reverse(f"outcomes:{name}", args=[goal.pk])).status_code == 404


def test_a_stranger_cannot_pause_a_goal(client, person, other):
    goal = goal_make(person)
    client.force_login(other)
    assert client.post(reverse("outcomes:goal_move", args=[goal.pk, "pause"])).status_code == 404
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ACTIVE


def test_a_goal_reads_right_to_left_in_urdu_and_keeps_the_persons_own_words(client, person):
    goal = goal_make(person, wording="Ring my sister every Sunday")
    review_make(goal, 1)
    client.force_login(person)
    page = client.get(
        reverse("outcomes:goal", args=[goal.pk]), HTTP_ACCEPT_LANGUAGE="ur"
    ).content.decode()
    assert 'dir="rtl"' in page
    assert "اس ہدف کا جائزہ لیں" in page  # "Review this goal"
    assert "Ring my sister every Sunday" in page
    # The chart's levels are in Urdu too, drawn left to right so they stay beside the lines.
    chart = page[page.index('<svg class="outcomes-chart"') : page.index("</svg>")]
    assert 'direction="ltr"' in chart
    assert "تقریباً جہاں میری توقع ہے" in chart and "About where I expect" not in chart
