"""Priority matrix and split roadmap: criteria per context, composite score, phases.

``score_contexts`` is the one entry point; the criteria live in ``CRITERIA`` (one module
each), the plan in ``scoring.roadmap``.
"""

from __future__ import annotations

from dataclasses import replace

from decomposer.config import Config
from decomposer.model import ContextScore, Decomposition, Facts, Scores
from scoring.criteria import CRITERIA, composite
from scoring.evidence import gather_evidence
from scoring.roadmap import plan_roadmap

__all__ = ["CRITERIA", "score_contexts"]


def score_contexts(facts: Facts, decomposition: Decomposition, config: Config) -> Scores:
    """Every context's criteria, composite and extraction cost, and the phased roadmap."""
    evidence = gather_evidence(facts, decomposition, config)
    matrix = []
    for context in sorted(decomposition.contexts, key=lambda c: c.name):
        criteria = tuple(criterion(context, evidence) for criterion in CRITERIA.values())
        cost = next(c.value for c in criteria if c.criterion == "extraction_cost")
        matrix.append(ContextScore(context=context.name, criteria=criteria,
                                   composite=composite(criteria, config.score_weights),
                                   extraction_cost=float(cost)))
    roadmap = plan_roadmap(tuple(matrix), evidence)
    phase_of = {name: p.number for p in roadmap.phases for name in p.contexts}
    # in the roadmap's order, so that contexts sharing a phase are listed alike everywhere
    order = {name: i for i, name in enumerate(n for p in roadmap.phases for n in p.contexts)}
    scored = tuple(replace(s, phase=phase_of[s.context])
                   for s in sorted(matrix, key=lambda s: order[s.context]))
    return Scores(matrix=scored, roadmap=roadmap)
