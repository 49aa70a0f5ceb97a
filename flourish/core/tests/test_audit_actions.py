"""A person reads their copy of their data in their own language: what was done, and when."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import formats, timezone, translation

from flourish.accounts.factories import UserFactory
from flourish.core.audit_actions import ACTION_NAMES, action_name
from flourish.core.services import audit_record


def recorded_actions() -> set[str]:
    """The codes every Flourish app records, read from its `events.py`."""
    codes = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("flourish."):
            continue
        try:
            events = import_module(f"{config.name}.events")
        except ModuleNotFoundError:
            continue
        codes |= {
            value
            for name, value in vars(events).items()
            if name.isupper() and isinstance(value, str) and "." in value
        }
    return codes


def test_every_action_an_app_records_has_a_name():
    codes = recorded_actions()
    assert len(codes) > 150
    assert codes - set(ACTION_NAMES) == set(), "name these in flourish/core/audit_actions.py"
    assert set(ACTION_NAMES) - codes == set(), "no longer recorded by any app"


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_every_name_is_translated(language):
    with translation.override("en"):
        english = {code: action_name(code) for code in ACTION_NAMES}
    with translation.override(language):
        untranslated = [code for code in ACTION_NAMES if action_name(code) == english[code]]
    assert untranslated == []


def test_an_action_from_an_older_version_reads_as_its_words():
    assert action_name("timebank.something_retired") == "Something retired"


@pytest.mark.django_db
def test_a_person_reads_what_was_done_in_their_language(client):
    person = UserFactory(preferred_language="ur")
    audit_record(actor=person, action="timebank.exchange_recorded", target=person, data={})
    client.force_login(person)
    client.cookies["django_language"] = "ur"

    page = client.get(reverse("accounts:your_data")).content.decode()

    with translation.override("ur"):
        recorded = action_name("timebank.exchange_recorded")
    assert recorded in page
    assert "Exchange recorded" not in page


@pytest.mark.django_db
def test_dates_in_a_persons_copy_name_the_month_in_their_language(client):
    person = UserFactory()
    client.force_login(person)
    client.cookies["django_language"] = "cy"

    page = client.get(reverse("accounts:your_data")).content.decode()

    today = timezone.localdate()
    with translation.override("cy"):
        month = formats.date_format(today, "F")
    with translation.override("en"):
        assert month != formats.date_format(today, "F")  # Welsh, not English
    assert f"{today.day} {month}" in page  # when they joined
