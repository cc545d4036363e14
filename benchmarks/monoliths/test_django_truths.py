"""The Django benchmarks' ground truths and history plans agree with their source trees.

The monolith is never imported: every fact comes from ``ast`` over ``repo/``.
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

import pytest
from sourcetree import application_files, application_symbols, parse, qualnames

MONOLITHS = Path(__file__).parent
CASES = ("django_lying", "django_property", "django_tickets", "django_gym", "django_schools")
DJANGO_MODEL_BASES = {"models.Model", "Model", "AbstractBaseUser", "AbstractUser"}


def _load(case: str, name: str) -> dict:
    return json.loads((MONOLITHS / case / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- Django tables


def _meta_options(cls: ast.ClassDef) -> dict[str, object]:
    for item in cls.body:
        if isinstance(item, ast.ClassDef) and item.name == "Meta":
            return {
                target.id: ast.literal_eval(stmt.value)
                for stmt in item.body
                if isinstance(stmt, ast.Assign)
                for target in stmt.targets
                if isinstance(target, ast.Name) and isinstance(stmt.value, ast.Constant)
            }
    return {}


def _m2m_fields(cls: ast.ClassDef) -> list[str]:
    """Fields declared as ManyToManyField without an explicit ``through`` model."""
    names = []
    for stmt in cls.body:
        if not (isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call)):
            continue
        if not ast.unparse(stmt.value.func).endswith("ManyToManyField"):
            continue
        if any(kw.arg == "through" for kw in stmt.value.keywords):
            continue
        names += [t.id for t in stmt.targets if isinstance(t, ast.Name)]
    return names


def _django_tables(repo: Path) -> set[str]:
    """Tables Django would create: ``app_model`` unless ``db_table``; implicit M2M tables."""
    classes: list[tuple[str, ast.ClassDef]] = []
    for path in application_files(repo):
        app_label = path.relative_to(repo).parts[0]
        tree = parse(path)
        classes += [(app_label, n) for n in tree.body if isinstance(n, ast.ClassDef)]
    model_names = set(DJANGO_MODEL_BASES)
    changed = True
    while changed:  # models may inherit from models defined in other files
        changed = False
        for _, cls in classes:
            bases = {ast.unparse(b) for b in cls.bases}
            if cls.name not in model_names and bases & model_names:
                model_names.add(cls.name)
                changed = True
    tables: set[str] = set()
    for app_label, cls in classes:
        if cls.name not in model_names or cls.name in DJANGO_MODEL_BASES:
            continue
        meta = _meta_options(cls)
        if meta.get("abstract") or meta.get("proxy"):
            continue
        table = str(meta.get("db_table") or f"{app_label}_{cls.name.lower()}")
        tables.add(table)
        tables.update(f"{table}_{field}" for field in _m2m_fields(cls))
    return tables


@pytest.fixture(params=CASES)
def case(request) -> str:
    return request.param


# ---------------------------------------------------------------- truth.json


def test_truth_covers_every_symbol_exactly_once(case):
    repo = MONOLITHS / case / "repo"
    truth = _load(case, "truth.json")
    listed = [s for c in truth["contexts"] for s in c["symbols"]] + truth["shared_kernel"]
    duplicates = sorted(s for s, n in Counter(listed).items() if n > 1)
    assert duplicates == []
    assert sorted(application_symbols(repo) - set(listed)) == []


def test_truth_names_no_symbol_that_does_not_exist(case):
    repo = MONOLITHS / case / "repo"
    truth = _load(case, "truth.json")
    listed = {s for c in truth["contexts"] for s in c["symbols"]} | set(truth["shared_kernel"])
    assert sorted(listed - application_symbols(repo)) == []


def test_truth_tables_are_the_tables_django_would_create_each_owned_once(case):
    repo = MONOLITHS / case / "repo"
    truth = _load(case, "truth.json")
    owned = [t for c in truth["contexts"] for t in c["tables"]]
    assert [t for t, n in Counter(owned).items() if n > 1] == []
    assert set(owned) == _django_tables(repo)


def test_truth_has_six_to_eight_contexts_ranked_by_hotness(case):
    truth = _load(case, "truth.json")
    names = [c["name"] for c in truth["contexts"]]
    assert 6 <= len(names) <= 8
    assert sorted(truth["hotness"]) == sorted(names)


# ---------------------------------------------------------------- history.json


def test_history_spans_18_to_24_months_with_enough_commits_and_authors(case):
    plan = _load(case, "history.json")
    commits = plan["commits"]
    assert len(commits) >= 100
    assert len(plan["authors"]) >= 4
    assert len({c["author"] for c in commits}) >= 4
    assert 18 * 30 <= commits[-1]["day"] - commits[0]["day"] <= 24 * 31


def test_history_commits_are_in_day_order_with_known_authors(case):
    plan = _load(case, "history.json")
    days = [c["day"] for c in plan["commits"]]
    assert days == sorted(days)
    assert all(0 <= c["author"] < len(plan["authors"]) for c in plan["commits"])
    assert all(c["message"].strip() for c in plan["commits"])


def test_history_adds_only_files_of_the_repo_once(case):
    repo = MONOLITHS / case / "repo"
    plan = _load(case, "history.json")
    added = [path for c in plan["commits"] for path in c.get("add", [])]
    assert [p for p, n in Counter(added).items() if n > 1] == []
    assert [p for p in added if not (repo / p).is_file()] == []


@pytest.mark.parametrize(("case", "index"), [
    (case, index) for case in CASES
    for index in range(len(_load(case, "history.json")["commits"]))])
def test_history_touches_existing_symbols_of_files_already_added(case, index):
    repo = MONOLITHS / case / "repo"
    commits = _load(case, "history.json")["commits"]
    added_later = {path for c in commits[index + 1 :] for path in c.get("add", [])}
    added_by_now = {path for c in commits[: index + 1] for path in c.get("add", [])}
    for touch in commits[index].get("touch", []):
        path, _, qualname = touch.partition(":")
        assert path in added_by_now or path not in added_later, f"{touch}: file not added yet"
        assert (repo / path).is_file(), f"{touch}: no such file"
        assert qualname in qualnames(repo / path), f"{touch}: no such symbol"
