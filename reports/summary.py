"""Terminal and JSON summaries of a run (a function of the result, nothing else)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from decomposer.model import Analysis, Facts, Failed, Parsed, SqlFileFacts

if TYPE_CHECKING:
    from rich.console import Console


def graph_summary(facts: Facts, graph: Any, cache: dict[str, int]) -> dict[str, Any]:
    """Counts a person checks first: what was read, what was found, what was skipped."""
    parsed = [o for o in facts.outcomes if isinstance(o, Parsed)]
    failed = [o for o in facts.outcomes if isinstance(o, Failed)]
    engines = Counter(getattr(o.facts, "engine", "sql") for o in parsed)
    known = [a for a in facts.accesses if a.known]
    unknown = sorted({a.table for a in facts.accesses if not a.known})
    sql_problems = [p for o in parsed if isinstance(o.facts, SqlFileFacts)
                    for p in o.facts.problems]
    return {
        "repo": facts.scan.root,
        "files": {
            "scanned": len(facts.scan.files), "parsed": len(parsed), "failed": len(failed),
            "skipped": len(facts.scan.skipped), "engines": dict(sorted(engines.items())),
        },
        "skipped": [{"path": s.path, "reason": s.reason} for s in facts.scan.skipped],
        "failed": [{"path": f.path, "line": f.line, "error": f.error} for f in failed],
        "nodes": graph.count_nodes(),
        "edges": graph.count_edges(),
        "symbols": len(facts.symbols),
        "tables": len(facts.schema.tables),
        "accesses": {"total": len(known), "reads": sum(a.mode == "read" for a in known),
                     "writes": sum(a.mode == "write" for a in known)},
        "unknown_tables": unknown,
        "sql_problems": len(sql_problems),
        "routes": len(facts.routes),
        "history": {"available": facts.history.available, "commits": facts.history.commits,
                    "warnings": list(facts.history.warnings)},
        "cache": cache,
        "warnings": list(facts.warnings),
    }


def print_graph_summary(data: dict[str, Any]) -> None:
    files = data["files"]
    engines = ", ".join(f"{k} {v}" for k, v in files["engines"].items())
    click.echo(f"Repository  {data['repo']}")
    click.echo(f"Files       {files['scanned']} scanned, {files['parsed']} parsed ({engines}), "
               f"{files['failed']} failed, {files['skipped']} skipped")
    click.echo("Nodes       " + ", ".join(f"{v} {k}s" for k, v in data["nodes"].items()))
    click.echo("Edges       " + ", ".join(f"{v} {k}" for k, v in data["edges"].items()))
    acc = data["accesses"]
    click.echo(f"Data        {data['tables']} tables, {acc['total']} accesses "
               f"({acc['reads']} reads, {acc['writes']} writes), "
               f"{len(data['unknown_tables'])} unknown tables, {data['routes']} routes")
    hist = data["history"]
    click.echo("History     " + (f"{hist['commits']} commits" if hist["available"]
                                 else "not available"))
    for item in data["failed"]:
        where = f"{item['path']}:{item['line']}" if item["line"] else item["path"]
        click.echo(f"  failed   {where}: {item['error']}")
    reasons = Counter(s["reason"] for s in data["skipped"])
    for reason, count in sorted(reasons.items()):
        click.echo(f"  skipped  {count} × {reason}")
    for warning in data["warnings"][:20] + data["history"]["warnings"]:
        click.echo(f"  warning  {warning}")
    for path in data.get("outputs", []):
        click.echo(f"Wrote       {path}")


def run_summary(analysis: Analysis, *, written: tuple[Path, ...] = (),
                out: Path | None = None) -> dict[str, Any]:
    """What a run found and wrote, for the terminal and for ``--json``."""
    d = analysis.decomposition
    phase_of = {}
    if analysis.scores:
        phase_of = {c: p.number for p in analysis.scores.roadmap.phases for c in p.contexts}
    scores = {s.context: s for s in analysis.scores.matrix} if analysis.scores else {}
    contexts = []
    rank = {name: i for i, name in enumerate(scores)}  # the roadmap's order
    for c in sorted(d.contexts, key=lambda c: rank.get(c.name, len(rank))):
        row: dict[str, Any] = {"name": c.name, "symbols": len(c.symbols), "tables": len(c.tables),
                               "shared_tables": len(c.shared_tables)}
        if c.name in scores:
            s = scores[c.name]
            row.update({crit.criterion: crit.value for crit in s.criteria})
            row.update({"composite": s.composite, "extraction_cost": s.extraction_cost,
                        "phase": phase_of.get(c.name)})
        contexts.append(row)
    return {
        "repo": analysis.facts.scan.root,
        "output": str(out) if out else None,
        "contexts": contexts,
        "shared_kernel": len(d.shared_kernel),
        "tables": len(analysis.facts.schema.tables),
        "relations": len(d.relations),
        "metrics": d.metrics,
        "phases": [{"number": p.number, "contexts": list(p.contexts)}
                   for p in analysis.scores.roadmap.phases] if analysis.scores else [],
        "warnings": list(analysis.warnings),
        "files": {"scanned": len(analysis.facts.scan.files),
                  "failed": sum(isinstance(o, Failed) for o in analysis.facts.outcomes),
                  "skipped": len(analysis.facts.scan.skipped)},
        "artifacts": [a.path for a in analysis.artifacts],
        "written": [str(p) for p in written],
    }


def print_contexts(data: dict[str, Any]) -> None:
    from rich.table import Table  # rich only when a table is printed (not for --json)

    table = Table(title=f"Bounded contexts of {data['repo']}")
    for column in ("context", "symbols", "tables owned", "tables read"):
        table.add_column(column, justify="left" if column == "context" else "right")
    for c in data["contexts"]:
        table.add_row(c["name"], str(c["symbols"]), str(c["tables"]), str(c["shared_tables"]))
    _console().print(table)
    m = data["metrics"]
    click.echo(f"Shared kernel {data['shared_kernel']} symbols · relations {data['relations']} · "
               f"modularity {m.get('modularity', 0):.2f} · SM {m.get('structural_modularity', 0)}"
               f" · ICP {m.get('icp', 0)} · IFN {m.get('ifn', 0)} · NED {m.get('ned', 0)}")
    _print_tail(data)


def print_matrix(data: dict[str, Any]) -> None:
    from rich.table import Table

    table = Table(title="Priority matrix (composite = importance + change + debt)")
    columns = ("context", "business_importance", "change_frequency", "technical_debt",
               "composite", "extraction_cost", "phase")
    for column in columns:
        table.add_column(column.replace("_", " "), justify="left" if column == "context"
                         else "right")
    rows = sorted(data["contexts"], key=lambda c: (c.get("phase") or 99, -c.get("composite", 0)))
    for c in rows:
        table.add_row(c["name"], *(str(c.get(k, "")) for k in columns[1:]))
    _console().print(table)
    for phase in data["phases"]:
        if phase["contexts"]:
            click.echo(f"Phase {phase['number']}: {', '.join(phase['contexts'])}")
    _print_tail(data)


def print_artifacts(data: dict[str, Any]) -> None:
    click.echo(f"Generated {len(data['artifacts'])} files in {data['output']}")
    for path in data["artifacts"][:40]:
        click.echo(f"  {path}")
    if len(data["artifacts"]) > 40:
        click.echo(f"  ... and {len(data['artifacts']) - 40} more")


def print_run(data: dict[str, Any]) -> None:
    print_matrix(data) if data["phases"] else print_contexts(data)


def _print_tail(data: dict[str, Any]) -> None:
    files = data["files"]
    click.echo(f"Files {files['scanned']} scanned, {files['failed']} failed, "
               f"{files['skipped']} skipped · {len(data['warnings'])} warnings")
    for warning in data["warnings"][:8]:
        click.echo(f"  warning  {warning}")
    if len(data["warnings"]) > 8:
        click.echo(f"  ... {len(data['warnings']) - 8} more in the report")
    if data["output"]:
        report = Path(data["output"]) / "report.html"
        click.echo(f"Results in {data['output']}" + (f" · open {report}" if report.exists()
                                                       else ""))


def _console() -> Console:
    from rich.console import Console

    return Console(soft_wrap=False, width=120)
