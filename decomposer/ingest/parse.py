"""Parse every scanned file, on every core, through the content-hash cache."""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import pickle
import queue
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from decomposer.forked import processes
from decomposer.ingest.cache import FactsCache, file_key
from decomposer.ingest.odoo import extract_odoo, may_use_odoo
from decomposer.ingest.orm import alembic_revision, extract_orm
from decomposer.ingest.pydal import extract_pydal, may_use_pydal
from decomposer.ingest.python_facts import extract_python_facts
from decomposer.ingest.run_key import EMPTY, UNREADABLE
from decomposer.ingest.source import SourceError, decode_sql, parse_source
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
              b"SQLObject", b"selectBy(", b"__storm_table__", b"store.", b"Store(",
              b"objects.", b"session", b"Session", b"select(", b".query", b".save(",
              b".delete(", b"op.", b"migrations.", b"declarative_base",
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
    # Forked helpers inherit the packed entries as they are: they only look keys up (no
    # copy, no reference counts touched) and the parent takes a hit's bytes from its own.
    _PACKED.update(cache.open_packs(scan.root))
    tasks = [(source, scan.root, dialect) for source in scan.files]
    workers = processes(jobs)
    forks = "fork" in multiprocessing.get_all_start_methods()
    collector = _Collector(tasks, cache, progress)
    try:
        _share(tasks, workers - 1 if forks and len(tasks) >= 16 else 0, collector)
    finally:  # an interrupted run keeps what it finished
        _PACKED.clear()
        cache.save_pack(collector.used)
    return tuple(collector.done[s.path] for s in scan.files)


Task = tuple[SourceFile, str, "str | None"]
Result = tuple[int, "FileOutcome | None", "bytes | None", "str | None", bool]


