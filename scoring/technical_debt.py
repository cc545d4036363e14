"""Technical debt: what makes the context's code costly to change, by absolute tables.

Debt is a property of the code itself, so the tables below are absolute (a clean repository
should not get a "5" because one context is slightly worse than the others). Each indicator
earns 0, 1 or 2 points; the sum gives the value.

==================  ===================================================  =====  =====  =====
indicator           figure                                               0      1      2
==================  ===================================================  =====  =====  =====
complexity          worst cyclomatic complexity of a function or method  1–10   11–20  21+
                    (radon ranks A–B, C, D–F)
outliers            symbols far bigger than the repository's others of   0      1      2+
                    their kind (loc above Q3 + 3·IQR and 50+, Tukey's
                    far-out fence) or classes of 20+ methods
duplication         share of its symbols whose name is also defined in   0      <20 %  20 %+
                    another module (copy-paste leaves twins)
cycles              dependency cycle between contexts                    none   in one mutual
outgoing coupling   contexts it depends on                               0–1    2–3    4+
raw SQL             accesses through SQL strings per symbol              <0.25  <1     1+
missing tests       share of its symbols no test module references       <50 %  <90 %  90 %+
==================  ===================================================  =====  =====  =====

"mutual": it needs a context that needs it back, the tightest cycle there is.

=============  =====
points (0–14)  value
=============  =====
0–2            1
3–4            2
5–7            3
8–10           4
11+            5
=============  =====
"""

from __future__ import annotations

import statistics

from decomposer.model import Context, CriterionScore, Symbol
from scoring.evidence import Evidence
from scoring.ranks import points

NAME = "technical_debt"

COMPLEXITY = ((21, 2), (11, 1), (0, 0))
OUTLIERS = ((2, 2), (1, 1), (0, 0))
DUPLICATION = ((0.2, 2), (1e-9, 1), (0, 0))
COUPLING = ((4, 2), (2, 1), (0, 0))
SQL_DENSITY = ((1, 2), (0.25, 1), (0, 0))
UNTESTED = ((0.9, 2), (0.5, 1), (0, 0))
VALUE = ((11, 5), (8, 4), (5, 3), (3, 2), (0, 1))

MIN_OUTLIER_LOC = 50
GOD_CLASS_METHODS = 20


def technical_debt(context: Context, evidence: Evidence) -> CriterionScore:
    raw = _figures(context, evidence)
    earned = {
        "complexity": points(raw["worst_complexity"], COMPLEXITY),
        "outliers": points(raw["outliers"], OUTLIERS),
        "duplication": points(raw["duplicated_share"], DUPLICATION),
        "cycles": 2 if raw["mutual_dependencies"] else (1 if raw["cycle_size"] else 0),
        "coupling": points(raw["outgoing_contexts"], COUPLING),
        "raw_sql": points(raw["sql_per_symbol"], SQL_DENSITY),
        "missing_tests": points(raw["untested_share"], UNTESTED),
    }
    raw["points"] = float(sum(earned.values()))
    reason = ", ".join(f"{k} {v}" for k, v in earned.items() if v) or "no indicator fired"
    return CriterionScore(NAME, points(raw["points"], VALUE), raw,
                          reason=f"{raw['points']:g} debt points ({reason})")


def _figures(context: Context, evidence: Evidence) -> dict[str, float]:
    symbols = evidence.members[context.name]
    count = len(symbols) or 1
    ids = {s.id for s in symbols} | set(context.modules)
    sql = sum(1 for a in evidence.facts.accesses if a.via == "sql" and a.source in ids)
    tested = set(evidence.facts.tested)
    twins = _names_in_several_modules(evidence.facts.symbols)
    fences = _far_out_fences(evidence.facts.symbols)
    return {
        "symbols": float(len(symbols)),
        "loc": float(sum(s.loc for s in symbols)),
        "complexity": float(sum(s.complexity for s in symbols)),
        "worst_complexity": float(max((_worst(s) for s in symbols), default=0)),
        "outliers": float(sum(_is_outlier(s, fences) for s in symbols)),
        "duplicated_share": round(sum(s.name in twins for s in symbols) / count, 4),
        "cycle_size": float(evidence.in_cycle(context.name)),
        "mutual_dependencies": float(len(evidence.mutual[context.name])),
        "outgoing_contexts": float(len(evidence.needs[context.name])),
        "sql_accesses": float(sql),
        "sql_per_symbol": round(sql / count, 4),
        "untested_share": round(sum(s.id not in tested for s in symbols) / count, 4),
    }


def _worst(symbol: Symbol) -> int:
    """A function's own complexity; a class's worst method (its sum says size, not knots)."""
    if symbol.kind == "class":
        return symbol.max_method_complexity
    return symbol.complexity


def _is_outlier(symbol: Symbol, fences: dict[str, float]) -> bool:
    if symbol.kind == "class" and len(symbol.signatures) >= GOD_CLASS_METHODS:
        return True
    return symbol.loc >= MIN_OUTLIER_LOC and symbol.loc > fences.get(symbol.kind, float("inf"))


def _far_out_fences(symbols: tuple[Symbol, ...]) -> dict[str, float]:
    """Q3 + 3·IQR of lines of code per kind of symbol across the repository."""
    fences = {}
    for kind in sorted({s.kind for s in symbols}):
        locs = sorted(s.loc for s in symbols if s.kind == kind)
        if len(locs) >= 4:
            q1, _, q3 = statistics.quantiles(locs, n=4)
            fences[kind] = q3 + 3 * (q3 - q1)
    return fences


def _names_in_several_modules(symbols: tuple[Symbol, ...]) -> set[str]:
    modules: dict[str, set[str]] = {}
    for s in symbols:
        modules.setdefault(s.name, set()).add(s.module)
    return {name for name, where in modules.items() if len(where) > 1}
