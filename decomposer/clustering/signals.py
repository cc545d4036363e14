"""One weighted, undirected graph that combines every signal of DESIGN.md.

Each signal yields a strength in about [0, 3] per pair, multiplied by its configured weight:

============  ===================================================================  ======
signal        strength of a pair                                                   nodes
============  ===================================================================  ======
call          log2(1 + uses) / log2(1 + fan-in of the target per entry point)       sym-sym
              (a class's entry points are its methods; a reference counts half)
inherit       1 / log2(1 + number of subclasses of the base)                       sym-sym
data          write 1, read 0.5, times log2(1 + count), over log2(1 + accessors);  sym-tab
              an ORM model and the table it defines: 3; a view and each table it
              reads, a SQL function or trigger and each table it touches: 0.5,
              damped by how many tables they touch
fk            1; none for keys that only record who edited a row (``LastEditedBy``,  tab-tab
              ``created_by_id``), which every table of some schemas has
cochange      commits together / commits of the less changed symbol (>= 3 commits) sym-sym
lexical       cosine of TF-IDF vectors of the ubiquitous language (words of table  any
              and model names; a table's also the pairs of neighbouring words,
              "work order", which count between tables only), 5 nearest, >= 0.25;
              between two symbols (no table)
              times ``CODE_LEXICAL_SHARE`` (0.4) when the system has tables
layout        1 / sqrt(symbols in the module) between a symbol and its module;    aux
              0.5 between a module and its package; in a module divided by banner
              comments, also 1 / sqrt(symbols in the section) between a symbol and
              its section, whose title words join its lexical document
============  ===================================================================  ======

Dividing by the target's fan-in is inverse document frequency for code: a helper called
from everywhere says little about where its callers belong. The layout signal goes through
one auxiliary node per module, so each symbol's pull towards its file is the same however
big the file is: in a god module "same file" weighs little per pair. Its banner comments
("# ------ payments & payouts") are the authors' own finer map: a section is a small file
within the file, and its title names what the section is about, so ``PayoutDAO`` under
"payments & payouts" meets ``PaymentDAO`` and the payment views in another file's section.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from decomposer.clustering.vocabulary import table_words, words, words_of_all
from decomposer.model import Facts, Symbol

# Prefixes of the auxiliary nodes. A double colon, because a symbol id is "module:Name" and
# neither a module name nor a Name holds one: the symbols of a top-level ``module.py`` or
# ``section.py`` are not taken for auxiliary nodes.
AUXILIARY = ("module::", "package::", "routine::", "section::")
LEXICAL_NEIGHBOURS = 5
PACKAGE_SHARE = 0.5  # a module's pull towards its package, relative to the layout weight
# Two shared commits make a tie: inside one context, most commits touch one to three
# symbols, so pairs rarely meet three times (measured on seven monoliths with histories:
# a floor of 3 left co-change almost silent). Sweeping commits are capped by the history
# miner (max files per commit) and a pair's strength is relative to its less changed side.
MIN_COCHANGE = 2
LEXICAL_MIN_COSINE = 0.25
LEXICAL_MAX_DF = 0.25  # a word naming one of k >= 4 contexts is in under a quarter of documents
# Vocabulary shared by two pieces of code is weaker evidence than vocabulary shared with a
# table: a table's name is the ubiquitous language itself, while code names also say what a
# function does with other contexts' data (``refund_payment_for_order``). Measured on the
# thirteen monoliths over seeds 42, 1, 7 and 100: mean ARI 0.760 at 1, 0.782 at 0.4.
# Without tables there is no such language: code vocabulary is all the lexical evidence.
CODE_LEXICAL_SHARE = 0.4


@dataclass
class SignalGraph:
    """Undirected weighted graph; ``parts`` keeps each pair's weight per signal."""

    nodes: list[str]
    index: dict[str, int]
    parts: dict[tuple[int, int], dict[str, float]] = field(default_factory=dict)
    documents: dict[str, list[str]] = field(default_factory=dict)  # node -> domain words
    # What a context's size counts: symbols, or tables when the input is a bare schema.
    member_kind: str = "symbol"

    def add(self, a: str, b: str, signal: str, weight: float) -> None:
        if weight <= 0 or a == b or a not in self.index or b not in self.index:
            return
        i, j = sorted((self.index[a], self.index[b]))
        pair = self.parts.setdefault((i, j), {})
        pair[signal] = pair.get(signal, 0.0) + weight

    def edges(self) -> list[tuple[int, int, float]]:
        return [(i, j, sum(p.values())) for (i, j), p in sorted(self.parts.items())]

    def is_auxiliary(self, node: str) -> bool:
        return node.startswith(AUXILIARY)

    def counts(self, node: str) -> bool:
        """Whether ``node`` counts towards a context's size."""
        if self.member_kind == "table":
            return node.startswith("table:")
        return not (self.is_auxiliary(node) or node.startswith("table:"))


