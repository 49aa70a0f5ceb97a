"""An instrument file can carry its questions and answer labels in Welsh and Urdu; ONS4 does,
and a person reading Flourish in Welsh or Urdu checks in in their language."""

import copy

import pytest
from django.urls import reverse
from django.utils import translation

from flourish.outcomes.instruments import (
    InstrumentError,
    definition_check,
    item_text,
    scale_labels,
)
from flourish.outcomes.models import Instrument

pytestmark = pytest.mark.django_db


def test_the_shipped_ons4_asks_in_welsh_and_urdu():
    definition = Instrument.objects.get(slug="ons4").definition
    with translation.override("cy"):
        welsh = "Yn gyffredinol, pa mor hapus oeddech chi'n teimlo ddoe?"
        assert item_text(definition, "happiness") == welsh
        assert scale_labels(definition)[0] == "Ddim o gwbl"
    with translation.override("ur"):
        assert "خوش" in item_text(definition, "happiness")
    with translation.override("en"):
        assert item_text(definition, "happiness") == "Overall, how happy did you feel yesterday?"
        assert scale_labels(definition)[10] == "Completely"


def test_the_check_in_page_is_in_welsh_for_a_welsh_reader(client, person):
    person.preferred_language = "cy"
    person.save()
    client.force_login(person)
    page = client.get(
        reverse("outcomes:checkin_new", args=["ons4"]), HTTP_ACCEPT_LANGUAGE="cy"
    ).content.decode()
    assert "pa mor fodlon ydych chi" in page


def _empty_welsh(d):
    d["items"][0]["text_translations"] = {"cy": ""}


def _language_name(d):
    d["items"][0]["text_translations"] = {"Welsh": "Helo"}


def _unlabelled_answer(d):
    d["scale"]["label_translations"] = {"cy": {"5": "Canol"}}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (_empty_welsh, "items[1].text_translations.cy: needs words"),
        (_language_name, "is not a language code"),
        (_unlabelled_answer, "translates no label"),
    ],
)
def test_a_broken_translation_is_refused_whole_and_named(change, problem):
    definition = copy.deepcopy(Instrument.objects.get(slug="ons4").definition)
    change(definition)
    with pytest.raises(InstrumentError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        definition_check(definition)
