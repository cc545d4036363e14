"""The command line over small repositories built here and over the bundled sample."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from decomposer import cli, pipeline
from decomposer.cli import main


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory, monkeypatch):
    # The user's ~/.cache stays untouched; one cache for the module keeps warm runs warm.
    monkeypatch.setenv("DECOMPOSER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def snapshot(root: Path) -> dict[str, tuple]:
    """Every entry under root: content hash (or link target), size and mtime in ns."""
    found = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            if path.is_symlink():
                digest = os.readlink(path)
            elif path.is_file():
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                digest = "dir"
            found[str(path.relative_to(root))] = (digest, info.st_size, info.st_mtime_ns)
    return found


def graph_json(args_out: Path, *args: object) -> dict:
    result = run("graph", *args, "-o", args_out, "--json", "-q", "--no-history")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# ------------------------------------------------------------------ graph on the sample

def _top_level_defs(path: Path) -> set[str]:
    tree = ast.parse(path.read_bytes())  # bytes: ast honours the coding cookie
    found: set[str] = set()
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            found.add(node.name)
        elif isinstance(node, (ast.If, ast.Try, ast.With)):
            stack.extend(node.body + node.orelse + getattr(node, "finalbody", [])
                         + [s for h in getattr(node, "handlers", []) for s in h.body])
    return found


def test_graph_json_on_the_sample_counts_files_and_lists_every_symbol(sample_repo, tmp_path):
    data = graph_json(tmp_path / "out", sample_repo)
    py_and_sql = [p for p in sample_repo.rglob("*") if p.suffix in (".py", ".sql")]
    assert data["files"]["scanned"] == len(py_and_sql)
    assert data["files"]["parsed"] == len(py_and_sql) and data["files"]["failed"] == 0
    assert data["files"]["engines"]["py2-compat"] == 1  # the sample's one Python 2 file
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    symbols = {n["id"] for n in graph["nodes"] if n["kind"] == "symbol"}
    assert data["nodes"]["symbol"] == data["symbols"] == len(symbols)
    app = [p for p in (sample_repo / "shop").rglob("*.py")]
    for path in app:
        if path.name == "old_export.py":  # Python 2: ast cannot read it here
            continue
        module = ".".join(path.relative_to(sample_repo).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        expected = {f"{module}:{name}" for name in _top_level_defs(path)}
        assert expected <= symbols, module
    assert data["nodes"]["table"] >= 25 and data["edges"]["call"] > 0
    assert {"import", "call", "reference", "inherit", "reads", "writes", "fk"} <= set(
        data["edges"])
    assert data["outputs"] == [str(tmp_path / "out" / "graph.json"),
                               str(tmp_path / "out" / "graph.graphml")]
    assert (tmp_path / "out" / "graph.graphml").stat().st_size > 0


def test_graph_text_summary_names_what_was_written(sample_repo, tmp_path):
    result = run("graph", sample_repo, "-o", tmp_path, "-q", "--no-history")
    assert result.exit_code == 0
    assert re.search(r"Files\s+\d+ scanned", result.stdout)
    assert f"Wrote       {tmp_path / 'graph.json'}" in result.stdout


# ------------------------------------------------------------------ exit codes and errors

def test_missing_path_exits_1_with_a_clear_message_and_no_traceback(tmp_path):
    result = run("graph", tmp_path / "nope", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert "no such directory" in result.stderr and str(tmp_path / "nope") in result.stderr
    assert "Traceback" not in result.output


def test_unknown_option_exits_2():
    result = run("graph", ".", "--no-such-option")
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_bad_config_exits_2_and_says_what_was_meant(tmp_path):
    repo = write(tmp_path / "repo", {"a.py": "", "decomposer.toml": 'exclud = ["x"]\n'})
    result = run("graph", repo, "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert "unknown key 'exclud' (did you mean 'exclude'?)" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_dialect_flag_exits_2(tmp_path):
    repo = write(tmp_path / "repo", {"a.py": ""})
    result = run("graph", repo, "-o", tmp_path / "out", "--dialect", "postgress")
    assert result.exit_code == 2 and "Did you mean postgres?" in result.stderr


def test_debug_shows_the_traceback_of_an_error(tmp_path):
    result = run("graph", tmp_path / "nope", "-o", tmp_path / "out", "--debug")
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "DecomposerError" in result.stderr


def test_an_internal_error_exits_1_and_shows_its_traceback_only_under_debug(
        tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pipeline, "run", broken)
    repo = write(tmp_path / "repo", {"a.py": ""})
    quiet = run("graph", repo, "-o", tmp_path / "out")
    assert quiet.exit_code == 1
    assert "internal error: RuntimeError('boom')" in quiet.stderr
    assert "Traceback" not in quiet.output
    loud = run("graph", repo, "-o", tmp_path / "out", "--debug")
    assert loud.exit_code == 1 and "Traceback (most recent call last)" in loud.stderr


def test_interrupt_exits_130(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    repo = write(tmp_path / "repo", {"a.py": ""})
    assert run("graph", repo, "-o", tmp_path / "out").exit_code == 130


def test_output_inside_the_repository_is_refused_with_exit_2_and_nothing_written(tmp_path):
    repo = write(tmp_path / "repo", {"a.py": "def f():\n    pass\n"})
    before = snapshot(repo)
    for command in ("graph", "analyze"):
        result = run(command, repo, "-o", repo / "out", "--no-history")
        assert result.exit_code == 2, command
        assert "inside the analysed repository" in result.stderr
    assert snapshot(repo) == before


def test_a_git_repository_is_left_as_it_was_even_its_index(tmp_path):
    # ``git status`` rewrites a stale index (a file touched since it was staged) unless
    # optional locks are off; the history and the run key both ask for the status.
    import subprocess
    repo = write(tmp_path / "repo", {"a.py": "def f():\n    pass\n"})
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b",
           "GIT_COMMITTER_NAME": "a", "GIT_COMMITTER_EMAIL": "a@b"}
    for args in (["init", "-q"], ["add", "a.py"], ["commit", "-qm", "a"]):
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env)
    stamp = (repo / "a.py").stat().st_mtime_ns + 2_000_000_000
    os.utime(repo / "a.py", ns=(stamp, stamp))
    before = snapshot(repo)
    assert run("graph", repo, "-o", tmp_path / "out", "-q").exit_code == 0
    assert snapshot(repo) == before


def test_a_cache_inside_the_repository_is_refused_with_exit_2(tmp_path):
    repo = write(tmp_path / "repo", {"a.py": ""})
    result = run("graph", repo, "-o", tmp_path / "out", "--cache-dir", repo / ".cache")
    assert result.exit_code == 2 and "cache directory" in result.stderr


# ------------------------------------------------------------------ odd repositories

def test_an_empty_repository_gives_an_empty_graph(tmp_path):
    (tmp_path / "empty").mkdir()
    data = graph_json(tmp_path / "out", tmp_path / "empty")
    assert data["files"] == {"scanned": 0, "parsed": 0, "failed": 0, "skipped": 0,
                             "engines": {}}
    assert data["nodes"] == {} and data["edges"] == {}
    assert run("analyze", tmp_path / "empty", "-o", tmp_path / "all", "-q").exit_code == 0


def test_analysed_code_is_never_imported_or_executed(tmp_path):
    marker = tmp_path / "executed"
    payload = (f"open({str(marker)!r}, 'w').write('imported')\n"
               "def f():\n    pass\n")
    repo = write(tmp_path / "repo", {
        "app/__init__.py": payload, "app/models.py": payload, "conftest.py": payload,
        "setup.py": payload, "manage.py": payload + "if __name__ == '__main__':\n    f()\n",
        "migrations/0001_initial.py": payload, "tests/test_app.py": payload,
    })
    result = run("analyze", repo, "-o", tmp_path / "out", "-q", "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    assert "app.models:f" in (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")


def test_the_analysed_repository_is_left_byte_for_byte_unchanged(sample_repo, tmp_path):
    before = snapshot(sample_repo)
    result = run("analyze", sample_repo, "-o", tmp_path / "out", "-q")
    assert result.exit_code == 0, result.output
    assert snapshot(sample_repo) == before
    assert (tmp_path / "out" / "report.html").is_file()


def test_a_symlink_out_of_the_repository_is_not_followed(tmp_path):
    outside = write(tmp_path / "outside", {"secret.py": "def leaked():\n    pass\n"})
    repo = write(tmp_path / "repo", {"app.py": "def own():\n    pass\n"})
    (repo / "linked").symlink_to(outside, target_is_directory=True)
    (repo / "secret.py").symlink_to(outside / "secret.py")
    data = graph_json(tmp_path / "out", repo)
    skipped = {s["path"]: s["reason"] for s in data["skipped"]}
    assert skipped == dict.fromkeys(["linked", "secret.py"], "symbolic link (never followed)")
    graph = (tmp_path / "out" / "graph.json").read_text(encoding="utf-8")
    assert "app:own" in graph and "leaked" not in graph


def test_bad_files_are_reported_and_the_run_goes_on(tmp_path):
    repo = write(tmp_path / "repo", {
        "py2.py": "def old():\n    print 'hello'\n",
        "latin.py": "# -*- coding: latin-1 -*-\ndef caf\u00e9():\n    return 'ol\u00e9'\n"
                    .encode("latin-1"),
        "nul.py": b"def with_nul():\n    return 1\x00\n",
        "broken.py": "def broken(:\n    pass\n",
        "empty.py": "",
        "huge.py": "def huge():\n    pass\n" + "x = 1\n" * 500,
        "good.py": "def good():\n    pass\n",
    })
    data = graph_json(tmp_path / "out", repo, "--max-file-size", 1000)
    assert data["files"]["scanned"] == 6 and data["files"]["parsed"] == 5
    assert data["failed"] == [{"path": "broken.py", "line": 1, "error": "syntax error: "
                               "invalid syntax"}]
    assert data["skipped"] == [{"path": "huge.py",
                                "reason": "larger than max_file_size (3,021 bytes)"}]
    assert data["files"]["engines"] == {"ast": 4, "py2-compat": 1}
    assert "nul.py: removed 1 NUL byte(s)" in data["warnings"]
    assert any(w.startswith("py2.py: Python 2 syntax") for w in data["warnings"])
    graph = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    symbols = {n["id"] for n in graph["nodes"] if n["kind"] == "symbol"}
    assert symbols == {"py2:old", "latin:café", "nul:with_nul", "good:good"}

    text = run("graph", repo, "-o", tmp_path / "out2", "--max-file-size", 1000, "-q")
    assert text.exit_code == 0
    assert "failed   broken.py:1: syntax error" in text.stdout
    assert "skipped  1 × larger than max_file_size" in text.stdout


# ------------------------------------------------------------------ other commands

def test_contexts_score_and_mermaid_write_their_files(sample_repo, tmp_path):
    expected = {
        "contexts": ["decomposition.json", "context-map.mmd"],
        "score": ["decomposition.json", "priority-matrix.csv", "roadmap.md", "roadmap.json"],
        "mermaid": ["context-map.mmd"],
    }
    for command, files in expected.items():
        out = tmp_path / command
        result = run(command, sample_repo, "-o", out, "-q")
        assert result.exit_code == 0, (command, result.output)
        for name in files:
            assert (out / name).is_file() and (out / name).stat().st_size > 0, (command, name)
        if command != "score":
            assert list((out / "contexts").glob("*.mmd")), command
    mermaid = run("mermaid", sample_repo, "-o", tmp_path / "m2", "-q")
    assert mermaid.stdout == (tmp_path / "mermaid" / "context-map.mmd").read_text(
        encoding="utf-8")


def test_contexts_json_summary_is_machine_readable(sample_repo, tmp_path):
    result = run("contexts", sample_repo, "-o", tmp_path, "-q", "--json")
    assert result.exit_code == 0
    json.loads(result.stdout)


def test_two_runs_write_byte_identical_decomposition_json(sample_repo, tmp_path):
    for name, cache in (("one", "--no-cache"), ("two", "--no-cache")):
        result = run("contexts", sample_repo, "-o", tmp_path / name, "-q", cache, "-j", 1)
        assert result.exit_code == 0, result.output
    first = (tmp_path / "one" / "decomposition.json").read_bytes()
    assert first == (tmp_path / "two" / "decomposition.json").read_bytes()
    assert json.loads(first)["schema_version"] == 1


def test_the_console_script_keeps_exit_codes_and_output_when_it_leaves_at_once(tmp_path):
    # decomposer.cli:run skips the interpreter's teardown with os._exit: what was printed
    # must still come out, and the exit code must still be the command's.
    import subprocess
    import sys

    ok = subprocess.run([sys.executable, "-m", "decomposer.cli", "--version"],
                        capture_output=True, text=True)
    missing = subprocess.run([sys.executable, "-m", "decomposer.cli", "graph",
                              str(tmp_path / "nope"), "-o", str(tmp_path / "out")],
                             capture_output=True, text=True)
    usage = subprocess.run([sys.executable, "-m", "decomposer.cli", "graph", "--nope"],
                           capture_output=True, text=True)
    assert ok.returncode == 0 and "decomposer" in ok.stdout
    assert missing.returncode == 1 and "no such directory" in missing.stderr
    assert usage.returncode == 2
