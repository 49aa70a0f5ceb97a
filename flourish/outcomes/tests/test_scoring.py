"""The Kiresuk–Sherman T-score against worked examples, and its bounds for any goals."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flourish.outcomes.scoring import RHO, t_score

goals = st.lists(
    st.tuples(st.sampled_from([-2, -1, 0, 1, 2]), st.integers(1, 10)), min_size=1, max_size=12
)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        # One goal: ten points a level.
        ([(0, 1)], 50.0),
        ([(2, 1)], 70.0),
        ([(-2, 1)], 30.0),
        # Two equal goals, one a bit better: 50 + 10 / sqrt(0.7 * 2 + 0.3 * 4) = 56.20.
        ([(1, 1), (0, 1)], 56.20),
        # Three equal goals all much better: 50 + 60 / sqrt(2.1 + 2.7) = 77.39.
        ([(2, 1), (2, 1), (2, 1)], 77.39),
        # Weighted (Kiresuk and Sherman's own style of example): weights 3, 2, 1 at
        # +1, 0, -1: 50 + 10 * 2 / sqrt(0.7 * 14 + 0.3 * 36) = 54.41.
        ([(1, 3), (0, 2), (-1, 1)], 54.41),
        # Better and worse balance out.
        ([(2, 1), (-2, 1)], 50.0),
    ],
)
def test_the_t_score_matches_worked_examples(pairs, expected):
    assert t_score(pairs) == pytest.approx(expected, abs=0.005)


def test_there_is_no_score_without_a_reviewed_goal():
    assert t_score([]) is None


@pytest.mark.parametrize("bad", [[(3, 1)], [(-3, 1)], [(0, 0)]])
def test_a_level_or_weight_out_of_range_is_refused(bad):
    with pytest.raises(ValueError):
        t_score(bad)


@given(goals)
@settings(deadline=None)
def test_everyone_at_their_expected_level_scores_exactly_50(pairs):
    assert t_score([(0, weight) for _, weight in pairs]) == pytest.approx(50)


@given(goals)
@settings(deadline=None)
def test_the_score_stays_within_its_bounds(pairs):
    score = t_score(pairs)
    limit = 20 / math.sqrt(RHO)
    assert 50 - limit - 1e-9 <= score <= 50 + limit + 1e-9
    weights = [w for _, w in pairs]
    tight = (
        20
        * sum(weights)
        / math.sqrt((1 - RHO) * sum(w * w for w in weights) + RHO * sum(weights) ** 2)
    )
    assert 50 - tight - 1e-9 <= score <= 50 + tight + 1e-9


@given(goals)
@settings(deadline=None)
def test_turning_every_goal_round_mirrors_the_score_about_50(pairs):
    mirrored = [(-level, weight) for level, weight in pairs]
    assert t_score(pairs) - 50 == pytest.approx(50 - t_score(mirrored))


@given(goals, st.integers(0, 11))
@settings(deadline=None)
def test_doing_better_on_one_goal_never_lowers_the_score(pairs, index):
    index %= len(pairs)
    level, weight = pairs[index]
    if level == 2:
        return
    better = [*pairs[:index], (level + 1, weight), *pairs[index + 1 :]]
    assert t_score(better) > t_score(pairs)
