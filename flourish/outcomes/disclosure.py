"""Keeping published totals from being taken apart.

Three rules, each closing a way a total can give a person away:

1. **Fixed populations.** Totals are only ever asked of a whole, pre-defined population
   (everyone who agreed to be counted for one programme, or for one group). There are no
   filters, so nobody can draw a population round one person.
2. **Small cells are hidden.** A count of fewer than 5 people, and any figure built from
   fewer than 5, is shown as "fewer than 5". When one cell of a distribution is hidden the
   next smallest is hidden too (secondary suppression), so the total minus the others
   never reveals it.
3. **Population-keyed noise** (after the ONS "cell key method", used for the 2021
   Census). Each person has a fixed random record key. Every published count gets a small
   adjustment (−2…+2, most often 0) chosen by hashing the keys of *everyone* in the
   population with the cell's name. Asking again about the same people gives exactly the
   same answer, so repeating a question cannot average the noise away; asking about a
   population one person different gives fresh, unrelated noise in every cell, so the
   difference between the two answers does not say which cell that person is in.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

SMALLEST = 5
# Adjustments and how often each is drawn (out of 20): 0 most often, ±2 rarely.
_NOISE = [0] * 8 + [1] * 4 + [-1] * 4 + [2] * 2 + [-2] * 2


def population_key(record_keys: Iterable[int]) -> int:
    """One number for a whole population: the same people always give the same number."""
    return sum(record_keys) % (1 << 61)


def noise(population: int, cell: str) -> int:
    """The fixed adjustment for one cell of one population."""
    digest = hashlib.blake2b(f"{population}:{cell}".encode(), digest_size=8).digest()
    return _NOISE[int.from_bytes(digest, "big") % len(_NOISE)]


@dataclass(frozen=True)
class Cell:
    """One published figure: the number to show, or None when it is hidden."""

    name: str
    value: int | None

    @property
    def hidden(self) -> bool:
        return self.value is None


def count_cell(population: int, cell: str, count: int) -> Cell:
    """A count to publish: adjusted by the population's noise, hidden under 5."""
    if count < SMALLEST:
        return Cell(cell, None)
    published = count + noise(population, cell)
    return Cell(cell, published if published >= SMALLEST else None)


def distribution(population: int, prefix: str, counts: dict[str, int]) -> list[Cell]:
    """Counts across the bands of one distribution, with secondary suppression: if exactly
    one cell is hidden, the smallest shown cell is hidden with it."""
    cells = [count_cell(population, f"{prefix}:{name}", count) for name, count in counts.items()]
    hidden = [cell for cell in cells if cell.hidden]
    shown = [cell for cell in cells if not cell.hidden]
    if len(hidden) == 1 and shown:
        smallest = min(shown, key=lambda cell: cell.value or 0)
        cells = [Cell(cell.name, None) if cell is smallest else cell for cell in cells]
    return [Cell(cell.name.split(":", 1)[1], cell.value) for cell in cells]


def mean_of(population: int, cell: str, values: list[float]) -> float | None:
    """A mean of 5 or more people's values, its sum adjusted by the population's noise."""
    if len(values) < SMALLEST:
        return None
    return round((sum(values) + noise(population, cell)) / len(values), 1)


def mean_of_sum(population: int, cell: str, total: float, count: int) -> float | None:
    """The same as mean_of, from a sum and a count the database worked out."""
    if count < SMALLEST:
        return None
    return round((total + noise(population, cell)) / count, 1)
