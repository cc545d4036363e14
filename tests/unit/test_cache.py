"""The per-file cache: keyed by content, outside the repository, safe to share."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from pathlib import Path

import pytest

from decomposer.errors import UsageError
from decomposer.ingest.cache import MAX_PACKS, STALE_DAYS, FactsCache
from decomposer.ingest.parse import parse_files
from decomposer.ingest.scan import scan


def test_put_then_get_is_a_hit_and_an_unknown_key_a_miss(tmp_path):
    cache = FactsCache.at(tmp_path / "cache", repo=tmp_path / "repo")
    key = cache.key(b"x = 1\n", "a.py")
    assert cache.get(key) is None
    cache.put(key, {"facts": (1, 2)})
    assert cache.get(key) == {"facts": (1, 2)}
    assert (cache.hits, cache.misses) == (1, 1)


def test_keys_depend_on_content_and_context():
    assert FactsCache.key(b"a") == FactsCache.key(b"a")
    assert FactsCache.key(b"a") != FactsCache.key(b"b")
    assert FactsCache.key(b"a", "x.py") != FactsCache.key(b"a", "y.py")


def test_a_disabled_cache_stores_nothing(tmp_path):
    cache = FactsCache.at(None, repo=tmp_path)
    cache.put("ab" * 20, 1)
    assert cache.get("ab" * 20) is None
    assert list(tmp_path.iterdir()) == []


def test_kept_files_come_back_whole_in_their_order_and_a_second_writer_changes_nothing(
        tmp_path):
    cache = FactsCache.at(tmp_path / "cache", repo=tmp_path / "repo")
    out = tmp_path / "out"
    out.mkdir()
    (out / "b.json").write_bytes(b"{}")
    (out / "a.graphml").write_text("<graphml/>")
    assert cache.get_files("graph-1") is None
    cache.put_files_later("graph-1", [out / "b.json", out / "a.graphml"], {"n": 1})
    cache.settle()
    (out / "b.json").write_bytes(b"changed")
    cache.put_files_later("graph-1", [out / "b.json", out / "a.graphml"], {"n": 2})
    cache.settle()
    meta, files = cache.get_files("graph-1")
    assert meta == {"n": 1} and list(files) == ["b.json", "a.graphml"]
    assert files["b.json"].read_bytes() == b"{}"
    assert not list((tmp_path / "cache").rglob(".tmp-*"))  # the loser cleaned up


def test_a_damaged_kept_entry_is_a_miss(tmp_path):
    cache = FactsCache.at(tmp_path / "cache", repo=tmp_path / "repo")
    (tmp_path / "f").write_text("x")
    cache.put_files_later("graph-2", [tmp_path / "f"], {})
    cache.settle()
    next((tmp_path / "cache").rglob("meta.pickle")).write_bytes(b"junk")
    assert cache.get_files("graph-2") is None


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05\x95junk"])
def test_a_corrupt_entry_is_a_miss_not_an_error(tmp_path, garbage):
    cache = FactsCache.at(tmp_path / "cache", repo=tmp_path / "repo")
    key = cache.key(b"data")
    cache.put(key, "good")
    entry = tmp_path / "cache" / "facts-v1" / key[:2] / key
    assert entry.is_file()
    entry.write_bytes(garbage)
    assert cache.get(key) is None
    cache.put(key, "good again")  # and it heals
    assert cache.get(key) == "good again"


@pytest.mark.parametrize("inside", [".", "cache", "deep/er/cache"])
def test_a_cache_directory_inside_the_repository_is_refused(tmp_path, inside):
    with pytest.raises(UsageError, match="inside the analysed repository"):
        FactsCache.at(tmp_path / inside, repo=tmp_path)


def test_a_sibling_with_a_common_prefix_is_not_inside(tmp_path):
    cache = FactsCache.at(tmp_path / "repo-cache", repo=tmp_path / "repo")
    assert cache.directory == (tmp_path / "repo-cache" / "facts-v1").resolve()


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = FactsCache.at(blocker, repo=tmp_path / "repo")
    cache.put("ab" * 20, 1)  # no exception
    assert cache.get("ab" * 20) is None


def _hammer(args: tuple[str, str, int]) -> bool:
    directory, key, seed = args
    cache = FactsCache(Path(directory))
    for i in range(40):
        cache.put(key, ("value", seed, i, "x" * 5000))
        got = cache.get(key)  # after our own put, some whole entry is always in place
        if got is None or (got[0], len(got[3])) != ("value", 5000):
            return False
    return True


def test_concurrent_writers_of_one_entry_never_expose_a_half_written_file(tmp_path):
    key = FactsCache.key(b"shared")
    context = multiprocessing.get_context("fork" if "fork" in
                                          multiprocessing.get_all_start_methods() else None)
    with context.Pool(4) as pool:
        assert all(pool.map(_hammer, [(str(tmp_path), key, n) for n in range(8)]))
    value = FactsCache(tmp_path).get(key)
    assert value[0] == "value" and value[2] == 39
    leftovers = [p.name for p in (tmp_path / "facts-v1").rglob(".tmp-*")]
    assert leftovers == []


def _parsed(repo, cache, jobs):
    """parse_files, then wait for the cache's writer: the next run reads what it wrote."""
    outcomes = parse_files(scan(repo), cache=cache, jobs=jobs)
    cache.settle()
    return outcomes


