"""Instruments load from definition files, whole or not at all; a person checks in and sees
their own history with the ONS bands."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from flourish.outcomes.factories import ons4, ons4_checkin_make
from flourish.outcomes.instruments import BUILT_IN, InstrumentError, band_of, definition_check
from flourish.outcomes.models import CheckIn, CheckInScore, Instrument

pytestmark = pytest.mark.django_db


def _demo() -> dict:
    return json.loads((BUILT_IN / "demo_connected.json").read_text())


def _write(tmp_path, definition) -> str:
    path = tmp_path / "instrument.json"
    path.write_text(json.dumps(definition) if not isinstance(definition, str) else definition)
    return str(path)


def test_the_shipped_instruments_are_loaded_on_a_fresh_site():
    assert set(Instrument.objects.values_list("slug", flat=True)) >= {"ons4", "demo-connected"}


def test_instrument_load_loads_a_good_file_and_says_so(tmp_path, capsys):
    definition = _demo() | {"slug": "walking", "name": "Walking measure"}
    call_command("instrument_load", _write(tmp_path, definition))
    assert Instrument.objects.get(slug="walking").definition["items"][0]["key"] == "people"
    assert "Loaded Walking measure (walking), 3 items." in capsys.readouterr().out


def _broken_tables():
    missing = _demo()
    del missing["scoring"]["conversion"]["9"]
    not_a_number = _demo()
    not_a_number["scoring"]["conversion"]["9"] = "fifty"
    impossible = _demo()
    impossible["scoring"]["conversion"]["16"] = 100
    return [
        (missing, "scoring.conversion: raw total 9 has no score"),
        (not_a_number, "scoring.conversion.9: score 'fifty' is not a number"),
        (impossible, "scoring.conversion: raw total 16 cannot happen"),
    ]


@pytest.mark.parametrize(("definition", "message"), _broken_tables())
def test_a_file_with_a_broken_scoring_table_is_refused_whole_naming_the_problem(
    tmp_path, definition, message
):
    definition["slug"] = "broken"
    with pytest.raises(CommandError) as refused:
        call_command("instrument_load", _write(tmp_path, definition))
    assert message in str(refused.value)
    assert not Instrument.objects.filter(slug="broken").exists()


def test_a_refused_file_leaves_the_loaded_instrument_as_it_was(tmp_path):
    before = ons4().definition
    broken = json.loads((BUILT_IN / "ons4.json").read_text())
    broken["bands"]["anxiety"] = [[0, 1, "Very low"], [1, 10, "Overlapping"]]
    with pytest.raises(CommandError, match=r"bands.anxiety\[2\]: overlaps the band before"):
        call_command("instrument_load", _write(tmp_path, broken))
    assert Instrument.objects.get(slug="ons4").definition == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "file: is not JSON"),
        ("[]", "file: must hold one JSON object"),
        (json.dumps({"format": 2}), "format: must be 1"),
    ],
)
def test_a_file_that_is_not_a_definition_is_refused(tmp_path, text, message):
    with pytest.raises(CommandError, match=message):
        call_command("instrument_load", _write(tmp_path, text))


def test_the_command_exits_non_zero_on_a_broken_file(tmp_path):
    import subprocess
    import sys

    definition = _demo()
    definition["items"] = []
    result = subprocess.run(
        [sys.executable, "manage.py", "instrument_load", _write(tmp_path, definition)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "FLOURISH_ENV": "test"},
        check=False,
    )
    assert result.returncode != 0
    assert "items: must list at least one item" in result.stderr


def test_an_item_without_its_text_is_allowed_so_licensed_wording_can_stay_out_of_the_code():
    definition = _demo()
    for item in definition["items"]:
        del item["text"]
    assert definition_check(definition) is definition


def test_bands_must_cover_the_whole_scale():
    definition = _demo()
    definition["bands"]["connected"] = [[10, 100, "Most"]]
    with pytest.raises(InstrumentError, match="must cover 0 to 100"):
        definition_check(definition)


@pytest.mark.parametrize(
    ("key", "value", "band"),
    [
        ("life_satisfaction", 4, "Low"),
        ("life_satisfaction", 5, "Medium"),
        ("happiness", 8, "High"),
        ("worthwhile", 9, "Very high"),
        ("anxiety", 1, "Very low"),
        ("anxiety", 3, "Low"),
        ("anxiety", 5, "Medium"),
        ("anxiety", 6, "High"),
    ],
)
def test_ons4_scores_fall_in_the_ons_bands(key, value, band):
    assert band_of(ons4().definition, key, value) == band


def test_a_summed_instrument_stores_its_converted_score(person):
    from flourish.outcomes.services.checkins import checkin_record

    demo = Instrument.objects.get(slug="demo-connected")
    checkin = checkin_record(
        person=person,
        instrument=demo,
        answers={"people": 3, "belong": 3, "useful": 3},
        actor=person,
    )
    assert CheckInScore.objects.get(checkin=checkin, key="connected").value == 50


def test_a_person_checks_in_and_sees_their_history_with_bands(client, person):
    client.force_login(person)
    url = reverse("outcomes:checkin_new", args=["ons4"])
    answers = {"life_satisfaction": 7, "worthwhile": 8, "happiness": 3, "anxiety": 6}
    response = client.post(url, answers)
    assert response.url == reverse("outcomes:checkins")
    page = client.get(response.url).content.decode()
    assert "Very high" not in page and "High" in page and "Low" in page


def test_a_score_out_of_range_gets_a_message_and_changes_nothing(client, person):
    client.force_login(person)
    url = reverse("outcomes:checkin_new", args=["ons4"])
    answers = {"life_satisfaction": 11, "worthwhile": 8, "happiness": 3, "anxiety": 6}
    response = client.post(url, answers)
    assert response.status_code == 200
    assert "Choose a number from 0 to 10" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_nobody_else_sees_a_persons_check_ins(client, person, other):
    ons4_checkin_make(person, 7, 7, 7, 2)
    client.force_login(other)
    page = client.get(reverse("outcomes:checkins")).content.decode()
    assert "You have not done a check-in yet." in page
