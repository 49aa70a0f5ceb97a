"""The kinds of thing a programme pays for are shown in the reader's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from flourish.grants.factories import ProgrammeFactory
from flourish.grants.models import ProgrammeCategory

pytestmark = pytest.mark.django_db


def programme_page_in(client, programme, language: str) -> str:
    client.cookies["django_language"] = language
    return client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()


@pytest.mark.parametrize(
    ("language", "shown"),
    [("cy", "Technoleg i gadw mewn cysylltiad"), ("ur", "رابطے میں رہنے کے لیے ٹیکنالوجی")],
)
def test_the_default_kinds_of_spending_are_translated_on_the_programme_page(
    client, programme, language, shown
):
    html = programme_page_in(client, programme, language)

    assert shown in html
    assert "Technology to keep in touch" not in html


def test_a_kind_the_funder_named_itself_shows_as_the_funder_wrote_it(client, programme):
    ProgrammeCategory.objects.create(
        programme=programme, name="Hire of the church hall", position=9
    )

    assert "Hire of the church hall" in programme_page_in(client, programme, "cy")


def test_a_programme_set_up_while_reading_welsh_still_shows_english_readers_english(client):
    with translation.override("cy"):
        programme = ProgrammeFactory(slug="set-up-in-welsh")

    assert programme.categories.first().name == "Technology to keep in touch"
    assert "Technology to keep in touch" in programme_page_in(client, programme, "en-gb")


def test_the_kinds_to_choose_from_on_the_money_question_are_translated(
    client, owner, group, programme
):
    from flourish.grants.factories import application_with_lines

    application = application_with_lines(
        programme=programme, group=group, submitted_by=owner, status="draft"
    )
    client.force_login(owner)
    client.cookies["django_language"] = "cy"
    html = client.get(reverse("grants:money", args=[application.pk])).content.decode()

    assert "Technoleg i gadw mewn cysylltiad" in html
    assert "Technology to keep in touch" not in html
