"""``report.html``: one self-contained page a tech lead reads first.

Pictures first (context map, priority matrix, roadmap, dependency matrix), then one section
per context, the shared kernel and the warnings. The page loads nothing from anywhere: CSS
and script are inline, charts are ``data:`` URIs, the context map is inline SVG, and a
Content-Security-Policy only lets the page's own script (pinned by its hash) run.

Safety, in layers: Jinja2 autoescapes every value; ``finalize`` makes invisible and
reordering characters visible in every value; member lists and the search index travel as
JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029
escaped, and the script inserts them with ``textContent`` only; links point only to
relative paths of artifacts we generated. Long lists are rendered lazily from that JSON, so
a monolith of a million lines stays a page of a few megabytes.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from decomposer.model import Analysis, Artifact, ContextScore, Decomposition, Failed, Skipped
from reports.charts import priority_matrix_chart
from reports.context_picture import context_map_svg, visible
from reports.stubs.naming import first_line

TEMPLATES = Path(__file__).parent / "templates"
CRITERIA = ("business_importance", "change_frequency", "technical_debt")
METRICS = {  # metric -> (label, how to read it); definitions in clustering/quality.py
    "modularity": ("Modularity", "links inside contexts vs between them; > 0.3 is clear"),
    "structural_modularity": ("Structural modularity", "higher is better, in [-1, 1]"),
    "icp": ("Inter-call percentage", "share of calls crossing contexts; lower is better"),
    "ifn": ("Interface number", "symbols per context called from outside; lower is better"),
    "ned": ("Non-extreme distribution", "share of symbols in well-sized contexts; higher "
                                        "is better"),
}
EVIDENCE_SHOWN = 8  # per relation, in the page; the JSON outputs keep everything
LIST_SHOWN = 300  # rows of a warning list before "and N more"


def render_report(analysis: Analysis, out: Path, *, artifacts: tuple[Artifact, ...] = (),
                  mermaid: dict[str, str] | None = None) -> Path:
    """Write ``out/report.html`` and return its path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    view, data = _view(analysis, _merge_artifacts(analysis.artifacts, artifacts), mermaid or {})
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    html = _environment().get_template("report.html.j2").render(
        view=view, script=Markup(script), csp=_content_security_policy(script),
        data=Markup(json_for_script(data)),
    )
    path = out / "report.html"
    # errors="replace": a file name with undecodable bytes must not stop the report.
    path.write_text(html, encoding="utf-8", errors="replace")
    return path


