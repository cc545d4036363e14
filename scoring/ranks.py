"""Turning raw figures into 1..5: by a stated table, or by rank within this repository."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

Table = Sequence[tuple[float, int]]  # (lowest figure of the row, points), highest row first

_QUINTILES = (Fraction(1, 5), Fraction(2, 5), Fraction(3, 5), Fraction(4, 5))


def points(figure: float, table: Table) -> int:
    """The points of the first row whose lower bound ``figure`` reaches.

    >>> points(12, ((21, 2), (11, 1), (0, 0)))
    1
    """
    return next((p for lowest, p in table if figure >= lowest), 0)


def percentile(value: Any, population: Sequence[Any]) -> Fraction:
    """Mid-rank percentile of ``value`` among ``population`` (which holds it), exact.

    The lowest value is at 0, the highest at 1; ties share the middle of their ranks, so
    a population of equal values sits at 1/2.
    """
    n = len(population)
    if n <= 1:
        return Fraction(1, 2)
    below = sum(v < value for v in population)
    equal = sum(v == value for v in population)
    return Fraction(2 * below + equal - 1, 2 * (n - 1))


def quintile_rank(value: Any, population: Sequence[Any]) -> int:
    """1..5 by the quintile of ``value``'s percentile in ``population``.

    ==================  =====
    percentile          value
    ==================  =====
    below 20 %          1
    20 % to below 40 %  2
    40 % to below 60 %  3
    60 % to below 80 %  4
    80 % and above      5
    ==================  =====
    """
    share = percentile(value, population)
    return 1 + sum(share >= q for q in _QUINTILES)
