"""The whole flow, in order, in one place.

    scan -> parse (python, sql) -> history -> resolve (graph facts) -> cluster -> context map
         -> score (priority matrix and roadmap) -> generate -> render

Each step is a function from immutable data to immutable data; ``STEPS`` lists them once.
A command asks for the steps it needs with ``upto``: ``graph`` stops after the facts,
``contexts`` after the context map, and so on.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from decomposer.config import Config, default_cache_dir
from decomposer.ingest.cache import FactsCache, code_version
from decomposer.ingest.run_key import file_identity, run_key
from decomposer.ingest.scan import scan
from decomposer.model import Analysis, Clustering, Facts, History, Scores
from reports.outputs import EVERYTHING, GRAPH

if TYPE_CHECKING:
    from decomposer.graph.dependency_graph import DependencyGraph

# Each step imports its stage when it runs: a warm `graph` run needs only the scan and the
# cache, and importing every stage (networkx, sqlglot, igraph, jinja2...) costs more than
# that whole run (0.5 s).

Progress = Callable[[str, int, int], None]  # (step, done, total)


@dataclass
class Run:
    """What the steps produce, filled in order. Each value is immutable once set."""

    config: Config
    progress: Progress | None = None
    out: Path | None = None  # where generate and render write
    parts: tuple[str, ...] = EVERYTHING  # what render writes
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def graph_only(self) -> bool:
        """A `graph` run: its files are the whole result, worth caching as they are."""
        return self.parts == (GRAPH,)

    def report(self, step: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(step, done, total)


def _scan(run: Run) -> None:
    c = run.config
    run.values["scan"] = scan(c.repo, exclude=c.exclude, read=c.read,
                              max_file_size=c.max_file_size)


def _parse(run: Run) -> None:
    c = run.config
    found = run.values["scan"]
    cache = FactsCache.at((c.cache_dir or default_cache_dir()) if c.use_cache else None,
                          repo=found.root)
    run.values["facts_cache"] = cache
    # The same input as a run before: its resolved facts are reusable. Knowing costs a
    # read of every file, worth it only where something of this repository was kept.
    if c.use_cache and cache.holds_files_of(found.root):
        key = _run_key(run, (file_identity(found.root, s, c.dialect) for s in found.files))
        if run.graph_only and "kept_graph_gone" not in run.values:  # copy them out
            kept = cache.get_files(_graph_key(key))
            if kept is not None and isinstance(kept[0], dict):
                summary, files = kept
                run.values.update(graph_files={"summary": summary, "files": files}, cache={
                    "hits": summary["files"]["scanned"], "misses": 0, "run": 1})
                return
        cached = cache.get(f"run-{key}")
        if isinstance(cached, Facts):
            run.values.update(facts=cached, outcomes=cached.outcomes, history=cached.history,
                              cache={"hits": len(cached.outcomes), "misses": 0, "run": 1})
            return
    from decomposer.ingest.parse import parse_files

    total = len(found.files)
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        run.report("parse", done, total)

    run.values["outcomes"] = parse_files(found, cache=cache, dialect=c.dialect, jobs=c.jobs,
                                         progress=tick)
    run.values["cache"] = {"hits": cache.hits, "misses": cache.misses}
    if c.use_cache and "run_key" not in run.values:  # from what the workers read
        _run_key(run, (cache.identities[s.path] for s in found.files))


def _run_key(run: Run, identities: Iterable[str]) -> str:
    c = run.config
    key = run.values["run_key"] = run_key(
        run.values["scan"], identities, settings=_settings(c), history=c.use_history,
        relative_window=bool(c.since and not c.since[:1].isdigit()))
    return key


def _history(run: Run) -> None:
    c = run.config
    if "facts" in run.values or "graph_files" in run.values:  # taken from the cache
        return
    if not c.use_history:
        run.values["history"] = History(available=False, warnings=("history disabled",))
        return
    from decomposer.ingest.history import mine_history
    from decomposer.ingest.resolve import application_modules, symbol_spans

    found = run.values["scan"]
    symbols = [s for m in application_modules(found, run.values["outcomes"]) for s in m.symbols]
    run.values["history"] = mine_history(
        found.root, symbol_spans(symbols), since=c.since, max_commits=c.max_commits,
        max_files_per_commit=c.max_files_per_commit, half_life_days=c.half_life_days)


def _resolve(run: Run) -> None:
    v = run.values
    if "graph_files" in v:
        return
    from decomposer.graph.build import build_graph
    from decomposer.ingest.resolve import resolve_facts

    if "facts" not in v:
        v["facts"] = resolve_facts(v["scan"], v["outcomes"], v["history"])
        if "run_key" in v and not run.graph_only:  # a graph run keeps its files instead
            v["facts_cache"].put_later(f"run-{v['run_key']}", v["facts"])
    v["graph"] = build_graph(v["facts"])


def _settings(c: Config) -> str:
    """What of the configuration shapes the facts (not the contexts, which are recomputed)."""
    return repr((c.exclude, c.read, c.max_file_size, c.dialect, c.since,
                 c.max_commits, c.max_files_per_commit, c.half_life_days, c.use_history))


def _cluster(run: Run) -> None:
    from decomposer.clustering import cluster

    v = run.values
    # The Leiden runs of a big input take minutes (indico: 108 s of a 124 s warm run): an
    # unchanged input clustered with the same settings by the same code is taken as it was.
    key = _clusters_key(run)
    cached = v["facts_cache"].get(key) if key else None
    if isinstance(cached, Clustering):
        v["clusters"] = cached
        return
    v["clusters"] = cluster(v["facts"], v["graph"], run.config)
    if key:
        v["facts_cache"].put_later(key, v["clusters"])


def _clusters_key(run: Run) -> str | None:
    if "run_key" not in run.values or not run.config.use_cache:
        return None
    # every setting but where things are and how many processes work (which do not change
    # the answer) and what only scoring and generation read
    shaping = replace(run.config, repo="", jobs=0, cache_dir=None, importance={},
                      score_weights={}, target="", schema_dialect="")
    settings = hashlib.blake2b(repr(shaping).encode(), digest_size=12).hexdigest()
    code = code_version("decomposer", "decomposer/clustering", "decomposer/graph")
    return f"clusters-{run.values['run_key']}-{settings}-{code}"


def _context_map(run: Run) -> None:
    from decomposer.context_map import build_context_map

    v = run.values
    v["decomposition"] = build_context_map(v["facts"], v["graph"], v["clusters"], run.config)


def _score(run: Run) -> None:
    from scoring import score_contexts

    v = run.values
    v["scores"] = score_contexts(v["facts"], v["decomposition"], run.config)


def _generate(run: Run) -> None:
    from reports.stubs.registry import generate

    c = run.config
    run.values["artifacts"] = generate(analysis_of(run), _out(run), target=c.target,
                                       schema_dialect=c.schema_dialect)


def _render(run: Run) -> None:
    v = run.values
    out = _out(run)
    if "graph_files" in v:
        out.mkdir(parents=True, exist_ok=True)
        try:
            v["written"] = tuple(Path(shutil.copyfile(kept, out / name))
                                 for name, kept in v["graph_files"]["files"].items())
            v["graph_summary"] = {**v["graph_files"]["summary"], "cache": v["cache"]}
            return
        except FileNotFoundError:  # another run's pruning took them since they were found
            del v["graph_files"]
            v["kept_graph_gone"] = True
            for step in (_parse, _history, _resolve):  # the cold way, then write below
                step(run)
    from reports.outputs import write_outputs
    from reports.summary import graph_summary

    analysis = analysis_of(run) if "decomposition" in v else None  # `graph` stops early
    v["written"] = write_outputs(analysis, v["graph"], out, parts=run.parts)
    if analysis is None:
        v["graph_summary"] = graph_summary(v["facts"], v["graph"], v.get("cache", {}))
        if "run_key" in v and run.graph_only:
            v["facts_cache"].put_files_later(_graph_key(v["run_key"]), list(v["written"]),
                                             v["graph_summary"])


def _graph_key(key: str) -> str:
    """The graph files of one input, as written (and summed up) by this version of the code."""
    return f"graph-{key}-{code_version('decomposer/graph', 'reports')}"


def _out(run: Run) -> Path:
    if run.out is None:
        raise ValueError("this step writes files: give Run an output folder")
    return run.out


STEPS: tuple[tuple[str, Callable[[Run], None]], ...] = (
    ("scan", _scan),
    ("parse", _parse),
    ("history", _history),
    ("resolve", _resolve),
    ("cluster", _cluster),
    ("context map", _context_map),
    ("score", _score),
    ("generate", _generate),
    ("render", _render),
)
STEP_NAMES = tuple(name for name, _ in STEPS)


def run(config: Config, *, upto: str = "score", progress: Progress | None = None,
        out: Path | None = None, skip: tuple[str, ...] = (),
        parts: tuple[str, ...] = EVERYTHING) -> Run:
    """Run the steps in order up to and including ``upto``, leaving out ``skip``."""
    if upto not in STEP_NAMES:
        raise ValueError(f"unknown step {upto!r}")
    state = Run(config=config, progress=progress, out=out, parts=parts)
    timings = state.values.setdefault("timings", {})
    # The facts are millions of small objects that live to the end: with the collector on,
    # each of its full passes walks all of them (measured: a third of a warm run).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for name, step in STEPS:
            if name not in skip:
                state.report(name, 0, 0)
                started = time.perf_counter()
                step(state)
                timings[name] = round(time.perf_counter() - started, 3)
            if name == upto:
                break
    finally:
        if "facts_cache" in state.values:
            started = time.perf_counter()
            state.values["facts_cache"].prune_later()  # once a day, what no run used
            state.values["facts_cache"].settle()  # cache entries still being written
            timings["cache"] = round(time.perf_counter() - started, 3)
        if gc_was_enabled:
            gc.enable()
    return state


def facts_of(state: Run) -> tuple[Facts, DependencyGraph]:
    return state.values["facts"], state.values["graph"]


def analysis_of(state: Run) -> Analysis:
    v = state.values
    scores: Scores | None = v.get("scores")
    warnings = tuple(v["facts"].warnings) + tuple(v["decomposition"].warnings)
    return Analysis(facts=v["facts"], decomposition=v["decomposition"], scores=scores,
                    artifacts=v.get("artifacts", ()), warnings=warnings)


def output_dir(path: str | Path, repo: str | Path) -> Path:
    """The output folder, refusing any place inside the analysed repository."""
    from decomposer.errors import UsageError

    out = Path(path).expanduser().resolve()
    root = Path(repo).resolve()
    if out == root or root in out.parents:
        raise UsageError(f"output folder {out} is inside the analysed repository; "
                         "decomposer never writes there: choose another -o")
    out.mkdir(parents=True, exist_ok=True)
    return out
