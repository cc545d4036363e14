"""A warm re-run takes the resolved facts from the cache, and only when nothing changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from decomposer import pipeline
from decomposer.config import Config
from decomposer.forked import Children
from decomposer.ingest.cache import FactsCache
from decomposer.ingest.run_key import file_identity, run_key
from reports.outputs import GRAPH


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@x",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def _run(repo: Path, cache: Path) -> pipeline.Run:
    return pipeline.run(Config(repo=str(repo), cache_dir=str(cache)), upto="resolve")


def test_second_run_reuses_facts_until_a_file_or_the_history_changes(tmp_path: Path) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / "shop.py").write_text("def f():\n    return g()\n\ndef g():\n    return 1\n")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "one")

    first = _run(repo, cache)
    again = _run(repo, cache)
    assert "run" not in first.values["cache"]
    assert again.values["cache"].get("run") == 1
    assert again.values["facts"] == first.values["facts"]

    (repo / "shop.py").write_text("def f():\n    return 2\n")
    edited = _run(repo, cache)
    assert "run" not in edited.values["cache"]
    assert [s.id for s in edited.values["facts"].symbols] == ["shop:f"]

    _git(repo, "commit", "-qam", "two")
    committed = _run(repo, cache)
    assert "run" not in committed.values["cache"]
    assert committed.values["facts"].history.commits == 2


def test_the_run_key_a_cold_run_takes_from_its_workers_is_the_one_a_warm_run_reads(
        tmp_path: Path) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    (repo / "shop").mkdir(parents=True)
    (repo / "shop" / "__init__.py").write_text("")  # empty: no outcome is cached for it
    for n in range(20):  # enough files for the process pool
        (repo / "shop" / f"m{n}.py").write_text(f"def f{n}():\n    return {n}\n")
    (repo / "schema.sql").write_text("CREATE TABLE t (id int);\n")
    config = Config(repo=str(repo), cache_dir=str(cache), use_history=False, jobs=2)

    cold = pipeline.run(config, upto="parse")
    found = cold.values["scan"]
    read = run_key(found, [file_identity(found.root, s, None) for s in found.files],
                   settings=pipeline._settings(config), history=False, relative_window=False)
    assert cold.values["run_key"] == read
    assert pipeline.run(config, upto="parse").values["run_key"] == read


def _graph(repo: Path, cache: Path, out: Path) -> pipeline.Run:
    out.mkdir()
    return pipeline.run(Config(repo=str(repo), cache_dir=str(cache), use_history=False),
                        upto="render", out=out, parts=(GRAPH,),
                        skip=("cluster", "context map", "score", "generate"))


def test_graph_files_of_the_same_input_are_copied_from_the_cache(tmp_path: Path) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / "shop.py").write_text("def f():\n    return g()\n\ndef g():\n    return 1\n")

    first = _graph(repo, cache, tmp_path / "one")
    again = _graph(repo, cache, tmp_path / "two")
    assert "graph_files" not in first.values and "graph_files" in again.values
    for name in ("graph.json", "graph.graphml"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    assert again.values["graph_summary"]["symbols"] == 2
    assert again.values["graph_summary"]["cache"]["run"] == 1

    (repo / "shop.py").write_text("def f():\n    return 2\n")
    edited = _graph(repo, cache, tmp_path / "three")
    assert "graph_files" not in edited.values
    assert edited.values["graph_summary"]["symbols"] == 1


def test_kept_graph_files_pruned_before_they_are_copied_cost_a_cold_run(
        tmp_path: Path, monkeypatch) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / "shop.py").write_text("def f():\n    return g()\n\ndef g():\n    return 1\n")
    _graph(repo, cache, tmp_path / "one")
    real = FactsCache.get_files

    def pruned_meanwhile(self, key):  # found, then gone before the copy
        kept = real(self, key)
        if kept is not None:
            shutil.rmtree(next(iter(kept[1].values())).parent)
        return kept

    monkeypatch.setattr(FactsCache, "get_files", pruned_meanwhile)
    again = _graph(repo, cache, tmp_path / "two")
    assert "graph_files" not in again.values
    for name in ("graph.json", "graph.graphml"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_work_handed_to_a_child_reports_failure(tmp_path: Path) -> None:
    children = Children()
    children.start((tmp_path / "done").write_text, "yes")
    children.start(_fail)
    assert children.wait() is False
    assert (tmp_path / "done").read_text() == "yes"
    assert children.wait() is True  # nothing left to wait for


def _fail() -> None:
    raise RuntimeError("no")


def test_an_unchanged_input_clustered_alike_takes_its_contexts_from_the_cache(
        tmp_path: Path, monkeypatch) -> None:
    repo, cache = tmp_path / "repo", tmp_path / "cache"
    repo.mkdir()
    (repo / "shop.py").write_text("def f():\n    return g()\n\ndef g():\n    return 1\n")
    (repo / "schema.sql").write_text("CREATE TABLE orders (id int);\n")

    def clustered(**flags) -> pipeline.Run:
        config = Config(repo=str(repo), cache_dir=str(cache), use_history=False, **flags)
        return pipeline.run(config, upto="cluster")

    first = clustered(jobs=1)
    import decomposer.clustering as clustering
    real = clustering.cluster

    def refuse(*args, **kwargs):
        raise AssertionError("clustered again")

    monkeypatch.setattr(clustering, "cluster", refuse)
    assert clustered(jobs=2).values["clusters"] == first.values["clusters"]  # jobs: same
    monkeypatch.setattr(clustering, "cluster", real)
    calls = []
    monkeypatch.setattr(clustering, "cluster", lambda *a: calls.append(a) or real(*a))
    clustered(seed=7)  # another seed, another answer
    clustered(use_cache=False)
    (repo / "shop.py").write_text("def f():\n    return 2\n")
    clustered()  # another input
    assert len(calls) == 3
