"""Charts of the report, drawn with matplotlib and returned as ``data:`` URIs.

The charts are SVG shown through ``<img>``: crisp in print, and a picture loaded that way
can never run script, whatever text it holds. Matplotlib is used through ``Figure``
directly (no pyplot, no global state), so rendering is thread-safe and deterministic.
"""

from __future__ import annotations

import base64
import io
import math
from collections.abc import Mapping

from matplotlib import rc_context
from matplotlib.figure import Figure

from decomposer.model import ContextScore
from reports.context_picture import NO_PHASE, PHASE_COLOURS, visible

AXES = {  # criterion -> axis title
    "change_frequency": "Change frequency (1–5) →",
    "business_importance": "Business importance (1–5) →",
    "technical_debt": "technical debt",
}


def priority_matrix_chart(matrix: tuple[ContextScore, ...]) -> str:
    """Bubble chart: change frequency × business importance, size = debt, colour = phase."""
    figure = Figure(figsize=(9.5, 6.2), dpi=100)
    axes = figure.add_subplot()
    spots = _spread([(_criterion(s, "change_frequency"), _criterion(s, "business_importance"))
                     for s in matrix])
    for score, (x, y) in sorted(zip(matrix, spots, strict=True),
                                key=lambda pair: -_criterion(pair[0], "technical_debt")):
        debt = _criterion(score, "technical_debt")
        axes.scatter([x], [y], s=120 + 260 * debt, color=_phase_colour(score.phase),
                     alpha=0.72, edgecolors="#0f172a", linewidths=1.0, zorder=3)
        axes.annotate(_plain(score.context), (x, y), xytext=(0, 0), textcoords="offset points",
                      ha="center", va="center", fontsize=9, fontweight="bold", zorder=4)
    axes.set_xlim(0.4, 5.6)
    axes.set_ylim(0.4, 5.6)
    axes.set_xticks(range(1, 6))
    axes.set_yticks(range(1, 6))
    axes.set_xlabel(AXES["change_frequency"])
    axes.set_ylabel(AXES["business_importance"])
    axes.axvline(3, color="#cbd5e1", linewidth=1, zorder=1)
    axes.axhline(3, color="#cbd5e1", linewidth=1, zorder=1)
    axes.text(5.5, 5.5, "extract first", ha="right", va="top", color="#64748b", fontsize=9)
    axes.grid(True, color="#f1f5f9", zorder=0)
    axes.set_title("Priority matrix · bubble size = technical debt · colour = phase",
                   fontsize=11)
    _phase_legend(axes, sorted({s.phase for s in matrix}))
    figure.tight_layout()
    return _as_data_uri(figure)


def _criterion(score: ContextScore, name: str) -> float:
    wanted = name.replace("_", "").lower()
    for c in score.criteria:
        if c.criterion.replace("_", "").replace(" ", "").replace("-", "").lower() == wanted:
            return float(c.value)
    return 0.0


def _spread(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Contexts on the same grid cell are fanned out on a small circle, not stacked."""
    seen: dict[tuple[float, float], int] = {}
    totals: Mapping[tuple[float, float], int] = {p: points.count(p) for p in set(points)}
    out = []
    for p in points:
        i = seen.get(p, 0)
        seen[p] = i + 1
        n = totals[p]
        if n == 1:
            out.append(p)
            continue
        angle = math.pi / 2 + 2 * math.pi * i / n  # two share a cell: one above the other
        radius = min(0.4, 0.22 + 0.03 * n)
        out.append((p[0] + radius * math.cos(angle), p[1] + radius * math.sin(angle)))
    return out


def _phase_colour(phase: int) -> str:
    return PHASE_COLOURS[(phase - 1) % len(PHASE_COLOURS)] if phase else NO_PHASE


def _phase_legend(axes, phases: list[int]) -> None:
    handles = [axes.scatter([], [], s=90, color=_phase_colour(p), alpha=0.72,
                            edgecolors="#0f172a", label=f"phase {p}" if p else "unplanned")
               for p in phases]
    if handles:
        axes.legend(handles=handles, loc="lower right", fontsize=8, frameon=True)


def _plain(text: str) -> str:
    """Repository text as a matplotlib label: no mathtext, nothing hidden, not too long."""
    return visible(text, limit=24).replace("$", r"\$")


def _as_data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    # A fixed id salt and metadata keep the file byte-for-byte stable from run to run.
    with rc_context({"svg.hashsalt": "decomposer", "svg.fonttype": "path"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "decomposer"})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
