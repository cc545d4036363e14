"""Consistency of the flat raw-SQL benchmarks: each truth and history matches its source."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from sourcetree import application_files, application_symbols, module_name, touch_problems

# Monolith -> its god modules (each must mix several contexts).
CASES = {"flask_godmodule": ("app", "models", "helpers", "tasks"),
         "bottle_hotel": ("web", "dao", "util", "jobs"),
         "flask_delivery": ("app", "dao", "helpers", "jobs", "integrations"),
         "flask_vetclinic": ("vetapp", "sqlstore", "misc", "nightly", "partners"),
         "py2_wholesale": ("app", "queries", "util", "cron", "edi"),
         "flat_newspaper": ("app", "queries", "helpers", "jobs", "integrations", "reports")}
CREATE_RE = re.compile(r"^\s*CREATE\s+(?:OR\s+REPLACE\s+)?(TABLE|VIEW)\s+(\w+)", re.I | re.M)


@pytest.fixture(params=sorted(CASES))
def here(request) -> Path:
    return Path(__file__).parent / request.param


def _truth(here: Path) -> dict:
    return json.loads((here / "truth.json").read_text())


def _history(here: Path) -> dict:
    return json.loads((here / "history.json").read_text())


def _truth_assignments(here: Path) -> list[str]:
    truth = _truth(here)
    listed = [s for ctx in truth["contexts"] for s in ctx["symbols"]]
    return listed + list(truth["shared_kernel"])


def _schema_tables(here: Path) -> set[str]:
    names: set[str] = set()
    for path in (here / "repo").rglob("*.sql"):
        names.update(name.lower() for _, name in CREATE_RE.findall(path.read_text()))
    return names


def test_every_application_symbol_is_assigned_exactly_once(here):
    counts = Counter(_truth_assignments(here))
    duplicated = sorted(s for s, n in counts.items() if n > 1)
    missing = sorted(application_symbols(here / "repo") - set(counts))
    assert not duplicated, f"assigned more than once: {duplicated}"
    assert not missing, f"in no context and not in shared_kernel: {missing}"


def test_truth_names_no_symbol_that_does_not_exist(here):
    unknown = sorted(set(_truth_assignments(here)) - application_symbols(here / "repo"))
    assert not unknown, f"not defined in repo/: {unknown}"


def test_every_schema_table_has_exactly_one_owner(here):
    # SQL names are case-insensitive: py2_wholesale's truth writes them as its DDL does
    owned = Counter(t.lower() for ctx in _truth(here)["contexts"] for t in ctx["tables"])
    assert not [t for t, n in owned.items() if n > 1]
    assert set(owned) == _schema_tables(here)


def test_contexts_are_six_to_eight_with_unique_names_and_a_full_hotness_ranking(here):
    truth = _truth(here)
    names = [ctx["name"] for ctx in truth["contexts"]]
    assert 6 <= len(names) <= 8
    assert len(set(names)) == len(names)
    assert sorted(truth["hotness"]) == sorted(names)


def test_source_size_is_within_the_benchmark_budget(here):
    lines = sum(len(p.read_text().splitlines()) for p in application_files(here / "repo"))
    assert 1500 <= lines <= 4000  # py2_wholesale, the biggest, has 3,671


def test_history_authors_and_days_are_well_formed(here):
    plan = _history(here)
    commits = plan["commits"]
    assert len(commits) >= 100
    assert all(0 <= c["author"] < len(plan["authors"]) for c in commits)
    assert len({c["author"] for c in commits}) >= 4
    days = [c["day"] for c in commits]
    assert days == sorted(days)
    assert 18 * 30 <= days[-1] - days[0] <= 24 * 31


def test_history_adds_real_files_and_touches_existing_symbols(here):
    commits = _history(here)["commits"]
    repo = here / "repo"
    every_file = {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}
    assert all(set(c.get("add", [])) <= every_file for c in commits)
    assert touch_problems(commits, repo) == []


def test_hotness_ranks_contexts_by_commits_touching_them(here):
    truth = _truth(here)
    owner = {s: ctx["name"] for ctx in truth["contexts"] for s in ctx["symbols"]}
    counts = Counter()
    for commit in _history(here)["commits"]:
        touched = set()
        for touch in commit.get("touch", []):
            path, _, qualname = touch.partition(":")
            symbol = f"{module_name(Path(path))}:{qualname.split('.')[0]}"
            if symbol in owner:
                touched.add(owner[symbol])
        counts.update(touched)
    ranked = [counts[name] for name in truth["hotness"]]
    assert ranked == sorted(ranked, reverse=True)
    assert ranked[0] >= 5 * ranked[-1], "hot and cold contexts should be clearly apart"


@pytest.mark.parametrize(("name", "module"),
                         [(name, module) for name, modules in CASES.items() for module in modules])
def test_god_modules_mix_several_contexts(name, module):
    here = Path(__file__).parent / name
    contexts = {
        ctx["name"]
        for ctx in _truth(here)["contexts"]
        for s in ctx["symbols"]
        if s.split(":")[0] == module
    }
    assert len(contexts) >= 3
