"""Server-drawn charts: the geometry of a simple line chart, for an SVG the page draws with
the same numbers in a table beside it (the table is what a screen reader reads)."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.functional import Promise

WIDTH = 600
HEIGHT = 240
LEFT = 150  # room for the level names
RIGHT = 20
TOP = 20
BOTTOM = 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str | Promise  # lazy, so each reader sees it in their own language


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    points: list[Point]
    gridlines: list[Gridline]
    first_date: str
    last_date: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x:.1f},{point.y:.1f}" for point in self.points)

    @property
    def right(self) -> int:
        return self.width - RIGHT

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM


def line_chart(
    values: Sequence[tuple[datetime.date, float]],
    low: float,
    high: float,
    gridlines: Sequence[tuple[float, str | Promise]],
) -> Chart | None:
    """Dates along the bottom, values up the side; None when there is nothing to draw."""
    if not values:
        return None
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    first, last = values[0][0], values[-1][0]
    span = max((last - first).days, 1)

    def y_of(value: float) -> float:
        return TOP + plot_height * (high - value) / (high - low)

    def x_of(day: datetime.date) -> float:
        if first == last:
            return LEFT + plot_width / 2
        return LEFT + plot_width * (day - first).days / span

    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        points=[
            Point(x_of(day), y_of(value), f"{date_format(day, 'j M Y')}: {value:g}")
            for day, value in values
        ],
        gridlines=[Gridline(y_of(value), label) for value, label in gridlines],
        first_date=date_format(first, "j M Y"),
        last_date=date_format(last, "j M Y"),
    )
