"""``decomposition.json``: the versioned contract of DESIGN.md, sorted and deterministic.

Keys of DESIGN.md come first, in its order; the extra keys (``runner_up`` and
``vocabulary`` per context; ``kernel_explanations``, ``ownership``, ``cycles``,
``chatty_pairs``, ``warnings``, ``decisions`` at the top; ``events``, ``why`` and counts
per relation) follow. Readers of schema version 1 ignore keys they do not know.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from decomposer.model import Context, Decomposition, Relation, TableOwnership

SCHEMA_VERSION = 1


def to_contract(decomposition: Decomposition, repo: str) -> dict[str, Any]:
    """The JSON-ready contract; the same decomposition always gives the same dict."""
    d = decomposition
    return {
        "schema_version": SCHEMA_VERSION,
        "repo": repo,
        "contexts": [_context(c) for c in sorted(d.contexts, key=lambda c: c.name)],
        "shared_kernel": sorted(d.shared_kernel),
        "relations": [_relation(r) for r in sorted(
            d.relations, key=lambda r: (r.source, r.target, r.kind))],
        "metrics": {k: _number(v) for k, v in sorted(d.metrics.items())},
        "kernel_explanations": _lists(d.kernel_explanations),
        "ownership": [_ownership(o) for o in sorted(d.ownership, key=lambda o: o.table)],
        "cycles": sorted(sorted(c) for c in d.cycles),
        "chatty_pairs": [{"a": a, "b": b, "count": n}
                         for a, b, n in sorted(d.chatty_pairs, key=lambda p: (-p[2], p[:2]))],
        "warnings": list(d.warnings),
        "decisions": list(d.decisions),  # in the order they were taken
    }


def write_decomposition(path: str | Path, decomposition: Decomposition, repo: str) -> Path:
    """Write the contract to ``path`` (UTF-8, two-space indent, trailing newline)."""
    path = Path(path)
    text = json.dumps(to_contract(decomposition, repo), indent=2, ensure_ascii=False,
                      allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _context(c: Context) -> dict[str, Any]:
    return {
        "name": c.name,
        "symbols": sorted(c.symbols),
        "modules": sorted(c.modules),
        "tables": sorted(c.tables),
        "shared_tables": sorted(c.shared_tables),
        "explanations": _lists(c.explanations),
        "runner_up": dict(sorted(c.runner_up.items())),
        "vocabulary": list(c.vocabulary),  # strongest word first: order matters
    }


def _relation(r: Relation) -> dict[str, Any]:
    return {
        "from": r.source,
        "to": r.target,
        "kind": r.kind,
        "communication": r.communication,
        "evidence": list(r.evidence),
        "events": sorted(r.events),
        "why": r.why,
        "calls": r.calls,
        "reads": r.reads,
        "writes": r.writes,
    }


def _ownership(o: TableOwnership) -> dict[str, Any]:
    return {
        "table": o.table,
        "owner": o.owner,
        "readers": sorted(o.readers),
        "writers": sorted(o.writers),
        "conflict": o.conflict,
        "evidence": list(o.evidence),
    }


def _lists(mapping: dict[str, tuple[str, ...]]) -> dict[str, list[str]]:
    """Evidence keeps its order (strongest first); keys are sorted."""
    return {key: list(mapping[key]) for key in sorted(mapping)}


def _number(value: float) -> float | int | None:
    """Counts stay integers, ratios floats; NaN and infinities (not JSON) become null."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return float(value) if math.isfinite(value) else None
