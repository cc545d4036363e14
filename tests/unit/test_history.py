"""Change history mined from tiny git repositories built with fixed dates and authors."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from decomposer.ingest.history import mine_history
from decomposer.model import CoChange

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

DAY = 86400
EPOCH = 1_700_000_000  # 2023-11-14


class Repo:
    """A throwaway repository; each commit gets a date ``day`` days after EPOCH."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q")

    def git(self, *args: str, date: int = EPOCH, author: str = "Ann") -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_DATE": f"@{date} +0000",
            "GIT_COMMITTER_DATE": f"@{date} +0000",
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(self.path),
        }
        command = [
            "git",
            "-c",
            f"user.name={author}",
            "-c",
            f"user.email={author}@x.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ]
        done = subprocess.run(
            command, cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout

    def commit(self, files: dict[str, str | None], *, day: int, author: str = "Ann") -> None:
        for name, text in files.items():
            target = self.path / name
            if text is None:
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "-m", f"day {day}", date=EPOCH + day * DAY, author=author)


def func(name: str, body: str = "return 1") -> str:
    return f"def {name}():\n    {name}_x = 0\n    {body}\n"


def by_key(stats) -> dict:
    return {s.key: s for s in stats}


# ---------------------------------------------------------------- files


def test_file_stats_count_commits_churn_authors_and_dates(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "one\ntwo\n", "b.sql": "select 1;\n"}, day=0, author="Ann")
    repo.commit({"a.py": "one\nTWO\nthree\n"}, day=10, author="Bob")
    repo.commit({"a.py": "one\nTWO\n"}, day=20, author="Ann")

    history = mine_history(repo.path, {"a.py": [], "b.sql": []}, half_life_days=10)

    assert history.available and history.commits == 3
    files = by_key(history.files)
    a, b = files["a.py"], files["b.sql"]
    assert (a.commits, a.churn, a.authors) == (3, 2 + 3 + 1, ("Ann", "Bob"))
    assert (a.first_change, a.last_change) == ("2023-11-14", "2023-12-04")
    assert a.recent_commits == pytest.approx(1 + 0.5 + 0.25)
    assert (b.commits, b.churn, b.recent_commits) == (1, 1, 0.25)
    assert (history.first_date, history.last_date) == ("2023-11-14", "2023-12-04")


def test_files_not_asked_for_are_not_reported(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "x\n", "other.py": "y\n"}, day=0)

    history = mine_history(repo.path, {"a.py": []})

    assert [s.key for s in history.files] == ["a.py"]


def test_paths_with_spaces_and_unicode_are_followed(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    name = "pkg dir/café módulo.py"
    repo.commit({name: func("f")}, day=0)
    repo.commit({name: func("f", "return 2")}, day=1)

    history = mine_history(repo.path, {name: [("m:f", 1, 3)]})

    assert by_key(history.files)[name].commits == 2
    assert by_key(history.symbols)["m:f"].commits == 2


# ---------------------------------------------------------------- symbols


def test_edited_symbol_is_hot_and_its_untouched_neighbour_is_frozen(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"m.py": func("f") + "\n" + func("g")}, day=0)
    for day in (1, 2, 3):
        repo.commit({"m.py": func("f", f"return {day * 10}") + "\n" + func("g")}, day=day)

    spans = {"m.py": [("m:f", 1, 3), ("m:g", 5, 7)]}
    symbols = by_key(mine_history(repo.path, spans).symbols)

    assert (symbols["m:f"].commits, symbols["m:f"].churn) == (4, 3 + 3 * 2)
    assert (symbols["m:g"].commits, symbols["m:g"].churn) == (1, 3)
    assert symbols["m:g"].last_change == "2023-11-14"


def test_insertion_above_a_symbol_shifts_its_older_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"m.py": func("f") + "\n" + func("g")}, day=0)
    repo.commit({"m.py": func("f") + "\n" + func("g", "return 2")}, day=1)
    repo.commit({"m.py": func("h") + "\n" + func("f") + "\n" + func("g", "return 2")}, day=2)

    spans = {"m.py": [("m:h", 1, 3), ("m:f", 5, 7), ("m:g", 9, 11)]}
    symbols = by_key(mine_history(repo.path, spans).symbols)

    assert {k: s.commits for k, s in symbols.items()} == {"m:h": 1, "m:f": 1, "m:g": 2}