def test_parse_files_reuses_cached_outcomes_and_reparses_changed_files(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "a.py").write_text("def f():\n    pass\n")
    (repo / "b.py").write_text("def g():\n    pass\n")
    first_cache = FactsCache.at(tmp_path / "cache", repo=repo)
    first = _parsed(repo, first_cache, 1)
    assert (first_cache.hits, first_cache.misses) == (0, 2)

    warm = FactsCache.at(tmp_path / "cache", repo=repo)
    assert _parsed(repo, warm, 1) == first
    assert (warm.hits, warm.misses) == (2, 0)

    (repo / "b.py").write_text("def h():\n    pass\n")
    again = FactsCache.at(tmp_path / "cache", repo=repo)
    outcomes = _parsed(repo, again, 1)
    assert (again.hits, again.misses) == (1, 1)
    assert [s.id for s in outcomes[1].facts.symbols] == ["b:h"]


def _repo_of(tmp_path: Path, files: int) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for n in range(files):
        (repo / f"m{n}.py").write_text(f"def f{n}():\n    return {n}\n")
    return repo


@pytest.mark.parametrize("jobs", [1, 2])
def test_per_file_entries_live_in_one_pack_per_run_and_are_reused(tmp_path, jobs):
    repo = _repo_of(tmp_path, 20)  # enough for the process pool
    first = FactsCache.at(tmp_path / "cache", repo=repo)
    outcomes = _parsed(repo, first, jobs)
    packs = list((tmp_path / "cache").rglob("*.pack"))
    assert (first.hits, first.misses, len(packs)) == (0, 20, 1)

    warm = FactsCache.at(tmp_path / "cache", repo=repo)
    assert _parsed(repo, warm, jobs) == outcomes
    assert (warm.hits, warm.misses) == (20, 0)
    assert len(list((tmp_path / "cache").rglob("*.pack"))) == 1  # nothing new to store


def test_a_damaged_pack_is_ignored_and_a_damaged_entry_is_analysed_again(tmp_path):
    repo = _repo_of(tmp_path, 20)
    outcomes = _parsed(repo, FactsCache.at(tmp_path / "c", repo=repo), 2)
    [pack] = (tmp_path / "c").rglob("*.pack")
    entries = pickle.loads(pack.read_bytes())
    entries[next(iter(entries))] = b"not a pickle"
    pack.write_bytes(pickle.dumps(entries))
    again = FactsCache.at(tmp_path / "c", repo=repo)
    assert _parsed(repo, again, 2) == outcomes
    assert (again.hits, again.misses) == (19, 1)

    for damage in (b"garbage", b"cdecomposer.model\nNoSuchClass\n."):  # the second
        for old in (tmp_path / "c").rglob("*.pack"):  # raises AttributeError when loaded
            old.write_bytes(damage)
        cold = FactsCache.at(tmp_path / "c", repo=repo)
        assert _parsed(repo, cold, 2) == outcomes
        assert (cold.hits, cold.misses) == (0, 20)


def test_a_run_without_a_cache_keeps_no_results_for_it(tmp_path):
    repo = _repo_of(tmp_path, 20)
    cache = FactsCache.at(None, repo=repo)
    _parsed(repo, cache, 2)
    cache.add_to_pack("ab" * 20, b"x")
    assert cache.packed == {} and cache._new == {}


def test_packs_that_pile_up_are_rewritten_as_one_holding_only_live_entries(tmp_path):
    repo = _repo_of(tmp_path, 3)
    for n in range(MAX_PACKS + 1):  # each run edits a file: one more small pack
        (repo / "m0.py").write_text(f"def edited():\n    return {n}\n")
        _parsed(repo, FactsCache.at(tmp_path / "c", repo=repo), 1)
    [pack] = (tmp_path / "c").rglob("*.pack")
    assert len(pickle.loads(pack.read_bytes())) == 3


