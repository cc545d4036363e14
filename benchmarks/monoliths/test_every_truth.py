"""What every monolith's answer key must hold, whatever its shape or round: the per-shape
truth tests check more (sizes, god modules, Django's table names) for the first ones."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from sourcetree import application_symbols, touch_problems

HERE = Path(__file__).parent
MONOLITHS = sorted(p.name for p in HERE.iterdir() if (p / "truth.json").exists())
# Written in Python 2 (``except ValueError, e``), which ``ast`` cannot read: decomposer reads
# it through its compatibility rewrite, and test_accuracy checks that no truth symbol of it
# is missing from the decomposition.
PYTHON_2 = {"flat_dealer"}


@pytest.fixture(params=MONOLITHS)
def here(request) -> Path:
    return HERE / request.param


def test_every_application_symbol_is_in_one_context_or_the_kernel(here):
    if here.name in PYTHON_2:
        pytest.skip("Python 2 source: ast cannot list its symbols")
    truth = json.loads((here / "truth.json").read_text())
    listed = Counter([s for ctx in truth["contexts"] for s in ctx["symbols"]]
                     + list(truth["shared_kernel"]))
    assert sorted(s for s, n in listed.items() if n > 1) == []
    assert set(listed) == application_symbols(here / "repo")


def test_six_to_eight_contexts_own_their_tables_once_and_are_ranked_by_hotness(here):
    truth = json.loads((here / "truth.json").read_text())
    names = [ctx["name"] for ctx in truth["contexts"]]
    owned = Counter(t.lower() for ctx in truth["contexts"] for t in ctx["tables"])
    assert 6 <= len(names) == len(set(names)) <= 8
    assert all(ctx["tables"] for ctx in truth["contexts"])
    assert sorted(t for t, n in owned.items() if n > 1) == []
    assert sorted(truth["hotness"]) == sorted(names)


def test_history_adds_files_of_the_repo_and_touches_what_they_define(here):
    commits = json.loads((here / "history.json").read_text())["commits"]
    repo = here / "repo"
    files = {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}
    added = [f for c in commits for f in c.get("add", [])]
    assert set(added) <= files
    assert len(added) == len(set(added))
    assert [c["day"] for c in commits] == sorted(c["day"] for c in commits)
    if here.name not in PYTHON_2:
        assert touch_problems(commits, repo) == []
