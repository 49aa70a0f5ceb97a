"""The dates along the bottom of a chart never run into each other, however many periods."""

import datetime
import itertools
from decimal import Decimal

import pytest

from flourish.demand import xmr
from flourish.demand.charts import LABEL_ROOM, drawing
from flourish.demand.selectors import Row


def _weeks(count: int) -> list[Row]:
    start = datetime.date(2025, 12, 1)
    rows = []
    for week in range(count):
        day = start + datetime.timedelta(weeks=week)
        label = f"w/c {day:%-d %b %Y}"
        point = xmr.Point(label=label, value=Decimal(50))
        rows.append(Row(start=day, label=label, contacts=4, failure=2, point=point))
    return rows


@pytest.mark.parametrize("weeks", [1, 3, 10, 53, 104])
def test_each_date_along_the_bottom_has_room_for_its_longest_translation(weeks):
    places = [x for x, _label in drawing(_weeks(weeks)).x_labels]

    assert places[0] == min(places)
    assert all(later - earlier >= LABEL_ROOM for earlier, later in itertools.pairwise(places))


def test_a_year_of_weeks_still_shows_where_it_starts_and_some_dates_after():
    labels = [label for _x, label in drawing(_weeks(53)).x_labels]

    assert labels[0] == "w/c 1 Dec 2025"
    assert len(labels) >= 3
