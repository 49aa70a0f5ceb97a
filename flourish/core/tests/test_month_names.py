"""Dates read in every language as Django's own catalogues write them: a word of ours
that is also a month's name ("May", as in "may see") must not change the month. It once
did: every date in May read "20 Caiff 2026" in Welsh and "20 اجازت 2026" in Urdu."""

import datetime
import gettext
from pathlib import Path

import django
import pytest
from django.utils import translation
from django.utils.formats import date_format

DJANGO_CATALOGUES = Path(django.__file__).parent / "conf" / "locale"
ENGLISH_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip


@pytest.mark.parametrize("language", ["cy", "ur"])
def test_every_month_is_named_as_django_names_it(language):
    djangos = gettext.translation("django", DJANGO_CATALOGUES, languages=[language])
    with translation.override(language):
        ours = [date_format(datetime.date(2026, month, 20), "F") for month in range(1, 13)]

    assert ours == [djangos.gettext(month) for month in ENGLISH_MONTHS]
    assert ours[4] == {"cy": "Mai", "ur": "مئی"}[language]