def _share(tasks: list[Task], helpers: int, collector: _Collector) -> None:
    """Analyse every file: the parent itself, side by side with ``helpers`` forked
    processes, each taking the next few files from a shared counter until none is left.
    The parent's own outcomes never go through pickle (the cache pickles them later, in
    a child); a helper sends its outcomes pickled, in batches, which the parent takes in
    between files of its own (so little is left to unpickle once the files are done).
    Files a helper took but never sent (it was killed) are analysed by the parent."""
    total = len(tasks)
    if not helpers:
        for index in range(total):
            collector.take(_outcome(index, tasks[index]))
        return
    context = multiprocessing.get_context("fork")
    # Small claims keep the ends even; a claim costs a lock, not a trip through a pipe.
    chunk = max(1, min(32, total // ((helpers + 1) * 64)))
    counter = context.Value("q", 0)
    running = []
    for _ in range(helpers):
        reader, writer = context.Pipe(duplex=False)
        process = context.Process(target=_help, args=(tasks, counter, chunk, writer),
                                  daemon=True)
        process.start()
        writer.close()  # the helper's end: its exit shows here as the end of the pipe
        running.append((process, reader))
    try:
        own = helped = 0  # files the parent took; files the helpers took, as reported
        for claim in _claims(counter, total, chunk):
            for index in claim:
                collector.take(_outcome(index, tasks[index]))
            own += len(claim)
            taken = min(counter.value, total) - own  # read once: the helpers go on claiming
            collector.report(taken - helped)  # close enough: taken, not yet done
            helped = taken
            for _, reader in running:
                _receive(reader, collector, wait=0)
        collector.report(total - own - helped)  # what the helpers took since
        for _, reader in running:
            _receive(reader, collector, wait=None)
        for index in range(total):  # counted as the helpers'
            if tasks[index][0].path not in collector.done:
                collector.take(_outcome(index, tasks[index]), reported=True)
    except KeyboardInterrupt:  # keep what the helpers finished too (they send it now)
        for _, reader in running:
            _receive(reader, collector, wait=5)
        raise
    finally:
        for process, reader in running:
            reader.close()
            if process.is_alive():
                process.terminate()
            process.join()


def _claims(counter: Any, total: int, chunk: int) -> Iterator[range]:
    while True:
        with counter.get_lock():
            start = counter.value
            counter.value = start + chunk
        if start >= total:
            return
        yield range(start, min(start + chunk, total))


_BATCH = 64  # outcomes a helper sends at a time


def _help(tasks: list[Task], counter: Any, chunk: int, writer: Any) -> None:
    """A forked helper: analyse claimed files and send their outcomes back in batches,
    through a thread, so that it never waits for the parent to read (when interrupted,
    what is done is still sent; the parent redoes what is missing)."""
    gc.disable()
    outbox: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
    sender = threading.Thread(target=_send, args=(outbox, writer), daemon=True)
    sender.start()
    batch: list[tuple[int, bytes | None, str | None, bool]] = []
    try:
        for claim in _claims(counter, len(tasks), chunk):
            for index in claim:
                batch.append(_outcome_blob(index, tasks[index]))
            if len(batch) >= _BATCH:
                outbox.put(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
                batch = []
    except BaseException:  # interrupted, or a bug
        pass
    try:
        outbox.put(pickle.dumps(batch, pickle.HIGHEST_PROTOCOL))
        outbox.put(None)
        sender.join()
    except BaseException:
        os._exit(1)


def _send(outbox: queue.SimpleQueue[bytes | None], writer: Any) -> None:
    try:
        while (message := outbox.get()) is not None:
            writer.send_bytes(message)
    except OSError:  # the parent has gone
        pass


def _receive(reader: Any, collector: _Collector, *, wait: float | None) -> None:
    """Take in what one helper has sent: what is there (``wait`` 0), up to its end
    (None), or up to its end with ``wait`` seconds at most between two batches."""
    try:
        while not reader.closed and reader.poll(wait):
            for index, blob, key, hit in pickle.loads(reader.recv_bytes()):
                collector.take((index, None, blob, key, hit), reported=True)
    except (EOFError, OSError):  # the helper has ended (or died): nothing more comes
        reader.close()


class _Collector:
    """Takes outcomes in, in whatever order they come, and keeps the cache's books."""

    def __init__(self, tasks: list[Task], cache: FactsCache, progress: Progress | None) -> None:
        self.tasks = tasks
        self.cache = cache
        self.progress = progress
        self.done: dict[str, FileOutcome] = {}
        self.used: set[str] = set()

    def take(self, result: Result, *, reported: bool = False) -> None:
        index, outcome, blob, key, hit = result
        if hit and key is not None:
            blob = _PACKED[key]
        if outcome is None:
            try:
                outcome = pickle.loads(blob)
            except Exception:  # a damaged cache entry (any error can come out of one)
                outcome = None
            if not isinstance(outcome, (Parsed, Failed)):  # only a cached entry can be odd:
                _PACKED.pop(key or "", None)  # analyse the file again, here
                self.cache.drop_from_pack(key or "")
                index, outcome, blob, key, hit = _outcome(index, self.tasks[index])
        self.cache.identities[outcome.path] = key or (
            UNREADABLE if isinstance(outcome, Failed) else EMPTY)
        if key is not None:
            self.used.add(key)
            if hit:
                self.cache.hits += 1
            else:
                self.cache.misses += 1
                self.cache.add_to_pack(key, blob if blob is not None else outcome)
        self.done[outcome.path] = outcome
        if not reported:
            self.report(1)

    def report(self, count: int) -> None:
        if self.progress and count > 0:
            self.progress(count)


# Pickled outcomes from the cache, by key, for the length of one parse_files call.
_PACKED: dict[str, bytes] = {}


def _outcome(index: int, task: Task) -> Result:
    """The outcome of one file, its cache key (None for what is not worth caching) and
    whether it was cached (then no outcome yet: its bytes are in _PACKED)."""
    source, root, dialect = task
    data = _read(root, source)
    if not isinstance(data, bytes) or not data:  # unreadable, or an empty __init__.py
        outcome = data if isinstance(data, Failed) else parse_one((source, data, dialect))
        return index, outcome, None, None, False
    key = file_key(source, data, dialect)
    if key in _PACKED:
        return index, None, None, key, True
    return index, parse_one((source, data, dialect)), None, key, False


def _outcome_blob(index: int, task: Task) -> tuple[int, bytes | None, str | None, bool]:
    """``_outcome`` pickled once, in a helper: for the way back, and for the cache."""
    _, outcome, _, key, hit = _outcome(index, task)
    return index, None if hit else pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL), key, hit


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
            facts = parse_sql_file(decode_sql(data), source.path, dialect)
            if source.is_migration:
                facts = replace(facts, tables=tuple(replace(t, origin="migration")
                                                    for t in facts.tables))
            return Parsed(source.path, facts)
        try:
            return Parsed(source.path, _python(source, data, dialect))
        except RecursionError:  # a long concatenation: the tree is deep, not endless
            if sys.version_info < (3, 11):  # there each Python call also takes C stack
                raise
            return Parsed(source.path, _deeper(_python, source, data, dialect))
    except SourceError as exc:
        return Failed(source.path, str(exc), exc.line)
    except RecursionError:
        return Failed(source.path, "too deeply nested to analyse")
    except Exception as exc:  # one bad file never stops a run; the report lists it
        return Failed(source.path, f"internal error while analysing: {exc!r}")


# Python frames a second try may use: a ``"..." + "..."`` chain of a few thousand strings
# (SQL built line by line) is as deep as that. From Python 3.11 a Python call takes no C
# stack, so only the limit stands in the way.
DEEP_RECURSION = 20_000


def _deeper(function: Callable, *args: object) -> object:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, DEEP_RECURSION))
    try:
        return function(*args)
    finally:
        sys.setrecursionlimit(old)


