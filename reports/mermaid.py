"""Mermaid text for the context map and for each context (a function of the result only).

Files written by ``write_mermaid``:

=============================  ===========================================================
``context-map.mmd``            flowchart of contexts, the shared kernel and the gateway,
                               edges labelled "kind · mode"; async edges dotted, conflicts
                               red and dashed, contexts in a cycle outlined
``contexts/<stem>.mmd``        flowchart of one context: its members (at most
                               ``MAX_MEMBERS``, then "+N more"), their calls and table
                               accesses, and the contexts it depends on
``contexts/<stem>.er.mmd``     erDiagram of the tables it owns, columns and foreign keys
                               (written only when it owns tables)
=============================  ===========================================================

Names come from the analysed repository and may hold any character, so nothing of theirs
is ever an identifier: nodes are ``c1``, ``m1``, ``t1``...; every label is quoted and each
character outside a small safe set becomes a Mermaid entity (``#quot;``, ``#60;``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from decomposer.model import Decomposition, Dependency, Facts, Table

MAX_MEMBERS = 60  # nodes of one context's flowchart
MAX_TABLES_SHOWN = 20  # of those, tables
MAX_EDGES = 200
MAX_COLUMNS = 40
SHARED_KERNEL = "shared-kernel"
GATEWAY = "gateway"

_SAFE = re.compile(r"[A-Za-z0-9 ._:/,()+=@!?-]")
_WORD = re.compile(r"[^A-Za-z0-9_]+")
_CODE_ARROWS = {"call": "-->", "reference": "-.->", "inherit": "==>"}
_RED = "stroke:#d62728,stroke-width:2px,stroke-dasharray:6 4"
_CLASSES = (
    "classDef context fill:#eef4ff,stroke:#3b6fb6,color:#111",
    "classDef kernel fill:#f3f3f3,stroke:#777,stroke-dasharray:3 3,color:#111",
    "classDef gateway fill:#fff6e0,stroke:#c98a00,color:#111",
    "classDef cycle stroke:#e67e00,stroke-width:3px",
    "classDef table fill:#f1faf1,stroke:#3a8a3a,color:#111",
    "classDef shared fill:#fdf1f1,stroke:#b55,color:#111",
    "classDef more fill:#fff,stroke:#bbb,stroke-dasharray:2 2,color:#555",
)


def context_map_mermaid(decomposition: Decomposition) -> str:
    """``flowchart LR``: one node per context, the shared kernel, the gateway, relations."""
    ids = {c.name: f"c{i}" for i, c in enumerate(decomposition.contexts, 1)}
    lines = ["%% Context map written by decomposer", "flowchart LR"]
    for c in decomposition.contexts:
        size = f"{_plural(len(c.symbols), 'symbol')}, {_plural(len(c.tables), 'table')}"
        lines.append(f"  {ids[c.name]}[\"{escape(c.name)}<br/>{size}\"]")
    extra = sorted({e for r in decomposition.relations for e in (r.source, r.target)} - set(ids))
    if decomposition.shared_kernel and SHARED_KERNEL not in extra:
        extra.append(SHARED_KERNEL)
    for i, name in enumerate(sorted(extra), 1):
        ids[name] = f"p{i}"
        lines.append("  " + _pseudo_node(ids[name], name, decomposition))
    edges = [_relation_edge(ids[r.source], ids[r.target], r) for r in decomposition.relations]
    lines += ["  " + e for e in edges]
    lines += ["  " + c for c in _CLASSES]
    lines += _class_lines({"context": [ids[c.name] for c in decomposition.contexts],
                           "kernel": [ids[n] for n in extra if n == SHARED_KERNEL],
                           "gateway": [ids[n] for n in extra if n != SHARED_KERNEL],
                           "cycle": [ids[n] for cycle in decomposition.cycles for n in cycle
                                     if n in ids]})
    lines += _red_links(0, list(decomposition.relations))
    return "\n".join(lines) + "\n"


def context_mermaid(decomposition: Decomposition, facts: Facts, name: str) -> str:
    """``flowchart LR`` of one context: members, their links, related contexts."""
    context = _context_or_raise(decomposition, name)
    symbols = facts.symbol_map()
    members = set(context.symbols) | {f"table:{t}" for t in context.tables}
    links = [d for d in facts.dependencies
             if d.source in members and d.kind in (*_CODE_ARROWS, "reads", "writes")
             and (d.target in members or d.target.removeprefix("table:")
                  in context.shared_tables)]
    shown_tables, shown_symbols = _choose_members(context.tables, context.symbols, links)
    ids: dict[str, str] = {}
    size = f"{_plural(len(context.symbols), 'symbol')}, {_plural(len(context.tables), 'table')}"
    lines = [f"%% Context {escape(name)} written by decomposer",
             "flowchart LR", f"  subgraph s0[\"{escape(name)} ({size})\"]", "    direction TB"]
    for i, sid in enumerate(shown_symbols, 1):
        ids[sid] = f"m{i}"
        lines.append("    " + _symbol_node(ids[sid], sid, symbols))
    for i, table in enumerate(shown_tables, 1):
        ids[f"table:{table}"] = f"t{i}"
        lines.append(f"    t{i}[(\"{escape(table)}\")]")
    hidden_symbols = len(context.symbols) - len(shown_symbols)
    hidden_tables = len(context.tables) - len(shown_tables)
    if hidden_symbols or hidden_tables:
        hidden = [f"+{n} more {what}" for n, what in ((hidden_symbols, "symbols"),
                                                      (hidden_tables, "tables")) if n]
        lines.append(f"    more[\"{', '.join(hidden)}\"]")
    lines.append("  end")
    for i, table in enumerate(context.shared_tables, 1):
        ids[f"table:{table}"] = f"r{i}"
        lines.append(f"  r{i}[(\"{escape(table)}\")]")
    edges = _member_edges(links, ids)
    related = [r for r in decomposition.relations if r.source == name]
    for i, target in enumerate(sorted({r.target for r in related}), 1):
        ids[f"context:{target}"] = f"e{i}"
        lines.append(f"  e{i}[\"{escape(target)}\"]")
    if len(edges) > MAX_EDGES:
        lines.append(f"  %% {len(edges) - MAX_EDGES} more edges between members not drawn")
    edges = edges[:MAX_EDGES]
    first_relation = len(edges)
    edges += [_relation_edge("s0", ids[f"context:{r.target}"], r) for r in related]
    lines += ["  " + e for e in edges]
    lines += ["  " + c for c in _CLASSES]
    lines += _class_lines({
        "table": [ids[f"table:{t}"] for t in shown_tables],
        "shared": [ids[f"table:{t}"] for t in context.shared_tables],
        "context": [ids[f"context:{t}"] for t in sorted({r.target for r in related})
                    if t not in (SHARED_KERNEL, GATEWAY)],
        "kernel": [ids[f"context:{t}"] for t in sorted({r.target for r in related})
                   if t == SHARED_KERNEL],
        "more": ["more"] if hidden_symbols or hidden_tables else [],
    })
    lines += _red_links(first_relation, related)
    return "\n".join(lines) + "\n"


def context_er_mermaid(decomposition: Decomposition, facts: Facts, name: str) -> str:
    """``erDiagram`` of the tables ``name`` owns, with columns and foreign keys.

    Tables owned elsewhere that an owned table points to appear bare, labelled with their
    owner: those are the foreign keys a split has to cut.
    """
    context = _context_or_raise(decomposition, name)
    owner = {o.table: o.owner for o in decomposition.ownership}
    tables = {t.name: t for t in facts.schema.tables}
    ids = {table: f"e{i}" for i, table in enumerate(context.tables, 1)}
    lines = [f"%% Tables of {escape(name)} written by decomposer", "erDiagram"]
    for table in context.tables:
        lines += _entity(ids[table], table, tables.get(table))
    relationships = []
    for table in context.tables:
        for fk in tables[table].foreign_keys if table in tables else ():
            if fk.ref_table not in ids:
                ids[fk.ref_table] = f"e{len(ids) + 1}"
                elsewhere = owner.get(fk.ref_table)
                whose = f"owned by {elsewhere}" if elsewhere else "no owner"
                lines.append(f"  {ids[fk.ref_table]}[\"{escape(fk.ref_table)} "
                             f"({escape(whose)})\"]")
            columns = ", ".join(fk.columns) or "fk"
            relationships.append(f"  {ids[table]} }}o--|| {ids[fk.ref_table]} : "
                                 f"\"{escape(columns)}\"")
    return "\n".join(lines + relationships) + "\n"


def write_mermaid(out: Path, decomposition: Decomposition, facts: Facts) -> tuple[Path, ...]:
    """Write every Mermaid file of DESIGN.md under ``out``; return their paths, sorted."""
    written = [out / "context-map.mmd"]
    written[0].write_text(context_map_mermaid(decomposition), encoding="utf-8")
    (out / "contexts").mkdir(parents=True, exist_ok=True)
    for name, stem in context_files(decomposition).items():
        path = out / "contexts" / f"{stem}.mmd"
        path.write_text(context_mermaid(decomposition, facts, name), encoding="utf-8")
        written.append(path)
        if _context_or_raise(decomposition, name).tables:
            er = out / "contexts" / f"{stem}.er.mmd"
            er.write_text(context_er_mermaid(decomposition, facts, name), encoding="utf-8")
            written.append(er)
    return tuple(sorted(written))


def context_files(decomposition: Decomposition) -> dict[str, str]:
    """Context name -> file stem: safe characters only, unique, stable."""
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for c in decomposition.contexts:
        base = re.sub(r"[^A-Za-z0-9_-]+", "-", c.name).strip("-").lower() or "context"
        stem, n = base, 1
        while stem in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem)
        stems[c.name] = stem
    return stems


def escape(text: str) -> str:
    """Text safe inside a quoted Mermaid label: other characters become ``#<code>;``."""
    out = []
    for char in " ".join(str(text).split()):
        if char == '"':
            out.append("#quot;")
        elif _SAFE.fullmatch(char):
            out.append(char)
        else:
            out.append(f"#{ord(char)};")
    return "".join(out)


