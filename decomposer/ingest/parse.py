"""Parse every scanned file, in a process pool, through the content-hash cache."""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from decomposer.ingest.cache import FactsCache, file_key
from decomposer.ingest.orm import extract_orm
from decomposer.ingest.python_facts import extract_python_facts
from decomposer.ingest.run_key import EMPTY, UNREADABLE
from decomposer.ingest.source import SourceError, parse_source
from decomposer.ingest.sql_facts import analyse_sql, parse_sql_file
from decomposer.model import (
    Failed,
    FileOutcome,
    ModuleFacts,
    Parsed,
    Scan,
    SourceFile,
    TableAccess,
)

Progress = Callable[[int], None]
# Bytes without which a file can neither define nor use an ORM model: a cheap gate in
# front of the ORM walk (most files of a monolith have none of them).
_ORM_HINTS = (b"models.", b"Model", b"Column(", b"mapped_column", b"__tablename__", b"Table(",
              b"objects.", b"session", b"Session", b"select(", b".query", b".save(",
              b".delete(", b"op.", b"migrations.",
              b"import *")  # Oscar's models.py: concrete models over star-imported bases


def parse_files(scan: Scan, *, cache: FactsCache, dialect: str | None = None, jobs: int = 0,
                progress: Progress | None = None) -> tuple[FileOutcome, ...]:
    """One outcome per scanned file, in scan order."""
    gc_was_enabled = gc.isenabled()
    gc.disable()  # many small objects survive parsing: the collector is the hidden cost
    try:
        return _parse_files(scan, cache, dialect, jobs, progress)
    finally:
        if gc_was_enabled:
            gc.enable()


def _parse_files(scan: Scan, cache: FactsCache, dialect: str | None, jobs: int,
                 progress: Progress | None) -> tuple[FileOutcome, ...]:
    # Forked workers inherit the packed entries as they are: they only look keys up (no
    # copy, no reference counts touched) and the parent takes a hit's bytes from its own.
    _PACKED.update(cache.open_packs(scan.root))
    tasks = [(source, scan.root, dialect) for source in scan.files]
    workers = jobs or os.cpu_count() or 1
    try:
        if workers > 1 and len(tasks) >= 16 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            # Big chunks: each trip through the pool's pipes costs the parent, which is busy
            # taking results in (measured at 1 M lines: chunks of 8 cost it 1.3 s more CPU
            # than chunks of 128); sixteen chunks a worker still keep the ends balanced.
            chunk = max(8, min(128, len(tasks) // (workers * 16)))
            with context.Pool(workers, initializer=gc.disable) as pool:
                done = _collect(pool.imap_unordered(_outcome_blob, enumerate(tasks),
                                                    chunksize=chunk),
                                tasks, cache, progress)
        else:
            done = _collect(map(_outcome_blob, enumerate(tasks)), tasks, cache, progress)
    finally:
        _PACKED.clear()
    return tuple(done[s.path] for s in scan.files)


def _collect(results: Iterator[tuple[int, bytes, str | None, bool]], tasks: list[Task],
             cache: FactsCache, progress: Progress | None) -> dict[str, FileOutcome]:
    done: dict[str, FileOutcome] = {}
    used: set[str] = set()
    try:
        for index, blob, key, hit in results:
            if hit and key is not None:
                blob = _PACKED[key]
            try:
                outcome = pickle.loads(blob)
            except Exception:  # a damaged cache entry (any error can come out of one)
                outcome = None
            if not isinstance(outcome, (Parsed, Failed)):  # only a cached entry can be odd:
                _PACKED.pop(key or "", None)  # analyse the file again, here
                cache.drop_from_pack(key or "")
                _, blob, key, hit = _outcome_blob((index, tasks[index]))
                outcome = pickle.loads(blob)
            cache.identities[outcome.path] = key or (
                UNREADABLE if isinstance(outcome, Failed) else EMPTY)
            if key is not None:
                used.add(key)
                if hit:
                    cache.hits += 1
                else:
                    cache.misses += 1
                    cache.add_to_pack(key, blob)
            done[outcome.path] = outcome
            if progress:
                progress(1)
    finally:  # an interrupted run keeps what it finished
        cache.save_pack(used)
    return done


# Pickled outcomes from the cache, by key, for the length of one parse_files call.
_PACKED: dict[str, bytes] = {}
Task = tuple[SourceFile, str, "str | None"]


def _outcome_blob(numbered: tuple[int, Task]) -> tuple[int, bytes | None, str | None, bool]:
    """The outcome of one file pickled once (in a worker: for the way back, and for the
    cache), its cache key (None for what is not worth caching) and whether it was cached
    (then no bytes: the parent has them)."""
    index, (source, root, dialect) = numbered
    data = _read(root, source)
    if not isinstance(data, bytes) or not data:  # unreadable, or an empty __init__.py
        outcome = data if isinstance(data, Failed) else parse_one((source, data, dialect))
        return index, pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL), None, False
    key = file_key(source, data, dialect)
    if key in _PACKED:
        return index, None, key, True
    outcome = parse_one((source, data, dialect))
    return index, pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL), key, False