# The same SQL text recurs across a code base (one query per DAO method, copied around):
# analyse each distinct text once per worker. SqlUse is immutable, so sharing is safe.
_analyse_sql = functools.lru_cache(maxsize=16384)(analyse_sql)


def _python(source: SourceFile, data: bytes, dialect: str | None) -> ModuleFacts:
    parsed = parse_source(data, source.path)
    module = source.module or ""
    facts = extract_python_facts(parsed.tree, parsed.text, module=module, path=source.path,
                                 is_package=source.is_package)
    # One copy of the facts at the end, with every field this function fills in (a
    # dataclasses.replace per step cost 3 % of a worker).
    changes: dict = {"engine": parsed.engine}
    tables, warnings = facts.tables, parsed.warnings
    # a models module may hold only subclasses of imported models (Oscar's partner/models.py)
    if "model" in module.lower() or any(hint in data for hint in _ORM_HINTS):
        names = {i.alias: i.target for i in facts.imports if i.source == module}
        orm = extract_orm(parsed.tree, module=module, path=source.path, names=names,
                          is_migration=source.is_migration, text=parsed.text)
        changes.update(orm_models=orm.models, orm_uses=orm.uses, core_tables=orm.bindings)
        tables += orm.tables
    if source.is_migration:
        changes["revision"] = alembic_revision(parsed.tree)
    accesses, sql_tables, problems = [], [], []
    if not source.is_migration and may_use_pydal(data):
        dal_tables, dal_uses = extract_pydal(parsed.tree, parsed.text, module=module,
                                             path=source.path)
        tables += dal_tables
        accesses += dal_uses
    if not source.is_migration and may_use_odoo(data):
        odoo_tables, odoo_uses = extract_odoo(parsed.tree, module=module, path=source.path)
        tables += odoo_tables
        accesses += odoo_uses
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
        sql_tables.extend(use.tables)
    return replace(facts, accesses=tuple(accesses), tables=tables + tuple(sql_tables),
                   warnings=warnings + tuple(problems), **changes)
