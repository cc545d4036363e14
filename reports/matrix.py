"""The priority matrix as a table: one row per context, every criterion, composite and phase.

``matrix_frame`` is what ``decomposer score`` prints; ``write_priority_matrix`` writes
``priority-matrix.csv``. The raw figures behind each criterion follow as
``<criterion>.<figure>`` columns, and ``<criterion>.estimated`` says which values are guesses.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from decomposer.model import Scores

LEADING = ("context", "business_importance", "change_frequency", "technical_debt", "composite",
           "extraction_cost", "phase")


def matrix_frame(scores: Scores) -> pd.DataFrame:
    """One row per context, in the roadmap's order (by phase; within a phase as the roadmap
    lists its contexts)."""
    rows = [_row(score) for score in scores.matrix]
    columns = list(LEADING) + sorted({key for row in rows for key in row} - set(LEADING))
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    frame = frame.sort_values("phase", kind="stable")
    return frame.reset_index(drop=True)


def write_priority_matrix(path: str | Path, scores: Scores) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    matrix_frame(scores).to_csv(path, index=False, lineterminator="\n")
    return path


def _row(score) -> dict:
    row = {"context": score.context, "composite": score.composite,
           "extraction_cost": score.extraction_cost, "phase": score.phase}
    for criterion in score.criteria:
        if criterion.criterion != "extraction_cost":
            row[criterion.criterion] = criterion.value
        row[f"{criterion.criterion}.estimated"] = criterion.estimated
        row.update({f"{criterion.criterion}.{k}": v for k, v in sorted(criterion.raw.items())})
    return row
