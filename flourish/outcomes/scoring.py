"""Goal Attainment Scaling's summary score, the Kiresuk–Sherman T-score (1968).

    T = 50 + 10 * Σ wᵢxᵢ / sqrt((1 − ρ) Σ wᵢ² + ρ (Σ wᵢ)²)

where xᵢ ∈ {−2, −1, 0, +1, +2} is where the person is on goal i, wᵢ its weight and ρ the
assumed correlation between goals, 0.3 by convention. Everyone at their expected level
scores 50; each goal alone moves T by 10 a level. The bounds are 50 ± 20·Σw/√(…), never
past 50 ± 20/√ρ (about 13.5 and 86.5) however many goals there are.
"""

import math
from collections.abc import Iterable

from django.utils.translation import gettext_lazy

RHO = 0.3


def t_score(levels_and_weights: Iterable[tuple[int, int]], rho: float = RHO) -> float | None:
    """The T-score of (level, weight) pairs; None when there is nothing to score."""
    pairs = list(levels_and_weights)
    if not pairs:
        return None
    for level, weight in pairs:
        if level not in (-2, -1, 0, 1, 2):
            raise ValueError(f"A level is from -2 to 2, not {level}.")
        if weight < 1:
            raise ValueError(f"A weight is 1 or more, not {weight}.")
    weighted = sum(level * weight for level, weight in pairs)
    squares = sum(weight * weight for _, weight in pairs)
    total = sum(weight for _, weight in pairs)
    return 50 + 10 * weighted / math.sqrt((1 - rho) * squares + rho * total * total)


def t_score_band(score: float) -> str:
    """The five-point bands the totals count (so no exact score is published)."""
    if score < 40:
        return "below 40"
    if score < 50:
        return "40 to 49"
    if score < 60:
        return "50 to 59"
    if score < 70:
        return "60 to 69"
    return "70 or more"


T_SCORE_BANDS = ("below 40", "40 to 49", "50 to 59", "60 to 69", "70 or more")
BAND_LABELS = {
    "below 40": gettext_lazy("below 40"),
    "40 to 49": gettext_lazy("40 to 49"),
    "50 to 59": gettext_lazy("50 to 59"),
    "60 to 69": gettext_lazy("60 to 69"),
    "70 or more": gettext_lazy("70 or more"),
}
