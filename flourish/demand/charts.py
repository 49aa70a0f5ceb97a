"""Where each mark of a process behaviour chart goes, so the template only draws it.

Drawn on the server as SVG: no JavaScript, the same for every browser and screen reader, and
the figures are in a table beside it for anyone who cannot see the picture.
"""

import math
from dataclasses import dataclass, field
from decimal import Decimal

from flourish.demand.selectors import Row

WIDTH = 640
HEIGHT = 280
LEFT = 44
RIGHT = 12
TOP = 16
BOTTOM = 40
# The room each date along the bottom may take: enough for the longest translation of
# "week starting 9 Jun 2025", so a year of weeks never draws labels over each other.
LABEL_ROOM = 150


@dataclass
class Mark:
    x: float
    y: float
    signal: bool
    label: str
    value: Decimal


@dataclass
class Line:
    x1: float
    x2: float
    y: float


@dataclass
class NoteMark:
    x: float
    number: int
    text: str


@dataclass
class Drawing:
    width: int = WIDTH
    height: int = HEIGHT
    marks: list[Mark] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    means: list[Line] = field(default_factory=list)
    limits: list[Line] = field(default_factory=list)
    notes: list[NoteMark] = field(default_factory=list)
    ticks: list[tuple[float, int]] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    plot_left: int = LEFT
    plot_right: int = WIDTH - RIGHT
    plot_bottom: int = HEIGHT - BOTTOM


def drawing(rows: list[Row], *, draw_limits: bool = True) -> Drawing:
    """The marks for a failure-share chart on a 0 to 100 % scale."""
    count = max(len(rows), 2)
    span = WIDTH - LEFT - RIGHT
    step = span / (count - 1)

    def x_at(index: float) -> float:
        return round(LEFT + index * step, 1)

    def y_at(value: Decimal | float) -> float:
        return round(TOP + (HEIGHT - TOP - BOTTOM) * (1 - float(value) / 100), 1)

    picture = Drawing()
    picture.ticks = [(y_at(value), value) for value in (0, 25, 50, 75, 100)]
    fits = max(1, (WIDTH - LEFT - RIGHT) // LABEL_ROOM)
    every = max(1, math.ceil(len(rows) / fits))
    picture.x_labels = [(x_at(i), row.label) for i, row in enumerate(rows) if i % every == 0]
    segment: list[str] = []
    for index, row in enumerate(rows):
        if row.share is None:
            if len(segment) > 1:
                picture.paths.append(" ".join(segment))
            segment = []
            continue
        x, y = x_at(index), y_at(row.share)
        segment.append(f"{x},{y}")
        picture.marks.append(
            Mark(x=x, y=y, signal=row.point.is_signal, label=row.label, value=row.share)
        )
    if len(segment) > 1:
        picture.paths.append(" ".join(segment))
    if draw_limits:
        _stage_lines(picture, rows, x_at, y_at, step)
    number = 0
    for index, row in enumerate(rows):
        for note in row.notes:
            number += 1
            picture.notes.append(NoteMark(x=x_at(index), number=number, text=note.text))
    return picture


def _stage_lines(picture: Drawing, rows: list[Row], x_at, y_at, step: float) -> None:  # type: ignore[no-untyped-def]
    start = 0
    for index in range(1, len(rows) + 1):
        if index < len(rows) and rows[index].point.limits is rows[start].point.limits:
            continue
        limits = rows[start].point.limits
        if limits is not None:
            x1, x2 = x_at(start), x_at(index - 1)
            if x1 == x2:
                x2 = round(x2 + step / 2, 1)
            picture.means.append(Line(x1=x1, x2=x2, y=y_at(limits.mean)))
            picture.limits.append(Line(x1=x1, x2=x2, y=y_at(limits.upper)))
            picture.limits.append(Line(x1=x1, x2=x2, y=y_at(limits.lower)))
        start = index
