import pytest

from flourish.core.formatting import format_minutes, format_pence, parse_pounds


@pytest.mark.parametrize(
    ("pence", "shown"),
    [(0, "£0"), (45000, "£450"), (123450, "£1,234.50"), (5, "£0.05"), (-2500, "-£25")],
)
def test_money_is_shown_in_pounds_with_pence_only_when_there_are_some(pence, shown):
    assert format_pence(pence) == shown


@pytest.mark.parametrize(
    ("minutes", "shown"),
    [(0, "0 minutes"), (1, "1 minute"), (60, "1 hour"), (150, "2 hours 30 minutes")],
)
def test_time_is_shown_in_hours_and_minutes(minutes, shown):
    assert format_minutes(minutes) == shown


@pytest.mark.parametrize(
    ("typed", "pence"), [("450", 45000), ("£1,200.50", 120050), ("0.5", 50), (" 12 ", 1200)]
)
def test_amounts_people_type_become_exact_pence(typed, pence):
    assert parse_pounds(typed) == pence


@pytest.mark.parametrize("typed", ["", "abc", "-5", "1.234", "£", "1.2.3", "1e3"])
def test_amounts_that_are_not_money_are_refused(typed):
    with pytest.raises(ValueError):
        parse_pounds(typed)