def build_signal_graph(facts: Facts, weights: dict[str, float],
                       exclude: set[str] = frozenset()) -> SignalGraph:
    """The clustering graph over symbols and tables (minus ``exclude``: the shared kernel)."""
    symbols = [s for s in facts.symbols if s.id not in exclude]
    tables = [f"table:{t.name}" for t in facts.schema.tables]
    modules = sorted({s.module for s in symbols})
    packages = sorted({m.rpartition(".")[0] for m in modules if "." in m})
    routines = sorted({f"routine::{r.name}" for r in facts.schema.routines})
    nodes = ([s.id for s in symbols] + tables + [f"module::{m}" for m in modules]
             + [f"package::{p}" for p in packages] + routines
             + sorted({_section_node(s) for s in symbols if s.section}))
    graph = SignalGraph(nodes=nodes, index={n: i for i, n in enumerate(nodes)},
                        member_kind="symbol" if symbols else "table")
    _structural(graph, facts, weights, exclude)
    _data(graph, facts, weights, exclude)
    _cochange(graph, facts, weights)
    _layout(graph, symbols, modules, weights)
    _sections(graph, symbols, weights)
    graph.documents = _documents(facts, symbols)
    _lexical(graph, weights, code_share=CODE_LEXICAL_SHARE if facts.schema.tables else 1.0)
    return graph


def _structural(graph: SignalGraph, facts: Facts, weights: dict[str, float],
                exclude: set[str]) -> None:
    fan_in: dict[str, set[str]] = defaultdict(set)
    for dep in facts.dependencies:
        if dep.kind in ("call", "reference", "inherit"):
            fan_in[dep.target].add(dep.source)
    # A class is a bundle of entry points (its methods): a DAO of fifteen methods called
    # thirty times is as specific as a function called twice. Popularity per entry point.
    entry_points = {s.id: max(1, len(s.signatures)) for s in facts.symbols
                    if s.kind == "class"}
    for dep in facts.dependencies:
        if dep.kind not in ("call", "reference", "inherit") or ":" not in dep.source:
            continue
        if dep.source in exclude or dep.target in exclude:
            continue
        # At least what one caller gives: a class with more methods than callers is not
        # more specific than a function with one caller.
        idf = max(1.0, math.log2(1 + len(fan_in[dep.target]) / entry_points.get(dep.target, 1)))
        if dep.kind == "inherit":
            graph.add(dep.source, dep.target, "inherit", weights["inherit"] / idf)
        else:
            share = 1.0 if dep.kind == "call" else 0.5
            graph.add(dep.source, dep.target, "call",
                      weights["call"] * share * math.log2(1 + dep.count) / idf)


