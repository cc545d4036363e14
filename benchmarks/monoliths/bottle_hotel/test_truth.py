"""Consistency of the bottle_hotel benchmark: its truth and history match its source."""

from __future__ import annotations

import ast
import json
import re
from collections import Counter
from pathlib import Path

import pytest

HERE = Path(__file__).parent
REPO = HERE / "repo"
SKIPPED_DIRS = {"tests", "migrations"}
CREATE_RE = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(TABLE|VIEW)\s+(\w+)", re.I | re.M)


def _truth() -> dict:
    return json.loads((HERE / "truth.json").read_text())


def _history() -> dict:
    return json.loads((HERE / "history.json").read_text())


def _module_name(rel: Path) -> str:
    parts = list(rel.with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_nodes(body: list[ast.stmt]):
    """Classes and functions at module level, also under module-level if/try."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node
        elif isinstance(node, ast.If):
            yield from _top_level_nodes(node.body)
            yield from _top_level_nodes(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, node.orelse, node.finalbody):
                yield from _top_level_nodes(block)
            for handler in node.handlers:
                yield from _top_level_nodes(handler.body)


def _qualnames(path: Path) -> set[str]:
    """Top-level names and Class.method names defined in one file."""
    names: set[str] = set()
    for node in _top_level_nodes(ast.parse(path.read_text(), filename=str(path)).body):
        names.add(node.name)
        if isinstance(node, ast.ClassDef):
            names.update(
                f"{node.name}.{item.name}"
                for item in node.body
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
            )
    return names


def _application_symbols() -> set[str]:
    symbols: set[str] = set()
    for path in sorted(REPO.rglob("*.py")):
        rel = path.relative_to(REPO)
        if SKIPPED_DIRS & set(rel.parts[:-1]):
            continue
        module = _module_name(rel)
        symbols.update(f"{module}:{name}" for name in _qualnames(path) if "." not in name)
    return symbols


def _truth_assignments() -> list[str]:
    truth = _truth()
    listed = [s for ctx in truth["contexts"] for s in ctx["symbols"]]
    return listed + list(truth["shared_kernel"])


def _schema_tables() -> set[str]:
    names: set[str] = set()
    for path in REPO.rglob("*.sql"):
        names.update(name.lower() for _, name in CREATE_RE.findall(path.read_text()))
    return names


def test_every_application_symbol_is_assigned_exactly_once():
    counts = Counter(_truth_assignments())
    duplicated = sorted(s for s, n in counts.items() if n > 1)
    missing = sorted(_application_symbols() - set(counts))
    assert not duplicated, f"assigned more than once: {duplicated}"
    assert not missing, f"in no context and not in shared_kernel: {missing}"


def test_truth_names_no_symbol_that_does_not_exist():
    unknown = sorted(set(_truth_assignments()) - _application_symbols())
    assert not unknown, f"not defined in repo/: {unknown}"


def test_every_schema_table_has_exactly_one_owner():
    owned = Counter(t for ctx in _truth()["contexts"] for t in ctx["tables"])
    assert not [t for t, n in owned.items() if n > 1]
    assert set(owned) == _schema_tables()


def test_contexts_are_six_to_eight_with_unique_names_and_a_full_hotness_ranking():
    truth = _truth()
    names = [ctx["name"] for ctx in truth["contexts"]]
    assert 6 <= len(names) <= 8
    assert len(set(names)) == len(names)
    assert sorted(truth["hotness"]) == sorted(names)


def test_source_size_is_within_the_benchmark_budget():
    lines = sum(
        len(p.read_text().splitlines())
        for p in REPO.rglob("*.py")
        if not SKIPPED_DIRS & set(p.relative_to(REPO).parts[:-1])
    )
    assert 1500 <= lines <= 2500


def test_history_authors_and_days_are_well_formed():
    plan = _history()
    commits = plan["commits"]
    assert len(commits) >= 100
    assert all(0 <= c["author"] < len(plan["authors"]) for c in commits)
    assert len({c["author"] for c in commits}) >= 4
    days = [c["day"] for c in commits]
    assert days == sorted(days)
    assert 18 * 30 <= days[-1] - days[0] <= 24 * 31


def test_history_adds_real_files_and_touches_existing_symbols():
    commits = _history()["commits"]
    every_file = {p.relative_to(REPO).as_posix() for p in REPO.rglob("*") if p.is_file()}
    added_later = {f for c in commits[1:] for f in c.get("add", [])}
    present = every_file - added_later
    names_by_file: dict[str, set[str]] = {}
    for commit in commits:
        assert set(commit.get("add", [])) <= every_file
        present |= set(commit.get("add", []))
        for touch in commit.get("touch", []):
            path, _, qualname = touch.partition(":")
            assert path in present, f"{touch} touched before {path} exists"
            if path not in names_by_file:
                names_by_file[path] = _qualnames(REPO / path)
            assert qualname in names_by_file[path], f"no symbol {touch}"


def test_hotness_ranks_contexts_by_commits_touching_them():
    truth = _truth()
    owner = {s: ctx["name"] for ctx in truth["contexts"] for s in ctx["symbols"]}
    counts = Counter()
    for commit in _history()["commits"]:
        touched = set()
        for touch in commit.get("touch", []):
            path, _, qualname = touch.partition(":")
            symbol = f"{_module_name(Path(path))}:{qualname.split('.')[0]}"
            if symbol in owner:
                touched.add(owner[symbol])
        counts.update(touched)
    ranked = [counts[name] for name in truth["hotness"]]
    assert ranked == sorted(ranked, reverse=True)
    assert ranked[0] >= 5 * ranked[-1], "hot and cold contexts should be clearly apart"


@pytest.mark.parametrize("module", ["web", "dao", "util", "jobs"])
def test_god_modules_mix_several_contexts(module):
    contexts = {
        ctx["name"]
        for ctx in _truth()["contexts"]
        for s in ctx["symbols"]
        if s.split(":")[0] == module
    }
    assert len(contexts) >= 3