def json_for_script(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: it cannot close the element.

    Only string contents can hold these characters, so escaping them keeps valid JSON.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


# ---------------------------------------------------------------- environment


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      finalize=_finalize)
    env.filters["href"] = _safe_href
    env.filters["number"] = _number
    return env


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` value: markup we built passes, text gets its hidden characters shown."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return visible(value)


def _content_security_policy(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'")


def _safe_href(path: str) -> str | None:
    """A relative link into the output folder, or None: no scheme, no root, no way up."""
    parts = path.split("/")
    if (not path or ":" in path or "\\" in path or path.startswith("/")
            or any(p in ("", ".", "..") for p in parts)):
        return None
    return "/".join(quote(p, safe="") for p in parts)


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}"
    return f"{int(value):,}"


# ---------------------------------------------------------------- view


def _view(analysis: Analysis, artifacts: tuple[Artifact, ...],
          mermaid: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    d = analysis.decomposition
    symbols = analysis.facts.symbol_map()
    anchors = {c.name: f"ctx-{i}" for i, c in enumerate(d.contexts)}
    sizes = {c.name: sum(symbols[s].loc for s in c.symbols if s in symbols) for c in d.contexts}
    matrix = {s.context: s for s in analysis.scores.matrix} if analysis.scores else {}
    phases = _phases(analysis)
    groups = _member_groups(analysis, anchors)
    contexts = [_context_view(analysis, c.name, i, anchors, sizes, matrix, phases, artifacts,
                              mermaid) for i, c in enumerate(d.contexts)]
    warnings = _warnings(analysis, anchors, groups)
    view = {
        "title": visible(Path(analysis.facts.scan.root).name or analysis.facts.scan.root),
        "root": analysis.facts.scan.root,
        "summary": _summary(analysis, warnings),
        "metrics": _metrics(d),
        "context_map": Markup(context_map_svg(d, sizes=sizes, anchors=anchors, phases=phases)),
        "map_mermaid": mermaid.get("context-map"),
        "chart": priority_matrix_chart(analysis.scores.matrix) if analysis.scores else None,
        "priorities": _priorities(analysis, anchors),
        "roadmap": _roadmap(analysis, anchors),
        "dependency_matrix": _dependency_matrix(d, anchors),
        "contexts": contexts,
        "decisions": list(d.decisions),
        "kernel": groups[len(d.contexts)],
        "unassigned": groups[-1] if len(groups) > len(d.contexts) + 1 else None,
        "warnings": warnings,
        "artifacts": [_artifact_view(a) for a in artifacts if a.context is None],
    }
    data = {
        "groups": [{"name": visible(g["name"]), "anchor": g["anchor"], "rows": g["rows"]}
                   for g in groups],
        "tables": [[visible(o.table), anchors.get(o.owner or "", "warnings"),
                    visible(o.owner or "no owner")] for o in d.ownership],
    }
    return view, data


def _merge_artifacts(*collections: tuple[Artifact, ...]) -> tuple[Artifact, ...]:
    seen: dict[str, Artifact] = {}
    for collection in collections:
        for a in collection:
            seen.setdefault(a.path, a)
    return tuple(sorted(seen.values(), key=lambda a: (a.context or "", a.kind, a.path)))


def _phases(analysis: Analysis) -> dict[str, int]:
    if not analysis.scores:
        return {}
    phases = {s.context: s.phase for s in analysis.scores.matrix if s.phase}
    for phase in analysis.scores.roadmap.phases:
        phases.update({c: phase.number for c in phase.contexts})
    return phases


def _summary(analysis: Analysis, warnings: list[dict[str, Any]]) -> list[tuple[str, int]]:
    d, f = analysis.decomposition, analysis.facts
    phases = len(analysis.scores.roadmap.phases) if analysis.scores else 0
    return [
        ("files read", sum(1 for o in f.outcomes if not isinstance(o, Skipped | Failed))),
        ("symbols", len(f.symbols)),
        ("tables", len(f.schema.tables) or len(d.ownership)),
        ("contexts", len(d.contexts)),
        ("relations", len(d.relations)),
        ("phases", phases),
        ("warnings", sum(w["count"] for w in warnings)),
    ]


def _metrics(d: Decomposition) -> list[dict[str, Any]]:
    return [{"label": label, "value": d.metrics[key], "hint": hint}
            for key, (label, hint) in METRICS.items() if key in d.metrics]


# ---------------------------------------------------------------- members (lazy, JSON)


def _member_groups(analysis: Analysis, anchors: dict[str, str]) -> list[dict[str, Any]]:
    """Contexts, then the shared kernel, then symbols nobody claimed (a defect, shown)."""
    d = analysis.decomposition
    symbols = analysis.facts.symbol_map()
    total = sum(len(c.symbols) for c in d.contexts) + len(d.shared_kernel)
    why_kept = _reasons_kept(total)
    groups = [{"name": c.name, "anchor": anchors[c.name],
               "rows": [_member_row(s, symbols.get(s), c.explanations.get(s, ()),
                                    c.runner_up.get(s, ""), why_kept) for s in c.symbols]}
              for c in d.contexts]
    groups.append({"name": "shared kernel", "anchor": "kernel",
                   "rows": [_member_row(s, symbols.get(s), d.kernel_explanations.get(s, ()),
                                        "", why_kept) for s in d.shared_kernel]})
    placed = {s for c in d.contexts for s in c.symbols} | set(d.shared_kernel)
    unassigned = sorted(s for s in symbols if s not in placed)
    if unassigned:
        groups.append({"name": "unassigned", "anchor": "unassigned",
                       "rows": [_member_row(s, symbols[s], (), "", 0) for s in unassigned]})
    return groups


def _reasons_kept(members: int) -> int:
    """Reasons listed per member: fewer on huge monoliths, so the page stays below 15 MB.

    ============  =======  (decomposition.json keeps every reason)
    members       reasons
    ============  =======
    <= 10,000     4
    <= 25,000     2
    more          1
    ============  =======
    """
    return 4 if members <= 10_000 else 2 if members <= 25_000 else 1


def _member_row(symbol_id: str, symbol: Any, why: tuple[str, ...], runner_up: str,
                why_kept: int) -> list[Any]:
    """[id, kind, file, line, loc, complexity, docstring, [why...], runner-up]."""
    doc = first_line(symbol.docstring) if symbol else ""
    return [
        visible(symbol_id, limit=300),
        symbol.kind if symbol else "",
        visible(symbol.file, limit=300) if symbol else "",
        symbol.line if symbol else 0,
        symbol.loc if symbol else 0,
        symbol.complexity if symbol else 0,
        visible(doc, limit=120),
        [visible(w, limit=160) for w in why[:why_kept]],
        visible(runner_up, limit=80),
    ]


# ---------------------------------------------------------------- contexts


def _context_view(analysis: Analysis, name: str, index: int, anchors: dict[str, str],
                  sizes: dict[str, int], matrix: dict[str, ContextScore],
                  phases: dict[str, int], artifacts: tuple[Artifact, ...],
                  mermaid: dict[str, str]) -> dict[str, Any]:
    d = analysis.decomposition
    context = d.contexts[index]
    ownership = {o.table: o for o in d.ownership}
    return {
        "name": name, "anchor": anchors[name], "group": index, "phase": phases.get(name),
        "loc": sizes.get(name, 0), "symbols": len(context.symbols),
        "modules": context.modules, "vocabulary": context.vocabulary[:12],
        "owned": [_table_view(t, ownership.get(t), anchors) for t in context.tables],
        "shared": [_table_view(t, ownership.get(t), anchors) for t in context.shared_tables],
        "outbound": [_relation_view(r, r.target, anchors) for r in d.relations
                     if r.source == name and r.target != name],
        "inbound": [_relation_view(r, r.source, anchors) for r in d.relations
                    if r.target == name and r.source != name],
        "score": _score_view(matrix.get(name)),
        "artifacts": [_artifact_view(a) for a in artifacts if a.context == name],
        "mermaid": mermaid.get(name),
    }


def _table_view(table: str, ownership: Any, anchors: dict[str, str]) -> dict[str, Any]:
    if ownership is None:
        return {"name": table, "owner": None, "readers": [], "writers": [], "conflict": False,
                "evidence": ()}
    return {
        "name": table, "owner": _link(ownership.owner, anchors) if ownership.owner else None,
        "readers": [_link(c, anchors) for c in ownership.readers],
        "writers": [_link(c, anchors) for c in ownership.writers],
        "conflict": ownership.conflict,
        "evidence": tuple(visible(e, limit=200) for e in ownership.evidence[:EVIDENCE_SHOWN]),
    }


def _relation_view(r: Any, other: str, anchors: dict[str, str]) -> dict[str, Any]:
    return {
        "other": _link(other, anchors), "kind": r.kind, "communication": r.communication,
        "calls": r.calls, "reads": r.reads, "writes": r.writes, "events": r.events,
        "why": r.why,
        "evidence": [visible(e, limit=240) for e in r.evidence[:EVIDENCE_SHOWN]],
        "more": max(len(r.evidence) - EVIDENCE_SHOWN, 0),
    }


def _link(name: str, anchors: dict[str, str]) -> dict[str, str | None]:
    """A context name and the fragment of its section; the shared kernel has its own."""
    kernel = "kernel" if name in ("shared-kernel", "shared kernel") else None
    return {"name": name, "anchor": anchors.get(name) or kernel}


def _score_view(score: ContextScore | None) -> dict[str, Any] | None:
    if score is None:
        return None
    return {
        "composite": score.composite, "cost": score.extraction_cost, "phase": score.phase,
        "criteria": [{"name": c.criterion.replace("_", " "), "value": c.value,
                      "estimated": c.estimated, "reason": c.reason,
                      "raw": [(k, _number(v) if isinstance(v, int | float) else v)
                              for k, v in sorted(c.raw.items())]}
                     for c in score.criteria],
    }


def _artifact_view(a: Artifact) -> dict[str, Any]:
    return {"path": a.path, "kind": a.kind, "href": _safe_href(a.path)}


# ---------------------------------------------------------------- pictures as tables


def _priorities(analysis: Analysis, anchors: dict[str, str]) -> dict[str, Any] | None:
    if not analysis.scores:
        return None
    matrix = sorted(analysis.scores.matrix, key=lambda s: s.phase or 99)  # roadmap order
    names = list(CRITERIA) + sorted({c.criterion for s in matrix for c in s.criteria}
                                    - set(CRITERIA))
    rows = []
    for s in matrix:
        by_name = {c.criterion: c for c in s.criteria}
        rows.append({"context": _link(s.context, anchors), "phase": s.phase,
                     "composite": s.composite, "cost": s.extraction_cost,
                     "criteria": [by_name.get(n) for n in names]})
    return {"columns": [n.replace("_", " ") for n in names], "rows": rows,
            "cost_column": "extraction_cost" not in names}


def _roadmap(analysis: Analysis, anchors: dict[str, str]) -> dict[str, Any] | None:
    if not analysis.scores:
        return None
    roadmap = analysis.scores.roadmap
    return {
        "phases": [{"number": p.number, "contexts": [_link(c, anchors) for c in p.contexts],
                    "steps": p.steps, "risks": p.risks, "rationale": p.rationale}
                   for p in sorted(roadmap.phases, key=lambda p: p.number)],
        "notes": roadmap.notes,
    }


def _dependency_matrix(d: Decomposition, anchors: dict[str, str]) -> dict[str, Any]:
    """Context × context: calls, reads and writes the source makes into the target."""
    cells: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in d.relations:
        if r.source != r.target:
            cells[(r.source, r.target)].update(calls=r.calls, reads=r.reads, writes=r.writes)
    names = [c.name for c in d.contexts]
    top = max((sum(c.values()) for c in cells.values()), default=0) or 1
    rows = []
    for source in names:
        row = []
        for target in names:
            counts = cells.get((source, target), Counter())
            total = sum(counts.values())
            row.append({"total": total, "calls": counts["calls"], "reads": counts["reads"],
                        "writes": counts["writes"], "target": target,
                        "shade": round(0.12 + 0.88 * (total / top) ** 0.5, 2) if total else 0})
        rows.append({"context": _link(source, anchors), "cells": row})
    return {"columns": [_link(n, anchors) for n in names], "rows": rows}


# ---------------------------------------------------------------- warnings


def _warnings(analysis: Analysis, anchors: dict[str, str],
              groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    d, f = analysis.decomposition, analysis.facts
    conflicts = [o for o in d.ownership if o.conflict]
    skipped = list(f.scan.skipped) + [o for o in f.outcomes if isinstance(o, Skipped)]
    failed = [o for o in f.outcomes if isinstance(o, Failed)]
    unassigned = groups[-1]["rows"] if groups[-1]["anchor"] == "unassigned" else []
    notes = [*analysis.warnings, *d.warnings, *f.warnings, *f.history.warnings]
    if analysis.scores:
        notes.extend(analysis.scores.roadmap.notes)
    return [w for w in (
        _warning("cycles", "Dependency cycles between contexts", "high",
                 "Contexts in a cycle cannot be extracted one at a time: break one "
                 "dependency (events, an anti-corruption layer) first.",
                 [" → ".join([*cycle, cycle[0]]) for cycle in d.cycles]),
        _warning("conflicts", "Tables written by several contexts", "high",
                 "Move the writes behind the owner's API or split the table before the split.",
                 [f"{o.table}: written by {', '.join(o.writers)} (owner {o.owner or 'none'})"
                  for o in conflicts]),
        _warning("chatty", "Chatty interfaces", "medium",
                 "Many fine-grained calls between two contexts: merge them into one "
                 "aggregate call, or reconsider the boundary.",
                 [f"{a} ↔ {b}: {n} distinct calls" for a, b, n in d.chatty_pairs]),
        _warning("unassigned", "Symbols in no context", "high",
                 "Every symbol should belong to a context or the shared kernel.",
                 [row[0] for row in unassigned]),
        _warning("failed", "Files that could not be read", "medium",
                 "Their symbols and tables are missing from the analysis.",
                 [f"{o.path}{f':{o.line}' if o.line else ''}: {o.error}" for o in failed]),
        _warning("skipped", "Files skipped", "low",
                 "Left out on purpose (size, exclusions, tests); counted, never silent.",
                 [f"{s.path}: {s.reason}" for s in skipped]),
        _warning("sql", "SQL the parser could not read", "low",
                 "Tables touched only there may be missing.",
                 [f"{p.file}:{p.line}: {p.reason}" for p in f.schema.problems]),
        _warning("notes", "Other notes", "low", "", sorted(set(notes))),
    ) if w["count"]]


def _warning(key: str, title: str, severity: str, hint: str,
             items: list[str]) -> dict[str, Any]:
    return {"key": key, "title": title, "severity": severity, "hint": hint,
            "count": len(items), "entries": [visible(i, limit=600) for i in items[:LIST_SHOWN]],
            "more": max(len(items) - LIST_SHOWN, 0)}