def _read(root: str, source: SourceFile) -> bytes | Failed:
    try:
        return (Path(root) / source.path).read_bytes()
    except OSError as exc:
        return Failed(source.path, f"cannot read: {exc.strerror}")


def parse_one(task: tuple[SourceFile, bytes, str | None]) -> FileOutcome:
    """Facts of one file; never raises: a failure is a value."""
    source, data, dialect = task
    try:
        if source.kind == "sql":
            text = data.decode("utf-8", errors="replace")
            facts = parse_sql_file(text, source.path, dialect)
            if source.is_migration:
                facts = replace(facts, tables=tuple(replace(t, origin="migration")
                                                    for t in facts.tables))
            return Parsed(source.path, facts)
        return Parsed(source.path, _python(source, data, dialect))
    except SourceError as exc:
        return Failed(source.path, str(exc), exc.line)
    except RecursionError:
        return Failed(source.path, "too deeply nested to analyse")
    except Exception as exc:  # one bad file never stops a run; the report lists it
        return Failed(source.path, f"internal error while analysing: {exc!r}")


# The same SQL text recurs across a code base (one query per DAO method, copied around):
# analyse each distinct text once per worker. SqlUse is immutable, so sharing is safe.
_analyse_sql = functools.lru_cache(maxsize=16384)(analyse_sql)


def _python(source: SourceFile, data: bytes, dialect: str | None) -> ModuleFacts:
    parsed = parse_source(data, source.path)
    module = source.module or ""
    facts = extract_python_facts(parsed.tree, parsed.text, module=module, path=source.path,
                                 is_package=source.is_package)
    facts = replace(facts, engine=parsed.engine, warnings=parsed.warnings)
    # a models module may hold only subclasses of imported models (Oscar's partner/models.py)
    if "model" in module.lower() or any(hint in data for hint in _ORM_HINTS):
        names = {i.alias: i.target for i in facts.imports if i.source == module}
        orm = extract_orm(parsed.tree, module=module, path=source.path, names=names,
                          is_migration=source.is_migration, text=parsed.text)
        facts = replace(facts, orm_models=orm.models, orm_uses=orm.uses,
                        tables=facts.tables + orm.tables)
    accesses, tables, problems = [], [], []
    for snippet in facts.sql:
        use = _analyse_sql(snippet.text, dialect)
        if use is None:
            continue
        if use.error and snippet.executed:
            problems.append(f"line {snippet.line}: SQL not understood ({use.error})")
        evidence = " ".join(snippet.text.split())[:160]
        for mode, names in (("read", use.reads), ("write", use.writes)):
            for schema, table in names:
                via = "attr" if "__attr_" in table else "sql"
                accesses.append(TableAccess(snippet.source, table, mode, snippet.line, via,
                                            evidence, schema))
        tables.extend(use.tables)
    return replace(facts, accesses=tuple(accesses), tables=facts.tables + tuple(tables),
                   warnings=facts.warnings + tuple(problems))
