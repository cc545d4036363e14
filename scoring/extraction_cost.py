"""Extraction cost (independence): how much must be cut or bridged to take the context out.

Kept apart from the composite: it says how hard a split is, not how much it is worth. The
roadmap uses it to prefer independent contexts among equally valuable ones.

======================  ===================================  =====  =====  =====  =====
indicator               figure                               0      1      2      3
======================  ===================================  =====  =====  =====  =====
outbound dependencies   contexts it depends on               0      1      2–3    4+
inbound dependencies    contexts depending on it             0      1–2    3+
shared tables           tables it reads that others own      0      1–2    3+
conflicting tables      tables it writes or owns that        0      1      2+
                        several contexts write
cycles                  dependency cycle between contexts    none   in one mutual
======================  ===================================  =====  =====  =====  =====

"mutual": it needs a context that needs it back.

=============  =====
points (0–11)  value
=============  =====
0–1            1
2–3            2
4–6            3
7–8            4
9+             5
=============  =====
"""

from __future__ import annotations

from decomposer.model import Context, CriterionScore
from scoring.evidence import Evidence
from scoring.ranks import points

NAME = "extraction_cost"

OUTBOUND = ((4, 3), (2, 2), (1, 1), (0, 0))
INBOUND = ((3, 2), (1, 1), (0, 0))
SHARED = ((3, 2), (1, 1), (0, 0))
CONFLICTS = ((2, 2), (1, 1), (0, 0))
VALUE = ((9, 5), (7, 4), (4, 3), (2, 2), (0, 1))


def extraction_cost(context: Context, evidence: Evidence) -> CriterionScore:
    name = context.name
    conflicts = [o.table for o in evidence.decomposition.ownership
                 if o.conflict and (o.owner == name or name in o.writers)]
    raw = {
        "outbound": float(len(evidence.needs[name])),
        "inbound": float(len(evidence.needed_by[name])),
        "shared_tables": float(len(context.shared_tables)),
        "conflicting_tables": float(len(conflicts)),
        "cycle_size": float(evidence.in_cycle(name)),
        "mutual_dependencies": float(len(evidence.mutual[name])),
    }
    earned = {
        "outbound": points(raw["outbound"], OUTBOUND),
        "inbound": points(raw["inbound"], INBOUND),
        "shared tables": points(raw["shared_tables"], SHARED),
        "conflicts": points(raw["conflicting_tables"], CONFLICTS),
        "cycles": 2 if raw["mutual_dependencies"] else (1 if raw["cycle_size"] else 0),
    }
    raw["points"] = float(sum(earned.values()))
    detail = ", ".join(f"{k} {v}" for k, v in earned.items() if v) or "independent"
    return CriterionScore(NAME, points(raw["points"], VALUE), raw,
                          reason=f"{raw['points']:g} cost points ({detail})")
