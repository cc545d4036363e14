"""Business importance: configured when the team says so, otherwise estimated from evidence.

Configuration (``[tool.decomposer.importance]``) wins: the context's own name first, then the
most specific glob pattern that matches it (the longest; ties by pattern text).

Without it the value is estimated, and marked so, from what the code shows a business
cares about, by these absolute tables:

=========================  ====================================  =====  =====  =====  =====
indicator                  figure                                0      1      2      3
=========================  ====================================  =====  =====  =====  =====
routes                     HTTP routes whose handler it owns     0      1–2    3–5    6+
core tables written        tables it writes that two or more     0      1      2+
                           other contexts use, or that two or
                           more tables reference by foreign key
fan-in                     contexts depending on it              0      1–2    3–5    6+
=========================  ====================================  =====  =====  =====  =====

============  =====
points (0–8)  value
============  =====
0             1
1–2           2
3–4           3
5–6           4
7–8           5
============  =====
"""

from __future__ import annotations

from collections import Counter
from fnmatch import fnmatchcase

from decomposer.model import Context, CriterionScore
from scoring.evidence import Evidence
from scoring.ranks import points

NAME = "business_importance"

ROUTES = ((6, 3), (3, 2), (1, 1), (0, 0))
CORE_WRITES = ((2, 2), (1, 1), (0, 0))
FAN_IN = ((6, 3), (3, 2), (1, 1), (0, 0))
VALUE = ((7, 5), (5, 4), (3, 3), (1, 2), (0, 1))


def business_importance(context: Context, evidence: Evidence) -> CriterionScore:
    configured = configured_importance(context.name, evidence.config.importance)
    if configured is not None:
        key, level = configured
        return CriterionScore(NAME, level, {"configured": float(level)},
                              reason=f"configured: importance.{key} = {level}")
    raw = _figures(context, evidence)
    earned = {
        "routes": points(raw["routes"], ROUTES),
        "core tables written": points(raw["core_tables_written"], CORE_WRITES),
        "fan-in": points(raw["fan_in"], FAN_IN),
    }
    raw["points"] = float(sum(earned.values()))
    detail = ", ".join(f"{k} {v}" for k, v in earned.items())
    return CriterionScore(NAME, points(raw["points"], VALUE), raw, estimated=True,
                          reason=f"estimated from {raw['points']:g} points ({detail})")


def configured_importance(name: str, importance: dict[str, int]) -> tuple[str, int] | None:
    """(the key that matched, its level), or None when nothing in the configuration matches."""
    if name in importance:
        return name, importance[name]
    matching = [p for p in importance if fnmatchcase(name, p)]
    if not matching:
        return None
    best = min(matching, key=lambda p: (-len(p), p))
    return best, importance[best]


def _figures(context: Context, evidence: Evidence) -> dict[str, float]:
    mine = set(context.symbols)
    routes = sum(1 for r in evidence.facts.routes if r.handler in mine)
    core = core_tables(evidence)
    written = {a.table for a in evidence.facts.accesses
               if a.mode == "write" and a.known and a.source in mine}
    return {
        "routes": float(routes),
        "core_tables_written": float(len(written & core)),
        "fan_in": float(len(evidence.needed_by[context.name])),
    }


def core_tables(evidence: Evidence) -> set[str]:
    """Tables two or more contexts besides the owner use, or two or more tables reference."""
    referenced = Counter(ref for t in evidence.facts.schema.tables
                         for ref in {fk.ref_table for fk in t.foreign_keys} if ref != t.name)
    core = {table for table, count in referenced.items() if count >= 2}
    for o in evidence.decomposition.ownership:
        if len(set(o.readers) | set(o.writers) - {o.owner}) >= 2:
            core.add(o.table)
    return core
