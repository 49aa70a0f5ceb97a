"""Process behaviour charts (XmR, after Shewhart and Wheeler): is a change real, or noise?

The natural process limits are the mean ± 2.66 × the average moving range (the average
difference between one point and the next). Points inside them are routine variation; a
point outside, or eight in a row on one side of the mean, is a signal worth looking into.
Limits from fewer than 10 points are too unsteady to trust, so none are drawn.

A change note splits the chart into stages. A stage with enough points of its own gets its
own limits; until then the stage before it carries on, so a change that worked shows up as
points falling outside the old limits.
"""

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SCALING = Decimal("2.66")
FEWEST_POINTS = 10
RUN_LENGTH = 8


@dataclass(frozen=True)
class Limits:
    mean: Decimal
    average_moving_range: Decimal
    upper: Decimal
    lower: Decimal


@dataclass
class Point:
    label: str
    value: Decimal | None  # None: no contacts in that period, so no share to plot
    limits: Limits | None = None
    outside: bool = False
    in_run: bool = False
    stage: int = 0

    @property
    def is_signal(self) -> bool:
        return self.outside or self.in_run


@dataclass
class Chart:
    points: list[Point]
    stages: list[Limits | None] = field(default_factory=list)

    @property
    def plotted(self) -> list[Point]:
        return [point for point in self.points if point.value is not None]

    @property
    def too_early(self) -> bool:
        return len(self.plotted) < FEWEST_POINTS

    @property
    def signals(self) -> list[Point]:
        return [point for point in self.points if point.is_signal]


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def limits(
    values: Sequence[Decimal | int | float],
    *,
    floor: Decimal | None = None,
    ceiling: Decimal | None = None,
) -> Limits | None:
    """The mean and natural process limits of these values, or None for fewer than 10.
    A limit beyond what the measure can be (below 0 %, above 100 %) stops at that bound."""
    if len(values) < FEWEST_POINTS:
        return None
    numbers = [Decimal(str(value)) for value in values]
    mean = sum(numbers, Decimal(0)) / len(numbers)
    ranges = [abs(after - before) for before, after in itertools.pairwise(numbers)]
    average_range = sum(ranges, Decimal(0)) / len(ranges)
    upper = mean + SCALING * average_range
    lower = mean - SCALING * average_range
    if ceiling is not None:
        upper = min(upper, ceiling)
    if floor is not None:
        lower = max(lower, floor)
    return Limits(
        mean=_round(mean),
        average_moving_range=_round(average_range),
        upper=_round(upper),
        lower=_round(lower),
    )


def _mark_runs(points: list[Point]) -> None:
    run: list[Point] = []
    side = 0
    for point in points:
        if point.value is None or point.limits is None:
            continue
        here = (point.value > point.limits.mean) - (point.value < point.limits.mean)
        if here == 0 or here != side:
            run, side = [], here
        if here:
            run.append(point)
        if len(run) >= RUN_LENGTH:
            for member in run:
                member.in_run = True


def chart(
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    *,
    stage_starts: Sequence[int] = (),
    floor: Decimal | None = Decimal(0),
    ceiling: Decimal | None = Decimal(100),
) -> Chart:
    """Points with their limits and signals; each index in `stage_starts` begins a new stage."""
    points = [Point(label=label, value=value) for label, value in zip(labels, values, strict=True)]
    starts = sorted({0, *(start for start in stage_starts if 0 < start < len(points))})
    stages: list[Limits | None] = []
    carried: Limits | None = None
    for number, start in enumerate(starts):
        end = starts[number + 1] if number + 1 < len(starts) else len(points)
        stage = points[start:end]
        found = limits(
            [point.value for point in stage if point.value is not None],
            floor=floor,
            ceiling=ceiling,
        )
        carried = found or carried
        stages.append(found)
        for point in stage:
            point.stage = number
            point.limits = carried
            if point.value is not None and carried is not None:
                point.outside = point.value > carried.upper or point.value < carried.lower
    _mark_runs(points)
    return Chart(points=points, stages=stages)
