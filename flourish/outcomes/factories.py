"""Test and demo data for outcomes, made through the services so every rule applies."""

import datetime
from typing import Any

from flourish.accounts.factories import UserFactory
from flourish.outcomes.models import Goal, Instrument, Review
from flourish.outcomes.services.checkins import checkin_record, instruments_load_built_in
from flourish.outcomes.services.goals import goal_review, goal_set

LEVEL_WORDS = {
    "much_worse": "Not going out at all",
    "worse": "Going out once a month",
    "expected": "Going out to the allotment most weeks",
    "better": "Going every week and staying an hour",
    "much_better": "Going twice a week and helping others",
}


def goal_make(
    owner: Any = None,
    wording: str = "Get out to the allotment most weeks",
    weight: int = 1,
    levels: dict[str, str] | None = None,
) -> Goal:
    owner = owner or UserFactory()
    return goal_set(
        owner=owner,
        actor=owner,
        wording=wording,
        levels=LEVEL_WORDS if levels is None else levels,
        weight=weight,
    )


def review_make(
    goal: Goal, level: int, on: datetime.date | None = None, note: str = "", actor: Any = None
) -> Review:
    return goal_review(goal=goal, level=level, actor=actor or goal.owner, note=note, reviewed_on=on)


def ons4() -> Instrument:
    instrument = Instrument.objects.filter(slug="ons4").first()
    return instrument or next(i for i in instruments_load_built_in() if i.slug == "ons4")


def ons4_checkin_make(person: Any, life: int, worthwhile: int, happy: int, anxious: int) -> Any:
    answers = {
        "life_satisfaction": life,
        "worthwhile": worthwhile,
        "happiness": happy,
        "anxiety": anxious,
    }
    return checkin_record(person=person, instrument=ons4(), answers=answers, actor=person)
