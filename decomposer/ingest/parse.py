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

from decomposer.ingest.cache import FactsCache, write_blob, write_entry
from decomposer.ingest.orm import extract_orm
from decomposer.ingest.python_facts import extract_python_facts
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
    root = Path(scan.root)
    outcomes: dict[str, FileOutcome] = {}
    todo: list[tuple[SourceFile, bytes, str]] = []
    for source in scan.files:
        try:
            data = (root / source.path).read_bytes()
        except OSError as exc:
            outcomes[source.path] = Failed(source.path, f"cannot read: {exc.strerror}")
            continue
        if not data:  # an empty __init__.py: nothing to cache or to send to a worker
            outcomes[source.path] = parse_one((source, data, dialect))
            if progress:
                progress(1)
            continue
        key = cache.key(data, source.path, source.module or "", source.kind,
                        str(source.is_migration), str(source.is_package), dialect or "")
        hit = cache.get(key)
        if hit is not None:
            outcomes[source.path] = hit
            if progress:
                progress(1)
        else:
            todo.append((source, data, key))
    for outcome in _run(todo, dialect, jobs, cache.directory):
        outcomes[outcome.path] = outcome
        if progress:
            progress(1)
    return tuple(outcomes[s.path] for s in scan.files if s.path in outcomes)


def _run(todo: list[tuple[SourceFile, bytes, str]], dialect: str | None,
         jobs: int, cache_dir: Path | None) -> Iterator[FileOutcome]:
    tasks = [(source, data, dialect, key, cache_dir) for source, data, key in todo]
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(tasks) < 16 or "fork" not in multiprocessing.get_all_start_methods():
        for task in tasks:
            outcome = parse_one(task[:3])
            write_entry(cache_dir, task[3], outcome)
            yield outcome
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_quiet_worker) as pool:
        for blob in pool.imap_unordered(_parse_and_store, tasks, chunksize=8):
            yield pickle.loads(blob)


def _quiet_worker() -> None:
    gc.disable()


def _parse_and_store(task: tuple[SourceFile, bytes, str | None, str, Path | None]) -> bytes:
    """In a worker: the outcome pickled once, for the cache and for the way back."""
    source, data, dialect, key, cache_dir = task
    blob = pickle.dumps(parse_one((source, data, dialect)), pickle.HIGHEST_PROTOCOL)
    write_blob(cache_dir, key, blob)
    return blob


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
                via = "attr" if table.startswith("__attr_") else "sql"
                accesses.append(TableAccess(snippet.source, table, mode, snippet.line, via,
                                            evidence, schema))
        tables.extend(use.tables)
    return replace(facts, accesses=tuple(accesses), tables=facts.tables + tuple(tables),
                   warnings=facts.warnings + tuple(problems))