def test_a_symbol_does_not_exist_before_the_commit_that_added_it(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"m.py": "a = 1\nb = 2\nc = 3\n"}, day=0)
    repo.commit({"m.py": "a = 1\n" + func("f") + "c = 3\n"}, day=1)

    symbols = by_key(mine_history(repo.path, {"m.py": [("m:f", 2, 4)]}).symbols)

    # Line "b = 2" was replaced by f: f's history starts at day 1.
    assert (symbols["m:f"].commits, symbols["m:f"].first_change) == (1, "2023-11-15")


def test_a_reindented_symbol_keeps_its_past(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    method = "    def f(self):\n        y = 1\n        return y\n"
    repo.commit({"m.py": "class K:\n" + method}, day=0)
    repo.commit({"m.py": "class K:\n" + method.replace("y = 1", "y = 2")}, day=1)
    dedented = "".join(line[4:] + "\n" for line in method.replace("self", "").splitlines())
    repo.commit({"m.py": "x = 0\n" + dedented.replace("y = 1", "y = 2")}, day=2)

    symbols = by_key(mine_history(repo.path, {"m.py": [("m:f", 2, 4)]}).symbols)

    assert (symbols["m:f"].commits, symbols["m:f"].first_change) == (3, "2023-11-14")


def test_deleting_the_last_lines_of_a_function_touches_it(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"m.py": func("f") + "    y = 2\n    return y\n\n" + func("g")}, day=0)
    repo.commit({"m.py": func("f") + "\n" + func("g")}, day=1)

    spans = {"m.py": [("m:f", 1, 3), ("m:g", 5, 7)]}
    symbols = by_key(mine_history(repo.path, spans).symbols)

    assert (symbols["m:f"].commits, symbols["m:f"].churn) == (2, 5 + 2)
    assert symbols["m:g"].commits == 1


def test_history_before_a_rename_belongs_to_the_new_path(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    body = func("f") + "\n" + "".join(f"X{i} = {i}\n" for i in range(20))
    repo.commit({"old.py": body}, day=0)
    repo.commit({"old.py": body.replace("return 1", "return 2")}, day=1)
    repo.commit(
        {"old.py": None, "pkg/new.py": "# moved\n" + body.replace("return 1", "return 2")}, day=2
    )

    history = mine_history(repo.path, {"pkg/new.py": [("pkg.new:f", 2, 4)]})

    assert by_key(history.files)["pkg/new.py"].commits == 3
    assert by_key(history.symbols)["pkg.new:f"].commits == 2


def test_a_file_recreated_after_deletion_does_not_inherit_the_old_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"m.py": "old = 1\n", "keep.py": "k\n"}, day=0)
    repo.commit({"m.py": None}, day=1)
    repo.commit({"m.py": func("f")}, day=2)

    history = mine_history(repo.path, {"m.py": [("m:f", 1, 3)]})

    assert by_key(history.files)["m.py"].commits == 1


# ---------------------------------------------------------------- co-change


def test_files_and_symbols_changed_together_are_paired(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": func("f") + "\n" + func("g") + "\n" + func("h"), "b.py": "1\n"}, day=0)
    repo.commit(
        {
            "a.py": func("f", "return 2") + "\n" + func("g", "return 2") + "\n" + func("h"),
            "b.py": "2\n",
        },
        day=1,
    )
    repo.commit(
        {"a.py": func("f", "return 3") + "\n" + func("g", "return 3") + "\n" + func("h")}, day=2
    )

    spans = {"a.py": [("a:f", 1, 3), ("a:g", 5, 7), ("a:h", 9, 11)], "b.py": []}
    history = mine_history(repo.path, spans)

    assert history.file_cochange == (CoChange("a.py", "b.py", 2),)
    # f and g changed together twice; being born in one commit does not link symbols,
    # so h (only created) is paired with nothing and the creation adds no count.
    assert history.symbol_cochange == (CoChange("a:f", "a:g", 2),)


def test_mega_commit_counts_as_a_change_but_links_nothing(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "1\n", "b.py": "1\n"}, day=0)
    repo.commit({"a.py": "2\n", "b.py": "2\n"}, day=1)
    repo.commit({"a.py": "3\n", "b.py": "3\n", "c.py": "3\n"}, day=2)
    spans = {"a.py": [], "b.py": [], "c.py": []}

    loose = mine_history(repo.path, spans, max_files_per_commit=3)
    strict = mine_history(repo.path, spans, max_files_per_commit=2)

    assert loose.file_cochange == (CoChange("a.py", "b.py", 3),)
    assert strict.file_cochange == (CoChange("a.py", "b.py", 2),)
    assert by_key(strict.files)["a.py"].commits == 3


