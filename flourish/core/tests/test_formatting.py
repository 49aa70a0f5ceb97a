import datetime

import pytest
from django.template import Context, Template
from django.utils import translation

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


# A decimal comma ("12,50", as many keyboards write it) is refused, never read as £1,250.
@pytest.mark.parametrize(
    "typed", ["", "abc", "-5", "1.234", "£", "1.2.3", "1e3", "12,50", "1,2,3", "1,,,0", "."]
)
def test_amounts_that_are_not_money_are_refused(typed):
    with pytest.raises(ValueError):
        parse_pounds(typed)


@pytest.mark.parametrize(
    "when",
    [
        datetime.date(2026, 3, 27),
        datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC),  # 1 July in London
        datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC),
    ],
)
@pytest.mark.parametrize("language", ["en-gb", "cy", "ur"])
def test_the_day_filter_words_a_date_exactly_as_the_date_filter_does(when, language):
    page = Template('{{ when|date:"j F Y" }}|{{ when|day:"j F Y" }}|{{ when|day:"j M Y" }}')
    with translation.override(language):
        first = page.render(Context({"when": when}))
        again = page.render(Context({"when": when}))
    worded, by_day, short = first.split("|")

    assert by_day == worded
    assert again == first
    with translation.override(language):
        assert short == Template('{{ when|date:"j M Y" }}').render(Context({"when": when}))


def test_the_day_filter_shows_nothing_for_no_date():
    from django.template import Context, Template

    assert Template('{{ when|day:"j F Y" }}').render(Context({"when": None})) == ""


def test_the_day_filter_words_the_same_moment_anew_in_another_time_zone():
    from django.template import Context, Template
    from django.utils import timezone

    page = Template('{{ when|day:"j F Y" }}')
    when = {"when": datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)}

    in_london = page.render(Context(when))
    with timezone.override("UTC"):
        in_utc = page.render(Context(when))

    assert (in_london, in_utc) == ("1 July 2026", "30 June 2026")


@pytest.mark.parametrize("language", ["en", "ur"])
def test_money_on_a_page_reads_left_to_right_even_in_an_urdu_sentence(language):
    with translation.override(language):
        shown = Template("<p>{{ amount|pence }} {{ nothing|pence }}</p>").render(
            Context({"amount": 150000, "nothing": None})
        )
    assert shown == '<p><bdi dir="ltr">£1,500</bdi> </p>'


@pytest.mark.parametrize(
    ("language", "starts"), [("en", "-12 hours"), ("cy", "-12 awr"), ("ur", "\u200e-12 ")]
)
def test_time_owed_keeps_its_minus_sign_in_front_of_the_figure_in_urdu(language, starts):
    with translation.override(language):
        shown = Template("{{ balance|minutes }}").render(Context({"balance": -750}))
        given = format_minutes(750)

    assert shown.startswith(starts)
    assert "\u200e" not in given and not given.startswith("-")