# ------------------------------------------------------------------ helpers


def _context_or_raise(decomposition: Decomposition, name: str):
    context = decomposition.context(name)
    if context is None:
        raise KeyError(f"no context named {name!r}")
    return context


def _relation_edge(source_id: str, target_id: str, relation) -> str:
    """Asynchronous edges and conflicts dotted; conflicts also red (see ``_red_links``)."""
    dotted = relation.communication == "events" or relation.kind == "conflict"
    text = escape(f"{relation.kind} · {relation.communication}")
    return f"{source_id} {'-.->' if dotted else '-->'}|\"{text}\"| {target_id}"


def _red_links(first: int, relations: list) -> list[str]:
    """Conflicts in red; ``linkStyle`` counts edges in the order they are written, and the
    relations' edges were written from position ``first`` on."""
    red = [str(first + i) for i, r in enumerate(relations) if r.kind == "conflict"]
    return [f"  linkStyle {','.join(red)} {_RED}"] if red else []


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _pseudo_node(node_id: str, name: str, decomposition: Decomposition) -> str:
    if name == SHARED_KERNEL:
        size = _plural(len(decomposition.shared_kernel), "symbol")
        return f"{node_id}{{{{\"shared kernel<br/>{size}\"}}}}"
    if name == GATEWAY:
        return f"{node_id}([\"gateway (HTTP)\"])"
    return f"{node_id}[\"{escape(name)}\"]"