def test_pairs_seen_fewer_than_min_cochange_times_are_dropped(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "1\n", "b.py": "1\n"}, day=0)

    assert mine_history(repo.path, {"a.py": [], "b.py": []}).file_cochange == ()
    once = mine_history(repo.path, {"a.py": [], "b.py": []}, min_cochange=1)
    assert once.file_cochange == (CoChange("a.py", "b.py", 1),)


# ---------------------------------------------------------------- window and layout


def test_root_below_the_top_of_the_work_tree_uses_paths_relative_to_root(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"svc/app.py": func("f"), "app.py": "unrelated\n"}, day=0)
    repo.commit({"svc/app.py": func("f", "return 2")}, day=1)

    history = mine_history(repo.path / "svc", {"app.py": [("app:f", 1, 3)]})

    assert by_key(history.files)["app.py"].commits == 2
    assert by_key(history.symbols)["app:f"].commits == 2


def test_max_commits_limits_the_window_and_says_so(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    for day in range(3):
        repo.commit({"a.py": f"{day}\n"}, day=day)

    history = mine_history(repo.path, {"a.py": []}, max_commits=2)

    assert history.commits == 2 and by_key(history.files)["a.py"].commits == 2
    assert any("newest 2 commits" in w for w in history.warnings)


def test_since_limits_the_window(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "0\n"}, day=0)
    repo.commit({"a.py": "1\n"}, day=30)

    history = mine_history(repo.path, {"a.py": []}, since="2023-12-01")

    assert history.commits == 1 and history.first_date == "2023-12-14"


def test_a_window_without_commits_says_so(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "0\n"}, day=0)

    history = mine_history(repo.path, {"a.py": []}, since="2030-01-01")

    assert history.commits == 0
    assert any("no commit since 2030-01-01 touches the analysed files" in w
               for w in history.warnings)


def test_uncommitted_edits_are_reported(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "0\n", "b.py": "0\n"}, day=0)
    (repo.path / "a.py").write_text("edited\n")

    history = mine_history(repo.path, {"a.py": [], "b.py": []})

    assert history.available
    assert any(
        "differ from HEAD" in w and "a.py" in w and "b.py" not in w for w in history.warnings
    )


def test_shallow_clone_warns_that_history_is_truncated(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": "0\n"}, day=0)
    repo.commit({"a.py": "1\n"}, day=1)
    clone = tmp_path / "clone"
    repo.git("clone", "-q", "--depth", "1", f"file://{repo.path}", str(clone))

    history = mine_history(clone, {"a.py": []})

    assert history.available and history.commits == 1
    assert any("shallow" in w for w in history.warnings)


def test_same_repository_gives_identical_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit({"a.py": func("f") + "\n" + func("g"), "b.py": "1\n"}, day=0, author="Bob")
    repo.commit({"a.py": func("f", "return 2") + "\n" + func("g"), "b.py": "2\n"}, day=3)
    spans = {"a.py": [("a:f", 1, 3), ("a:g", 5, 7)], "b.py": []}

    first = mine_history(repo.path, spans, min_cochange=1)
    assert first == mine_history(repo.path, spans, min_cochange=1)
    assert first.symbols and first.file_cochange


# ---------------------------------------------------------------- no history


def test_folder_outside_any_repository_has_no_history(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()

    history = mine_history(tmp_path / "plain", {"a.py": []})

    assert not history.available
    assert "not in a git work tree" in history.warnings[0]


def test_missing_git_is_a_warning_not_an_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))

    history = mine_history(tmp_path, {"a.py": []})

    assert not history.available and "git is not installed" in history.warnings[0]


def test_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")

    history = mine_history(repo.path, {"a.py": []})

    assert not history.available and "no commits" in history.warnings[0]


def test_missing_root_has_no_history(tmp_path: Path) -> None:
    history = mine_history(tmp_path / "nope", {})

    assert not history.available and "not a directory" in history.warnings[0]