def _data(graph: SignalGraph, facts: Facts, weights: dict[str, float],
          exclude: set[str]) -> None:
    accessors: dict[str, set[str]] = defaultdict(set)
    bookkeeping = _bookkeeping_keys(facts)
    for dep in facts.dependencies:
        if dep.kind in ("reads", "writes"):
            accessors[dep.target].add(dep.source)
    for dep in facts.dependencies:
        if dep.kind in ("reads", "writes") and dep.source not in exclude:
            share = 1.0 if dep.kind == "writes" else 0.5
            idf = math.log2(1 + len(accessors[dep.target]))
            graph.add(dep.source, dep.target, "data",
                      weights["data"] * share * math.log2(1 + dep.count) / idf)
        elif dep.kind == "fk" and (dep.source, dep.target) not in bookkeeping:
            graph.add(dep.source, dep.target, "fk", weights["fk"])
    bodies = model_bodies(facts)
    for table in facts.schema.tables:
        if table.defined_by and table.defined_by not in exclude:
            graph.add(table.defined_by, f"table:{table.name}", "data", weights["data"] * 3)
        for base, share in bodies.get(table.defined_by or "", ()):
            if base not in exclude:
                graph.add(base, f"table:{table.name}", "data", weights["data"] * 3 * share)
        for source in table.reads:  # a view is data code too: it joins what it reads
            graph.add(f"table:{table.name}", f"table:{_bare(source)}", "data",
                      weights["data"] * 0.5 / math.log2(2 + len(table.reads)))
    for routine in facts.schema.routines:  # functions and triggers touch tables together
        touched = sorted({_bare(t) for t in routine.reads + routine.writes})
        for table in touched:
            graph.add(f"routine::{routine.name}", f"table:{table}", "data",
                      weights["data"] * 0.5 / math.log2(1 + len(touched)))


_BOOKKEEPING = re.compile(r"(last)?(created|updated|modified|edited|changed|deleted)by(id)?")


def _bookkeeping_keys(facts: Facts) -> set[tuple[str, str]]:
    """Table pairs joined only by foreign keys that record who touched a row
    (``LastEditedBy``, ``created_by_id``): every table has one to the people or users
    table, and it says nothing about which part of the business the row belongs to."""
    audit: set[tuple[str, str]] = set()
    domain: set[tuple[str, str]] = set()
    for table in facts.schema.tables:
        for fk in table.foreign_keys:
            pair = (f"table:{table.name}", f"table:{fk.ref_table}")
            names = [c.lower().replace("_", "") for c in fk.columns]
            (audit if names and all(_BOOKKEEPING.fullmatch(n) for n in names)
             else domain).add(pair)
    return audit - domain


def model_bodies(facts: Facts) -> dict[str, list[tuple[str, float]]]:
    """Model -> the base classes that hold its body, each with its share.

    ``class Product(AbstractProduct): pass`` (Oscar, reusable Django apps, SQLAlchemy
    mixins): the table's fields and logic live in the base. A base shared by n concrete
    models gives each of them 1/n, so a timestamp mixin under every model binds nothing."""
    subclasses: dict[str, list[str]] = defaultdict(list)
    for dep in facts.dependencies:
        if dep.kind == "inherit" and ":" in dep.source:
            subclasses[dep.target].append(dep.source)
    models = {t.defined_by for t in facts.schema.tables if t.defined_by}
    bodies: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for base, subs in subclasses.items():
        concrete = [m for m in subs if m in models]
        if base not in models:
            for model in concrete:
                bodies[model].append((base, 1 / len(concrete)))
    return bodies


def _bare(name: str) -> str:
    return name.rpartition(".")[2].lower()


def _cochange(graph: SignalGraph, facts: Facts, weights: dict[str, float]) -> None:
    commits = {c.key: c.commits for c in facts.history.symbols}
    for change in facts.history.symbol_cochange:
        least = min(commits.get(change.a, 0), commits.get(change.b, 0))
        if change.count >= MIN_COCHANGE and least:
            graph.add(change.a, change.b, "cochange",
                      weights["cochange"] * min(1.0, change.count / least))


def _layout(graph: SignalGraph, symbols: list, modules: list[str],
            weights: dict[str, float]) -> None:
    size = Counter(symbol.module for symbol in symbols)
    for symbol in symbols:
        # "Same file" says much in a five-function module and little in a god module.
        strength = 1 / math.sqrt(size[symbol.module])
        graph.add(symbol.id, f"module::{symbol.module}", "layout", weights["layout"] * strength)
    for module in modules:
        if "." in module:
            graph.add(f"module::{module}", f"package::{module.rpartition('.')[0]}", "layout",
                      weights["layout"] * PACKAGE_SHARE)


def _section_node(symbol: Symbol) -> str:
    return f"section::{symbol.module}:{symbol.section}"


