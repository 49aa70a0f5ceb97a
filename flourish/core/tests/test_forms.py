"""The shared form rendering: every form's messages name the question and say what to do,
dates are the GOV.UK date input, and files show what is already there."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django import forms
from django.template import Context, Template
from django.utils import timezone, translation

from flourish.core.forms import GovukDateField


class Questions(forms.Form):
    nickname = forms.CharField(label="What should we call you?", max_length=5)
    colour = forms.ChoiceField(
        label="Favourite colour", choices=[("r", "Red"), ("b", "Blue")], widget=forms.RadioSelect
    )
    met_on = GovukDateField(label="When did you meet?", what="the date you met")
    upload = forms.FileField(label="Your document", required=False)


def _summary_and_inline(form):
    html = Template('{% include "core/forms/error_summary.html" %}{{ form }}').render(
        Context({"form": form})
    )
    soup = BeautifulSoup(html, "html.parser")
    summary = [a.get_text(strip=True) for a in soup.select(".govuk-error-summary__list a")]
    return soup, summary


def test_the_error_summary_names_each_question_that_was_not_answered():
    form = Questions({})
    form.is_valid()

    _soup, summary = _summary_and_inline(form)

    assert "This field is required." not in " ".join(summary)
    assert "Enter an answer for “What should we call you?”" in summary
    assert "Choose an answer for “Favourite colour”" in summary
    assert "Enter the date you met, for example 27 3 2026" in summary


def test_too_long_an_answer_says_which_question_and_the_limit():
    form = Questions({"nickname": "Bartholomew"})
    form.is_valid()

    soup, summary = _summary_and_inline(form)

    expected = "“What should we call you?” must be 5 characters or fewer. You entered 11."
    assert expected in summary
    assert expected in soup.find(id="id_nickname-error").get_text()


class Booking(forms.Form):
    distance = forms.ChoiceField(label="Within", choices=[("1", "1 mile"), ("5", "5 miles")])
    sessions = forms.IntegerField(label="Sessions", min_value=1, max_value=52)
    note = forms.CharField(label="Note")


def test_a_choice_not_offered_a_number_out_of_range_or_a_null_character_says_what_to_do():
    low = Booking({"distance": "2", "sessions": "0", "note": "a\x00b"})
    high = Booking({"distance": "1", "sessions": "60", "note": "fine"})
    low.is_valid(), high.is_valid()

    _soup, low_summary = _summary_and_inline(low)
    _soup, high_summary = _summary_and_inline(high)

    assert low_summary == [
        "Choose one of the answers given for “Within”",
        "“Sessions” must be 1 or more",
        "“Note” has a character that cannot be kept: type it again",
    ]
    assert high_summary == ["“Sessions” must be 52 or less"]


def test_the_summary_links_to_the_first_box_of_a_date_and_of_radios():
    form = Questions({})
    form.is_valid()

    soup, _summary = _summary_and_inline(form)

    links = {a["href"] for a in soup.select(".govuk-error-summary__list a")}
    assert {"#id_nickname", "#id_colour_0", "#id_met_on_0"} <= links
    assert soup.find(id="id_met_on_0")["name"] == "met_on_0"


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2026", "The date you met must be a real date, for example 27 3 2026"),
        ("", "2", "2026", "The date you met must include a day"),
        ("1", "", "", "The date you met must include a month and a year"),
        ("a", "b", "c", "The date you met must be a real date, for example 27 3 2026"),
    ],
)
def test_a_date_that_is_not_whole_or_not_real_says_what_is_wrong(day, month, year, message):
    form = Questions({"met_on_0": day, "met_on_1": month, "met_on_2": year})

    assert not form.is_valid()
    assert form.errors["met_on"] == [message]


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        # Spaces pass Django's own check for an empty answer.
        (" ", " ", " ", "Enter the date you met, for example 27 3 2026"),
        # Too big for a date to be made from at all.
        ("9" * 20, "1", "2027", "The date you met must be a real date, for example 27 3 2026"),
        ("1", "1", "9" * 20, "The date you met must be a real date, for example 27 3 2026"),
        ("31", "12", "9999", "The date you met must be in a year from 1900 to 2100"),
        ("1", "1", "1000", "The date you met must be in a year from 1900 to 2100"),
    ],
)
def test_a_date_of_spaces_a_huge_number_or_a_far_year_says_what_to_do(day, month, year, message):
    form = Questions({"met_on_0": day, "met_on_1": month, "met_on_2": year})

    assert not form.is_valid()
    assert form.errors["met_on"] == [message]


def test_a_date_is_read_from_its_day_month_and_year():
    form = Questions(
        {"nickname": "Al", "colour": "r", "met_on_0": "7", "met_on_1": "3", "met_on_2": "2026"}
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["met_on"] == datetime.date(2026, 3, 7)


def test_a_date_that_must_not_be_in_the_future_says_so():
    field = GovukDateField(label="When?", what="the date you talked", not_after_today=True)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    with pytest.raises(forms.ValidationError, match="must be today or in the past"):
        field.clean([str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)])


def test_a_dates_messages_are_in_the_readers_language_though_the_form_was_made_in_english():
    # `Questions` was made when this module loaded, in English.
    with translation.override("cy"):
        empty = Questions({"met_on_0": "", "met_on_1": "", "met_on_2": ""})
        half = Questions({"met_on_0": "1", "met_on_1": "", "met_on_2": ""})
        assert not empty.is_valid() and not half.is_valid()
        assert empty.errors["met_on"] == ["Rhowch the date you met, er enghraifft 27 3 2026"]
        assert half.errors["met_on"] == ["Rhaid i the date you met gynnwys mis a blwyddyn"]
    with translation.override("ur"):
        half = Questions({"met_on_0": "1", "met_on_1": "", "met_on_2": ""})
        assert not half.is_valid()
        assert " اور " in half.errors["met_on"][0]


class _StoredFile:
    name = "grants/applications/3f2a9c.pdf"
    url = "/media/grants/applications/3f2a9c.pdf"

    def __bool__(self):
        return True


def test_a_file_question_shows_the_current_file_and_a_way_to_remove_it_without_django_widget():
    form = Questions(initial={"upload": _StoredFile()})
    form.fields["upload"].widget.attrs["data-current-name"] = "our-plan.pdf"

    html = str(form["upload"].as_field_group())

    assert "Currently" not in html
    assert "/media/" not in html
    assert "our-plan.pdf" in html
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("input", type="file")["class"] == ["govuk-file-upload"]
    assert soup.find("input", attrs={"name": "upload-clear"})
    assert "Remove our-plan.pdf" in soup.get_text()