def test_the_files_of_a_helper_that_dies_are_analysed_by_the_parent(tmp_path, monkeypatch):
    import decomposer.ingest.parse as parse

    repo = _repo_of(tmp_path, 40)
    alone = parse_files(scan(repo), cache=FactsCache(None), jobs=1)

    def dies(tasks, counter, chunk, writer):  # takes files, then is killed before sending
        list(parse._claims(counter, len(tasks), chunk))
        os._exit(9)

    monkeypatch.setattr(parse, "_help", dies)
    assert parse_files(scan(repo), cache=FactsCache(None), jobs=3) == alone


def test_sharing_the_files_with_helpers_gives_what_one_process_gives(tmp_path):
    repo = _repo_of(tmp_path, 40)
    alone = parse_files(scan(repo), cache=FactsCache(None), jobs=1)
    assert parse_files(scan(repo), cache=FactsCache(None), jobs=3) == alone


def test_an_interrupted_run_keeps_what_the_helpers_finished(tmp_path, monkeypatch):
    import decomposer.ingest.parse as parse

    repo = _repo_of(tmp_path, 40)
    parent, real = os.getpid(), parse._outcome
    done = []

    def interrupted(index, task):  # Ctrl-C reaches the parent after ten files of its own
        if os.getpid() == parent:
            if len(done) == 10:
                raise KeyboardInterrupt
            done.append(index)
        return real(index, task)

    monkeypatch.setattr(parse, "_outcome", interrupted)
    cache = FactsCache.at(tmp_path / "c", repo=repo)
    with pytest.raises(KeyboardInterrupt):
        parse_files(scan(repo), cache=cache, jobs=2)
    cache.settle()
    [pack] = (tmp_path / "c").rglob("*.pack")
    assert len(pickle.loads(pack.read_bytes())) > 30  # the parent did ten


@pytest.mark.parametrize("jobs", [1, 3])
def test_progress_counts_every_file_once(tmp_path, jobs):
    repo = _repo_of(tmp_path, 40)
    ticks = []
    parse_files(scan(repo), cache=FactsCache(None), jobs=jobs, progress=ticks.append)
    assert sum(ticks) == 40 and min(ticks) > 0


def test_entries_no_run_used_for_a_month_are_pruned_once_a_day(tmp_path):
    cache = FactsCache.at(tmp_path / "cache", repo=tmp_path / "repo")
    old, used, fresh = (cache.key(bytes([i])) for i in range(3))
    for key in (old, used, fresh):
        cache.put(key, key)
    pack_dir = cache.directory / "files-oldversion" / "scope"
    pack_dir.mkdir(parents=True)
    (pack_dir / "a.pack").write_bytes(b"")
    leftover = cache.directory / old[:2] / ".tmp-killed"
    leftover.write_bytes(b"")
    month_ago = 1_000_000_000.0
    now = month_ago + (STALE_DAYS + 1) * 86_400
    for path in (cache.directory / old[:2] / old, cache.directory / used[:2] / used,
                 pack_dir / "a.pack", leftover):
        os.utime(path, (month_ago, month_ago))
    os.utime(cache.directory / fresh[:2] / fresh, (now, now))
    assert cache.get(used) == used  # a hit counts as a use (it is touched)

    cache.prune_later(now=now)  # the first time only starts the clock
    os.utime(cache.directory / ".pruned", (month_ago, month_ago))
    assert (cache.directory / old[:2] / old).exists()
    cache.prune_later(now=now)
    cache.settle()
    assert cache.get(old) is None and cache.get(used) == used and cache.get(fresh) == fresh
    assert not (cache.directory / "files-oldversion").exists()  # emptied folders go too
    assert not leftover.exists()
    (cache.directory / "files-oldversion").mkdir()
    cache.prune_later(now=now + 3600)  # within the day: nothing is walked
    cache.settle()
    assert (cache.directory / "files-oldversion").exists()


def test_pruning_never_follows_a_link_out_of_the_cache(tmp_path):
    cache = FactsCache.at(tmp_path / "cache", repo=tmp_path / "repo")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious").write_bytes(b"keep me")
    os.utime(outside / "precious", (1_000_000_000.0, 1_000_000_000.0))
    cache.directory.mkdir(parents=True)
    (cache.directory / "zz").symlink_to(outside, target_is_directory=True)
    (cache.directory / "files-v0").mkdir()
    (cache.directory / "files-v0" / "scope").symlink_to(outside, target_is_directory=True)
    (cache.directory / ".pruned").touch()
    os.utime(cache.directory / ".pruned", (1_000_000_000.0, 1_000_000_000.0))
    cache.prune_later(now=2_000_000_000.0)
    cache.settle()
    assert (outside / "precious").read_bytes() == b"keep me"
