"""The split roadmap as JSON (``roadmap.json``) and Markdown (``roadmap.md``).

Both are functions of the scores (the Markdown also names each context's tables from the
decomposition); neither decides anything.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from decomposer.model import ContextScore, Decomposition, Scores

_PLAYBOOK = ("business_importance", "change_frequency", "technical_debt")


def roadmap_json(scores: Scores) -> dict[str, Any]:
    """``{"phases": [{"number", "contexts", "steps", "risks", "rationale"}], "notes"}``."""
    return {
        "phases": [{"number": p.number, "contexts": list(p.contexts), "steps": list(p.steps),
                    "risks": list(p.risks), "rationale": p.rationale}
                   for p in scores.roadmap.phases],
        "notes": list(scores.roadmap.notes),
    }


def roadmap_markdown(scores: Scores, decomposition: Decomposition) -> str:
    by_name = {s.context: s for s in scores.matrix}
    lines = ["# Split roadmap", "",
             "Contexts leave the monolith in this order, strangler-fig style: the monolith keeps",
             "serving everything not yet moved, behind the API gateway.", "",
             "| phase | context | importance | change | debt | composite | extraction cost |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for phase in scores.roadmap.phases:
        for name in phase.contexts:
            lines.append(_matrix_row(phase.number, by_name[name]))
    estimated = any(c.estimated for s in scores.matrix for c in s.criteria)
    lines += ["", ("`*` estimated (no configuration or no history). " if estimated else "")
              + "Extraction cost is not part of the composite.", ""]
    for phase in scores.roadmap.phases:
        lines += _phase(phase, decomposition)
    if scores.roadmap.notes:
        lines += ["## Notes", ""] + [f"- {note}" for note in scores.roadmap.notes] + [""]
    return "\n".join(lines)


def write_roadmap_json(path: str | Path, scores: Scores) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(roadmap_json(scores), indent=2, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def write_roadmap_markdown(path: str | Path, scores: Scores, decomposition: Decomposition) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(roadmap_markdown(scores, decomposition), encoding="utf-8")
    return path


def _matrix_row(number: int, score: ContextScore) -> str:
    cells = []
    for criterion in _PLAYBOOK:
        found = next(c for c in score.criteria if c.criterion == criterion)
        cells.append(f"{found.value}{'*' if found.estimated else ''}")
    return (f"| {number} | {score.context} | {' | '.join(cells)} | {score.composite:g} | "
            f"{score.extraction_cost:g} |")


def _phase(phase, decomposition: Decomposition) -> list[str]:
    title = ", ".join(phase.contexts) if phase.contexts else "foundations"
    lines = [f"## Phase {phase.number}: {title}", ""]
    for name in phase.contexts:
        context = decomposition.context(name)
        if context is not None:
            tables = ", ".join(context.tables) or "none"
            lines.append(f"- **{name}**: {len(context.symbols)} symbols, tables {tables}")
    if phase.contexts:
        lines.append("")
    if phase.rationale:
        lines += [f"**Why now.** {phase.rationale}", ""]
    lines += ["### Steps", ""] + [f"{i}. {step}" for i, step in enumerate(phase.steps, 1)]
    lines.append("")
    if phase.risks:
        lines += ["### Risks", ""] + [f"- {risk}" for risk in phase.risks] + [""]
    return lines
