"""The XmR limits, checked against examples worked by hand."""

from decimal import Decimal

from flourish.demand import xmr


def test_it_finds_the_mean_and_natural_process_limits_of_a_worked_example():
    # mean 110 / 10 = 11; moving ranges 2 1 2 4 1 2 1 1 2, average 16 / 9 = 1.777…;
    # 11 ± 2.66 × 1.777… = 15.73 and 6.27.
    found = xmr.limits([10, 12, 11, 13, 9, 10, 12, 11, 10, 12])
    assert found == xmr.Limits(
        mean=Decimal("11.0"),
        average_moving_range=Decimal("1.8"),
        upper=Decimal("15.7"),
        lower=Decimal("6.3"),
    )


def test_it_finds_the_limits_of_a_second_worked_example_with_a_steady_climb():
    # 20 22 … 38: mean 29, every moving range 2, so 29 ± 5.32.
    found = xmr.limits(list(range(20, 40, 2)))
    assert (found.mean, found.upper, found.lower) == (
        Decimal("29.0"),
        Decimal("34.3"),
        Decimal("23.7"),
    )


def test_a_lower_limit_below_nothing_stops_at_nought_per_cent():
    # mean 5.5; moving ranges all 9, so 5.5 − 23.94 would be a negative share.
    found = xmr.limits([1, 10] * 5, floor=Decimal(0), ceiling=Decimal(100))
    assert found.lower == Decimal(0)
    assert found.upper == Decimal("29.4")


def test_it_draws_no_limits_from_fewer_than_ten_points():
    assert xmr.limits([10, 12, 11, 13, 9, 10, 12, 11, 10]) is None
    drawn = xmr.chart([str(n) for n in range(9)], [Decimal(n) for n in range(9)])
    assert drawn.too_early
    assert all(point.limits is None for point in drawn.points)


def test_periods_without_contacts_are_left_out_of_the_limits():
    values = (
        [Decimal(v) for v in (10, 12, 11, 13, 9)]
        + [None]
        + [Decimal(v) for v in (10, 12, 11, 10, 12)]
    )
    drawn = xmr.chart([str(n) for n in range(11)], values)
    assert drawn.points[0].limits.mean == Decimal("11.0")
    assert drawn.points[5].value is None


def test_a_point_outside_the_limits_is_a_signal():
    values = [Decimal(v) for v in (10, 12, 11, 13, 9, 10, 12, 11, 10, 12, 40)]
    drawn = xmr.chart([str(n) for n in range(11)], values, stage_starts=[10])
    assert [point.label for point in drawn.signals] == ["10"]


def test_ten_in_a_row_on_one_side_of_the_mean_is_a_signal_even_inside_the_limits():
    values = [Decimal(v) for v in (10, 12, 11, 13, 9, 10, 12, 11, 10, 12, 40)]
    drawn = xmr.chart([str(n) for n in range(11)], values)
    assert drawn.points[0].limits.mean == Decimal("13.6")
    assert all(point.in_run and not point.outside for point in drawn.points[:10])


def test_eight_in_a_row_below_the_mean_is_a_signal():
    values = [Decimal(v) for v in (30, 32, 31, 29, 30, 28, 31, 30, 29, 31)] + [Decimal(29)] * 8
    drawn = xmr.chart([str(n) for n in range(18)], values)
    assert [point.in_run for point in drawn.points[-8:]] == [True] * 8
    assert not drawn.points[-9].in_run


def test_after_a_change_the_old_limits_carry_on_until_there_are_ten_new_points():
    before = [Decimal(v) for v in (40, 42, 41, 43, 39, 40, 42, 41, 40, 42)]
    after = [Decimal(v) for v in (20, 21, 19)]
    drawn = xmr.chart([str(n) for n in range(13)], before + after, stage_starts=[10])
    assert drawn.points[11].limits is drawn.points[0].limits
    assert all(point.outside for point in drawn.points[10:])
    assert drawn.stages[1] is None


def test_a_stage_with_ten_points_gets_limits_of_its_own():
    before = [Decimal(v) for v in (40, 42, 41, 43, 39, 40, 42, 41, 40, 42)]
    after = [Decimal(v) for v in (20, 22, 21, 23, 19, 20, 22, 21, 20, 22)]
    drawn = xmr.chart([str(n) for n in range(20)], before + after, stage_starts=[10])
    assert drawn.points[15].limits.mean == Decimal("21.0")
    assert not drawn.points[15].outside
