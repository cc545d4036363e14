"""The criteria, registered by name, and the composite score.

A criterion is a pure function ``(context, evidence) -> CriterionScore`` with a value 1..5,
the raw figures behind it and its thresholds in its module's docstring. Add one by adding
it to ``CRITERIA``; the composite only sums the playbook's three (``SCORE_CRITERIA``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from decomposer.config import SCORE_CRITERIA
from decomposer.model import Context, CriterionScore
from scoring.business_importance import business_importance
from scoring.change_frequency import change_frequency
from scoring.evidence import Evidence
from scoring.extraction_cost import extraction_cost
from scoring.technical_debt import technical_debt

Criterion = Callable[[Context, Evidence], CriterionScore]

CRITERIA: dict[str, Criterion] = {
    "business_importance": business_importance,
    "change_frequency": change_frequency,
    "technical_debt": technical_debt,
    "extraction_cost": extraction_cost,
}


def composite(criteria: tuple[CriterionScore, ...], weights: Mapping[str, float]) -> float:
    """Weighted sum of the playbook's criteria; weights 1 give its plain sum (5+4+4 = 13)."""
    values = {c.criterion: c.value for c in criteria}
    return round(sum(weights.get(name, 1.0) * values[name] for name in SCORE_CRITERIA), 2)