def _symbol_node(node_id: str, sid: str, symbols: dict) -> str:
    module, _, qualname = sid.partition(":")
    text = f"{escape(qualname)}<br/>{escape(module)}"
    symbol = symbols.get(sid)
    if symbol is not None and symbol.kind == "class":
        return f"{node_id}[\"{text}\"]"
    return f"{node_id}(\"{text}\")"


def _choose_members(tables: tuple[str, ...], symbols: tuple[str, ...],
                    links: list[Dependency]) -> tuple[list[str], list[str]]:
    """The best-connected members, tables first, at most ``MAX_MEMBERS`` in all."""
    degree: dict[str, int] = defaultdict(int)
    for d in links:
        degree[d.source] += d.count
        degree[d.target] += d.count
    shown_tables = sorted(tables, key=lambda t: (-degree[f"table:{t}"], t))[:MAX_TABLES_SHOWN]
    room = MAX_MEMBERS - len(shown_tables)
    shown_symbols = sorted(symbols, key=lambda s: (-degree[s], s))[:room]
    return sorted(shown_tables), sorted(shown_symbols)


def _member_edges(links: list[Dependency], ids: dict[str, str]) -> list[str]:
    ranked = sorted((d for d in links if d.source in ids and d.target in ids),
                    key=lambda d: (-d.count, d.source, d.target, d.kind))
    edges = []
    for d in ranked:
        if d.kind in _CODE_ARROWS:
            edges.append(f"{ids[d.source]} {_CODE_ARROWS[d.kind]} {ids[d.target]}")
        else:
            arrow = "-->" if d.kind == "writes" else "-.->"
            edges.append(f"{ids[d.source]} {arrow}|\"{d.kind}\"| {ids[d.target]}")
    return edges


def _class_lines(classes: dict[str, list[str]]) -> list[str]:
    return [f"  class {','.join(dict.fromkeys(nodes))} {name}"
            for name, nodes in classes.items() if nodes]


def _entity(node_id: str, name: str, table: Table | None) -> list[str]:
    lines = [f"  {node_id}[\"{escape(name)}\"] {{"]
    columns = table.columns if table else ()
    foreign = {c for fk in (table.foreign_keys if table else ()) for c in fk.columns}
    primary = set(table.primary_key) if table else set()
    for column in columns[:MAX_COLUMNS]:
        kind = _word(column.type or "unknown", "t")
        word = _word(column.name, "c")
        keys = [k for k, on in (("PK", column.primary_key or column.name in primary),
                                ("FK", column.name in foreign)) if on]
        line = f"    {kind} {word}"
        if keys:
            line += " " + ", ".join(keys)
        original = f"{column.name} {column.type}".strip()
        if word != column.name or kind != (column.type or "unknown"):
            line += f" \"{escape(original)}\""
        lines.append(line)
    if len(columns) > MAX_COLUMNS:
        lines.append(f"    more more_columns \"+{len(columns) - MAX_COLUMNS} more columns\"")
    if not columns:
        lines.append("    unknown columns_unknown \"no column known\"")
    lines.append("  }")
    return lines


def _word(text: str, prefix: str) -> str:
    """An ER attribute word: letters, digits, underscores, not starting with a digit."""
    word = _WORD.sub("_", text).strip("_") or prefix
    return f"{prefix}_{word}" if word[0].isdigit() else word
