"""The health check's questions, in plain words, and the guide each points to. Answers are
never added up: any answer but "yes" simply suggests that question's guide."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Question:
    key: str
    text: "_StrPromise"
    guide: str


QUESTIONS = [
    Question(
        "decisions",
        _("Do the people in your group know how decisions get made?"),
        "how-your-group-makes-decisions",
    ),
    Question(
        "money_records",
        _("Do you keep a record of money coming in and going out?"),
        "keeping-simple-money-records",
    ),
    Question(
        "two_people",
        _("Do at least two people know where the money is and can check it?"),
        "two-people-for-money",
    ),
    Question(
        "safeguarding",
        _("Do you know what to do if someone tells you they are at risk of harm?"),
        "what-to-do-if-someone-is-at-risk",
    ),
    Question(
        "data",
        _("Do you know what personal details you keep about people, and where?"),
        "keeping-peoples-details-safe",
    ),
    Question(
        "volunteers",
        _("Do people who help out know what to expect, and what you expect of them?"),
        "welcoming-volunteers",
    ),
    Question(
        "funders",
        _("Do you know what each funder expects to hear back from you?"),
        "telling-your-funder-what-happened",
    ),
    Question(
        "shared_load",
        _("Is the work shared, so no one person carries it all?"),
        "sharing-the-load",
    ),
    Question(
        "rest",
        _("Do the people doing the work get time to rest, and support for themselves?"),
        "looking-after-the-people-who-do-the-work",
    ),
    Question(
        "next_year",
        _("Have you talked together about where the group is heading this year?"),
        "where-next",
    ),
]

ANSWERS = [
    ("yes", _("Yes")),
    ("partly", _("Partly")),
    ("not_yet", _("Not yet")),
    ("not_sure", _("Not sure")),
]
ANSWER_KEYS = {key for key, _label in ANSWERS}


def suggested_guides(answers: dict[str, str]) -> list[str]:
    """The guides for every question not answered "yes", in the questions' order."""
    return [q.guide for q in QUESTIONS if answers.get(q.key, "yes") != "yes"]
