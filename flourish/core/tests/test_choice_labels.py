"""The `choice` filter shows what Django's get_<field>_display shows, in the reader's
language, from labels kept once per language."""

from django.template import engines
from django.utils import translation

from flourish.budgets.models import Budget, Period

TEMPLATE = engines["django"].from_string('{{ budget|choice:"period" }}')


def shown(budget: object, language: str = "en") -> str:
    with translation.override(language):
        return TEMPLATE.render({"budget": budget})


def test_it_shows_the_label_django_would_in_each_language():
    budget = Budget(period=Period.MONTHLY)
    for language in ("en", "cy", "ur"):
        with translation.override(language):
            expected = budget.get_period_display()
        assert shown(budget, language) == expected
    assert shown(budget, "en") == "Every month"
    assert shown(budget, "cy") != shown(budget, "en")


def test_a_value_that_is_not_a_choice_is_shown_as_it_is():
    assert shown(Budget(period="fortnightly-ish")) == "fortnightly-ish"


def test_nothing_shows_nothing():
    assert shown(None) == ""


def test_something_that_is_not_a_row_is_asked_for_its_own_label():
    class Card:
        def get_period_display(self) -> str:
            return "Whenever you like"

    assert shown(Card()) == "Whenever you like"
