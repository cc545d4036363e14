"""truth.json and history.json of the package-by-layer SQLAlchemy monoliths match their code."""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path

import pytest
from sourcetree import application_files, application_symbols, parse, touch_problems

CASES = ("sqlalchemy_layers", "layers_payroll", "fastapi_rental", "layers_insurance",
         "layers_permits")


def _declared_tables(repo: Path) -> set[str]:
    tables = set()
    for path in application_files(repo):
        for node in ast.walk(parse(path)):
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__tablename__" for t in node.targets)
                and isinstance(node.value, ast.Constant)
            ):
                tables.add(node.value.value)
    return tables


@pytest.fixture(scope="module", params=CASES)
def here(request) -> Path:
    return Path(__file__).parent / request.param


@pytest.fixture(scope="module")
def repo(here: Path) -> Path:
    return here / "repo"


@pytest.fixture(scope="module")
def truth(here: Path) -> dict:
    return json.loads((here / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def plan(here: Path) -> dict:
    return json.loads((here / "history.json").read_text(encoding="utf-8"))


def test_every_repo_file_parses_as_python3(repo):
    for path in repo.rglob("*.py"):
        parse(path)


def test_truth_assigns_every_symbol_exactly_once(truth, repo):
    assigned = [s for c in truth["contexts"] for s in c["symbols"]] + truth["shared_kernel"]
    twice = sorted(s for s, n in Counter(assigned).items() if n > 1)
    assert twice == []
    assert sorted(application_symbols(repo) - set(assigned)) == []


def test_truth_names_no_symbol_missing_from_the_code(truth, repo):
    assigned = {s for c in truth["contexts"] for s in c["symbols"]} | set(truth["shared_kernel"])
    assert sorted(assigned - application_symbols(repo)) == []


def test_every_model_table_has_exactly_one_owner(truth, repo):
    owned = [t for c in truth["contexts"] for t in c["tables"]]
    assert len(owned) == len(set(owned))
    assert set(owned) == _declared_tables(repo)


def test_truth_has_six_to_eight_contexts_ranked_by_hotness(truth):
    names = [c["name"] for c in truth["contexts"]]
    assert 6 <= len(names) <= 8
    assert sorted(truth["hotness"]) == sorted(names)


def test_history_authors_and_days_are_well_formed(plan):
    assert len(plan["authors"]) >= 4
    assert all(len(a) == 2 and "@" in a[1] for a in plan["authors"])
    days = [c["day"] for c in plan["commits"]]
    assert days == sorted(days)
    assert 540 <= days[-1] <= 730
    assert len(plan["commits"]) >= 100
    assert all(0 <= c["author"] < len(plan["authors"]) for c in plan["commits"])


def test_history_adds_existing_files_once(plan, repo):
    added = [p for c in plan["commits"] for p in c.get("add", [])]
    assert len(added) == len(set(added))
    assert all((repo / p).is_file() for p in added)


def test_history_touches_existing_symbols_of_files_already_added(plan, repo):
    assert touch_problems(plan["commits"], repo) == []
