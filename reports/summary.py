"""Terminal and JSON summaries of a run (a function of the result, nothing else)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import click

from decomposer.model import Failed, Facts, Parsed, SqlFileFacts


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
