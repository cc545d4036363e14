"""Build the dependency graph from resolved facts."""

from __future__ import annotations

from decomposer.graph.dependency_graph import DependencyGraph
from decomposer.model import Facts


def build_graph(facts: Facts) -> DependencyGraph:
    """Modules, symbols (with size, complexity and history) and tables, with typed edges."""
    graph = DependencyGraph()
    history = {c.key: c for c in facts.history.symbols}
    for module in facts.modules:
        graph.add_node(module, kind="module")
    for symbol in facts.symbols:
        change = history.get(symbol.id)
        graph.add_node(
            symbol.id, kind="symbol", symbol_kind=symbol.kind, module=symbol.module,
            file=symbol.file, line=symbol.line, end_line=symbol.end_line, loc=symbol.loc,
            complexity=symbol.complexity,
            commits=change.commits if change else 0, churn=change.churn if change else 0,
            authors=list(change.authors) if change else [],
        )
    for table in facts.schema.tables:
        graph.add_node(
            f"table:{table.name}", kind="table", name=table.name, schema=table.schema,
            table_kind=table.kind, origin=table.origin, source=table.source,
            columns=[c.name for c in table.columns], primary_key=list(table.primary_key),
            defined_by=table.defined_by,
        )
    for dep in facts.dependencies:
        graph.add_edge(dep.source, dep.target, kind=dep.kind, count=dep.count,
                       evidence=dep.evidence)
    return graph
