"""The history materialiser and the bundled legacy shop it runs on."""

from __future__ import annotations

import ast
import json
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from decomposer.demo import SAMPLE_DIR, SAMPLE_PLAN, build_demo_repo, materialize, read_tree

EXPECTED = SAMPLE_DIR.with_name("legacy_shop.expected.json")
PY2_FILE = "shop/legacy/old_export.py"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True, errors="replace").stdout


def git_bytes(repo: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True).stdout


@pytest.fixture(scope="module")
def demo_repo(tmp_path_factory) -> Path:
    return build_demo_repo(tmp_path_factory.mktemp("demo") / "shop")


@pytest.fixture(scope="module")
def plan() -> dict:
    return json.loads(SAMPLE_PLAN.read_text())


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED.read_text())


# ---------------------------------------------------------------- materialised sample


def test_materialising_twice_gives_the_same_head(demo_repo, tmp_path):
    again = materialize(SAMPLE_DIR, SAMPLE_PLAN, tmp_path / "again")
    assert git(again, "rev-parse", "HEAD") == git(demo_repo, "rev-parse", "HEAD")


def test_head_tree_is_the_source_byte_for_byte(demo_repo):
    source = read_tree(SAMPLE_DIR)
    tracked = git(demo_repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines()
    assert sorted(tracked) == sorted(source)
    for path, data in source.items():
        assert git_bytes(demo_repo, "show", f"HEAD:{path}") == data, path
    assert git(demo_repo, "status", "--porcelain") == ""


def test_commits_and_authors_follow_the_plan(demo_repo, plan):
    log = git(demo_repo, "log", "--reverse", "--format=%an|%ae|%cn|%s").splitlines()
    assert len(log) == len(plan["commits"])
    for line, commit in zip(log, plan["commits"]):
        name, email = plan["authors"][commit["author"]]
        assert line == f"{name}|{email}|{name}|{commit['message']}"
    assert git(demo_repo, "branch", "--show-current").strip() == "main"


def test_files_appear_in_the_commit_that_adds_them(demo_repo, plan):
    shas = git(demo_repo, "rev-list", "--reverse", "HEAD").split()
    for sha, commit in zip(shas[1:], plan["commits"][1:]):
        for path in commit.get("add", ()):
            added = git(demo_repo, "diff-tree", "--no-commit-id", "--diff-filter=A",
                        "--name-only", "-r", sha).split()
            assert path in added


def test_every_changed_line_lies_inside_a_touched_symbol(demo_repo, plan):
    shas = git(demo_repo, "rev-list", "--reverse", "HEAD").split()
    show = _BlobReader(demo_repo)
    checked = 0
    for index, (sha, commit) in enumerate(zip(shas, plan["commits"])):
        if index == 0 or commit.get("add") or not commit.get("touch"):
            continue
        touched: dict[str, list[str]] = {}
        for touch in commit["touch"]:
            path, _, qualname = touch.partition(":")
            touched.setdefault(path, []).append(qualname)
        for path, old, new in _hunks(demo_repo, sha):
            assert path in touched, f"commit {index} changed untouched {path}"
            before, after = show(f"{sha}~1:{path}"), show(f"{sha}:{path}")
            assert _inside(old, _spans(before, touched[path])), (index, path, old)
            assert _inside(new, _spans(after, touched[path])), (index, path, new)
            checked += 1
    show.close()
    assert checked > 300


class _BlobReader:
    """``git show rev:path`` through one ``git cat-file --batch`` process (fast)."""

    def __init__(self, repo: Path):
        self.process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=repo,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def __call__(self, spec: str) -> bytes:
        self.process.stdin.write(spec.encode() + b"\n")
        self.process.stdin.flush()
        size = int(self.process.stdout.readline().split()[2])
        data = self.process.stdout.read(size + 1)[:-1]
        return data

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def test_churn_per_touch_is_small_except_for_the_mega_commit(demo_repo, plan):
    shas = git(demo_repo, "rev-list", "--reverse", "HEAD").split()
    for sha, commit in zip(shas[1:], plan["commits"][1:]):
        if commit.get("add") or not commit.get("touch"):
            continue
        stat = git(demo_repo, "show", "--numstat", "--format=", sha).split()
        churn = sum(int(n) for n in stat[0::3]) + sum(int(n) for n in stat[1::3])
        assert 1 <= churn <= 6 * len(commit["touch"]), commit["message"]


def _hunks(repo: Path, sha: str):
    path = None
    for line in git(repo, "show", "-U0", "--format=", sha).splitlines():
        if line.startswith("+++ "):
            path = line[6:]
        match = re.match(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", line)
        if match:
            a, b, c, d = match.groups()
            yield path, (int(a), int(b or 1)), (int(c), int(d or 1))


def _spans(text: bytes, qualnames: list[str]) -> list[tuple[int, int]]:
    tree = ast.parse(text)
    spans = []
    for qualname in qualnames:
        body, node = tree.body, None
        for part in qualname.split("."):
            node = next(n for n in ast.walk(ast.Module(body=body, type_ignores=[]))
                        if getattr(n, "name", None) == part)
            body = node.body
        first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        spans.append((first, node.end_lineno))
    return spans


def _inside(hunk: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    start, count = hunk
    if count == 0:  # pure insertion/deletion: the position is "after line start"
        return any(first - 1 <= start <= last for first, last in spans)
    return any(first <= start and start + count - 1 <= last for first, last in spans)


# ---------------------------------------------------------------- the plan


def test_plan_spans_two_years_with_many_authors_and_commits(plan):
    days = [c["day"] for c in plan["commits"]]
    assert days == sorted(days)
    assert len(plan["commits"]) >= 150
    assert len({c["author"] for c in plan["commits"]}) >= 5
    assert 700 <= days[-1] <= 731


def test_plan_has_one_mega_commit_and_never_touches_the_python2_file(plan):
    big = [c for c in plan["commits"] if len(c.get("touch", ())) > 60]
    assert len(big) == 1
    assert len({t.split(":")[0] for t in big[0]["touch"]}) >= 10
    assert not any(t.startswith(PY2_FILE) for c in plan["commits"] for t in c.get("touch", ()))


def test_hotness_ranking_matches_the_scripted_history(plan, expected):
    owner = _owner_of_symbols(expected)
    counts: Counter[str] = Counter()
    recent: Counter[str] = Counter()
    for commit in plan["commits"]:
        if len(commit.get("touch", ())) > 60:
            continue
        for touch in commit.get("touch", ()):
            path, _, qualname = touch.partition(":")
            context = owner[f"{_module(path)}:{qualname.split('.')[0]}"]
            counts[context] += 1
            recent[context] += commit["day"] > 365
    ranked = sorted((c for c in counts if c != "<kernel>"), key=lambda c: -counts[c])
    assert ranked == expected["hotness"]
    assert recent["reporting"] + recent["shipping"] <= 3
    assert recent["orders"] > 50 and recent["payments"] > 40


# ---------------------------------------------------------------- the expected decomposition


def test_expected_decomposition_covers_every_symbol_exactly_once(expected):
    listed = [s for c in expected["contexts"] for s in c["symbols"]] + expected["shared_kernel"]
    duplicates = [s for s, n in Counter(listed).items() if n > 1]
    assert duplicates == []
    assert sorted(listed) == sorted(_application_symbols())


def test_expected_tables_are_the_schema_tables_each_owned_once(expected):
    schema = (SAMPLE_DIR / "schema.sql").read_text()
    declared = re.findall(r"^CREATE (?:TABLE|VIEW) (\w+)", schema, flags=re.MULTILINE)
    owned = [t for c in expected["contexts"] for t in c["tables"]]
    assert len(declared) >= 25
    assert sorted(owned) == sorted(declared)


def test_expected_dead_code_and_hotness_name_known_things(expected):
    symbols = set(_application_symbols())
    assert set(expected["dead_code"]) <= symbols
    assert sorted(expected["hotness"]) == sorted(c["name"] for c in expected["contexts"])


def test_sample_is_a_sizeable_monolith_with_a_latin1_and_a_python2_file():
    python = sorted(SAMPLE_DIR.rglob("*.py"))
    assert sum(len(p.read_bytes().splitlines()) for p in python) >= 2500
    latin1 = (SAMPLE_DIR / "shop/legacy/tarifs.py").read_bytes()
    assert latin1.startswith(b"# -*- coding: latin-1 -*-")
    with pytest.raises(UnicodeDecodeError):
        latin1.decode("utf-8")
    with pytest.raises(SyntaxError):
        ast.parse((SAMPLE_DIR / PY2_FILE).read_bytes())


def _application_symbols() -> list[str]:
    found = []
    for path in sorted((SAMPLE_DIR / "shop").rglob("*.py")):
        rel = path.relative_to(SAMPLE_DIR).as_posix()
        module = _module(rel)
        try:
            names = list(_top_level_names(ast.parse(path.read_bytes()).body))
        except SyntaxError:  # the Python 2 leftover: column-0 definitions
            names = re.findall(r"^(?:def|class) (\w+)", path.read_text(), flags=re.MULTILINE)
        found += [f"{module}:{name}" for name in names]
    return found


def _top_level_names(body):
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node.name
        elif isinstance(node, ast.If):
            yield from _top_level_names(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            handlers = [s for h in node.handlers for s in h.body]
            yield from _top_level_names(node.body + handlers + node.orelse + node.finalbody)


def _module(path: str) -> str:
    module = path.removesuffix(".py").replace("/", ".")
    return module.removesuffix(".__init__")


def _owner_of_symbols(expected: dict) -> dict[str, str]:
    owner = {s: c["name"] for c in expected["contexts"] for s in c["symbols"]}
    owner.update({s: "<kernel>" for s in expected["shared_kernel"]})
    return owner


# ---------------------------------------------------------------- materialize on tiny inputs


def _tiny(tmp_path: Path, files: dict[str, bytes], commits: list[dict]) -> tuple[Path, Path]:
    source = tmp_path / "src"
    for path, data in files.items():
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_bytes(data)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps({"authors": [["Ann", "ann@x.example"], ["Ben", "ben@x.example"]],
                                "start": "2024-01-01T10:00:00+00:00", "commits": commits}))
    return source, plan


APP = b'''import os


class Cart:
    """A cart."""

    def total(self, items):
        subtotal = sum(i.price for i in items)
        fee = 5
        return subtotal + fee

    def empty(self):
        self.items = []
        self.count = 0
        return True


def greet(name):
    text = "hello there " + name
    print(text)
    print(os.sep)
    return text
'''


def test_touching_a_method_changes_only_that_method(tmp_path):
    source, plan = _tiny(tmp_path, {"app.py": APP}, [
        {"day": 0, "author": 0, "message": "start"},
        {"day": 1, "author": 1, "message": "fix total", "touch": ["app.py:Cart.total"]},
    ])
    repo = materialize(source, plan, tmp_path / "repo")
    hunks = list(_hunks(repo, "HEAD"))
    assert hunks
    for _, old, new in hunks:
        assert _inside(old, [(7, 10)]) and _inside(new, [(7, 10)])
    assert git_bytes(repo, "show", "HEAD:app.py") == APP


def test_latin1_file_round_trips_through_touches(tmp_path):
    text = "# -*- coding: latin-1 -*-\n\n\ndef prix(x):\n    note = 'été chaud'\n" \
           "    y = x * 2\n    z = y + 1\n    return z\n"
    data = text.encode("latin-1")
    source, plan = _tiny(tmp_path, {"tarif.py": data}, [
        {"day": 0, "author": 0, "message": "start"},
        {"day": 2, "author": 0, "message": "one", "touch": ["tarif.py:prix"]},
        {"day": 3, "author": 1, "message": "two", "touch": ["tarif.py:prix"]},
    ])
    repo = materialize(source, plan, tmp_path / "repo")
    assert git_bytes(repo, "show", "HEAD:tarif.py") == data
    assert git(repo, "rev-list", "--count", "HEAD").strip() == "3"


def test_unparseable_file_can_be_touched_whole_but_not_by_symbol(tmp_path):
    py2 = b'def main():\n    print "hi"\n'
    source, plan = _tiny(tmp_path, {"old.py": py2}, [
        {"day": 0, "author": 0, "message": "start"},
        {"day": 1, "author": 0, "message": "tidy", "touch": ["old.py"]},
    ])
    repo = materialize(source, plan, tmp_path / "ok")
    assert git_bytes(repo, "show", "HEAD:old.py") == py2
    source, plan = _tiny(tmp_path / "bad", {"old.py": py2}, [
        {"day": 0, "author": 0, "message": "start"},
        {"day": 1, "author": 0, "message": "tidy", "touch": ["old.py:main"]},
    ])
    with pytest.raises(ValueError, match="cannot parse"):
        materialize(source, plan, tmp_path / "bad" / "repo")


def test_files_added_later_are_absent_before(tmp_path):
    source, plan = _tiny(tmp_path, {"app.py": APP, "extra.py": b"X = 1\n"}, [
        {"day": 0, "author": 0, "message": "start"},
        {"day": 5, "author": 1, "message": "extra", "add": ["extra.py"]},
    ])
    repo = materialize(source, plan, tmp_path / "repo")
    assert git(repo, "ls-tree", "--name-only", "HEAD~1").split() == ["app.py"]
    assert "2024-01-06" in git(repo, "log", "-1", "--format=%aI")


@pytest.mark.parametrize(("commits", "message"), [
    ([{"day": 0, "author": 0, "message": "a"},
      {"day": 1, "author": 0, "message": "b", "touch": ["app.py:nope"]}], "no top-level symbol"),
    ([{"day": 0, "author": 0, "message": "a", "add": ["app.py"]},
      {"day": 1, "author": 0, "message": "b", "touch": ["extra.py:X"]},
      {"day": 2, "author": 0, "message": "c", "add": ["extra.py"]}], "before extra.py exists"),
    ([{"day": 3, "author": 0, "message": "a"},
      {"day": 1, "author": 0, "message": "b"}], "comes before"),
    ([{"day": 0, "author": 7, "message": "a"}], "author 7"),
    ([{"day": 0, "author": 0, "message": "a", "add": ["missing.py"]}], "not in the source"),
])
def test_bad_plans_are_refused_with_a_clear_message(tmp_path, commits, message):
    source, plan = _tiny(tmp_path, {"app.py": APP, "extra.py": b"def X():\n    return 1\n"},
                         commits)
    with pytest.raises(ValueError, match=message):
        materialize(source, plan, tmp_path / "repo")
    assert not (tmp_path / "repo").exists()


def test_non_empty_target_is_refused(tmp_path):
    source, plan = _tiny(tmp_path, {"app.py": APP}, [{"day": 0, "author": 0, "message": "a"}])
    target = tmp_path / "busy"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    with pytest.raises(ValueError, match="not empty"):
        materialize(source, plan, target)
    assert (target / "keep.txt").read_text() == "mine"
