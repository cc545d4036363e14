"""Write the results of a run to the output folder: every renderer is a function of the
result, and this module only decides which files a command asks for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from decomposer.forked import Children
from decomposer.model import Analysis
from reports.decomposition_json import write_decomposition
from reports.mermaid import context_map_mermaid, context_mermaid, write_mermaid

GRAPH, DECOMPOSITION, MERMAID, MATRIX, ROADMAP, REPORT = (
    "graph", "decomposition", "mermaid", "matrix", "roadmap", "report")
EVERYTHING = (GRAPH, DECOMPOSITION, MERMAID, MATRIX, ROADMAP, REPORT)


def write_outputs(analysis: Analysis | None, graph: Any, out: Path, *,
                  parts: tuple[str, ...] = EVERYTHING) -> tuple[Path, ...]:
    """Write the files of ``parts`` into ``out``; return their paths. Without an analysis
    (a run that stopped at the graph) only the graph can be written."""
    written: list[Path] = []
    if GRAPH in parts:
        graphml = Children()  # the two files are written side by side, one per core
        graphml.start(graph.write_graphml, out / "graph.graphml")
        graph.write_json(out / "graph.json")
        if not graphml.wait():
            graph.write_graphml(out / "graph.graphml")  # again here, to show what failed
        written += [out / "graph.json", out / "graph.graphml"]
    if analysis is None:
        return tuple(written)
    decomposition = analysis.decomposition
    if DECOMPOSITION in parts:
        written.append(write_decomposition(out / "decomposition.json", decomposition,
                                           analysis.facts.scan.root))
    if MERMAID in parts:
        written += write_mermaid(out, decomposition, analysis.facts)
    if analysis.scores is not None and MATRIX in parts:
        from reports.matrix import write_priority_matrix

        path = out / "priority-matrix.csv"
        write_priority_matrix(path, analysis.scores)
        written.append(path)
    if analysis.scores is not None and ROADMAP in parts:
        from reports.roadmap import write_roadmap_json, write_roadmap_markdown

        written.append(write_roadmap_json(out / "roadmap.json", analysis.scores))
        written.append(write_roadmap_markdown(out / "roadmap.md", analysis.scores,
                                              decomposition))
    if REPORT in parts:
        from reports.html import render_report

        mermaid = {"context-map": context_map_mermaid(decomposition)}
        mermaid.update({c.name: context_mermaid(decomposition, analysis.facts, c.name)
                        for c in decomposition.contexts})
        written.append(render_report(analysis, out, artifacts=analysis.artifacts,
                                     mermaid=mermaid))
    return tuple(written)