def _sections(graph: SignalGraph, symbols: list[Symbol], weights: dict[str, float]) -> None:
    size = Counter(_section_node(s) for s in symbols if s.section)
    for symbol in symbols:
        if symbol.section:
            node = _section_node(symbol)
            graph.add(symbol.id, node, "layout", weights["layout"] / math.sqrt(size[node]))


def _documents(facts: Facts, symbols: list) -> dict[str, list[str]]:
    """Each node's words, restricted to the ubiquitous language when there is one: the
    words of table and model names. Words like "serialize" or "csv" say how code works,
    not which part of the business it serves. A Django table's words are its model's
    (``accounts_paymentplan``: ``payment``, ``plan``): the app's label in the default
    name is a folder, which the layout signal weighs already and which may lie (the
    payments of an ``accounts`` app that holds the staff too)."""
    language = {w for t in facts.schema.tables for w in table_words(t, app=False)}
    language |= {w for t in facts.schema.tables if t.defined_by
                 for w in words(t.defined_by.rpartition(":")[2])}
    docs: dict[str, list[str]] = {}
    for symbol in symbols:
        names = [symbol.name, symbol.name]  # the name itself counts double
        names += [s.name for s in symbol.signatures if not s.name.startswith("__")]
        names += [v for _, v in symbol.string_attrs]
        names.append(symbol.section)
        docs[symbol.id] = [w for w in words_of_all(names) if not language or w in language]
    for table in facts.schema.tables:
        docs[f"table:{table.name}"] = _with_compounds(table_words(table, app=False)) * 2
    return {k: v for k, v in docs.items() if v}


def _with_compounds(domain_words: list[str]) -> list[str]:
    """A table name's words and its compound terms, each pair of neighbouring words:
    ``WorkOrderRouting`` is about work orders, a term of its own, rarer (so weightier) than
    the "order" it shares with ``SalesOrderHeader``. Only table names: in code names
    neighbours are seldom compounds (``refund_payment_for_order`` minus "for")."""
    # ``discounts_discount`` (app and model) is no compound
    return domain_words + [f"{a} {b}" for a, b in zip(domain_words, domain_words[1:]) if a != b]


def _lexical(graph: SignalGraph, weights: dict[str, float], code_share: float) -> None:
    """Connect each document to its nearest neighbours by TF-IDF cosine.

    A compound term ("work order") is only ever shared by two tables, so it counts only
    between tables: code is compared with a table's single words alone (``plain``), so a
    table's compounds do not dilute what it shares with code."""
    docs = graph.documents
    if len(docs) < 2 or weights["lexical"] <= 0:
        return
    df = Counter(w for doc in docs.values() for w in set(doc))
    n = len(docs)
    max_df = max(2, int(LEXICAL_MAX_DF * n))
    vectors: dict[str, dict[str, float]] = {}
    plain: dict[str, dict[str, float]] = {}
    postings: dict[str, list[str]] = defaultdict(list)
    for node in sorted(docs):
        tf = Counter(docs[node])
        vec = {w: c * math.log(n / df[w]) for w, c in tf.items() if 1 < df[w] <= max_df}
        unit = _unit(vec)
        if unit:
            vectors[node] = unit
            plain[node] = _unit({w: v for w, v in vec.items() if " " not in w})
            for w in unit:
                postings[w].append(node)
    chosen: dict[tuple[str, str], float] = {}
    for node, vec in vectors.items():
        tables = node.startswith("table:")
        scores: dict[str, float] = defaultdict(float)
        for w, v in vec.items():
            for other in postings[w]:
                if other == node:
                    continue
                if tables and other.startswith("table:"):
                    scores[other] += v * vectors[other][w]
                elif w in plain[node]:
                    scores[other] += plain[node][w] * plain[other][w]
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:LEXICAL_NEIGHBOURS]
        for other, cosine in best:
            if cosine >= LEXICAL_MIN_COSINE:
                chosen[tuple(sorted((node, other)))] = cosine  # a pair counts once
    for (a, b), cosine in sorted(chosen.items()):
        share = 1.0 if a.startswith("table:") or b.startswith("table:") else code_share
        graph.add(a, b, "lexical", weights["lexical"] * cosine * share)


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values()))
    return {w: v / norm for w, v in vector.items()} if norm else {}
