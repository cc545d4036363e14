"""Results cached by content hash, outside the analysed repository.

Per-file results go into packs, one per run and repository; whole-run results are one
pickle per entry. Every file is written to a temporary name and renamed into place, so two
runs sharing the directory never see half a file. A corrupt or stale entry is a miss.

Entries are touched when used; once a day a run removes, in a forked child, those unused
for ``STALE_DAYS`` (results of edited files, of old decomposer versions, of repositories
no longer analysed), so the directory does not grow without end.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from decomposer import __version__
from decomposer.errors import UsageError
from decomposer.forked import Children
from decomposer.model import SourceFile

CACHE_FORMAT = 1  # bump when the shape of cached facts changes
MAX_PACKS = 4  # packs of one repository before they are rewritten as one
STALE_DAYS = 30  # an entry unused this long is removed
_DAY = 86_400.0
_PRUNED = ".pruned"  # touched by the last pruning


class FactsCache:
    def __init__(self, directory: Path | None) -> None:
        self.directory = directory / f"facts-v{CACHE_FORMAT}" if directory else None
        self.hits = 0
        self.misses = 0
        self._writers = Children()
        self.packed: dict[str, bytes] = {}
        self._new: dict[str, bytes] = {}
        self._packs: list[Path] = []
        self._pack_dir: Path | None = None
        self.identities: dict[str, str] = {}  # path -> what the file was, as parsed

    @classmethod
    def at(cls, directory: str | Path | None, *, repo: str | Path) -> FactsCache:
        """A cache in ``directory`` (None disables it); never inside ``repo``."""
        if directory is None:
            return cls(None)
        path = Path(directory).expanduser().resolve()
        root = Path(repo).resolve()
        if path == root or root in path.parents:
            raise UsageError(f"cache directory {path} is inside the analysed repository; "
                             "choose another with --cache-dir or DECOMPOSER_CACHE_DIR")
        return cls(path)

    @staticmethod
    def key(data: bytes, *context: str) -> str:
        digest = hashlib.blake2b(data, digest_size=20)
        digest.update("\0".join((code_version(), str(CACHE_FORMAT), *context)).encode())
        return digest.hexdigest()

    def get(self, key: str) -> object | None:
        if self.directory is None:
            return None
        path = self.directory / key[:2] / key
        try:
            with open(path, "rb") as fh:
                value = pickle.load(fh)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
                TypeError, ValueError):
            self.misses += 1
            return None
        self.hits += 1
        _touch(path)
        return value

    def put(self, key: str, value: object) -> None:
        write_entry(self.directory, key, value)

    def put_later(self, key: str, value: object) -> None:
        """Store in a forked child while the run goes on (pickling a whole run's facts
        takes seconds); ``settle`` waits for it."""
        if self.directory is not None:
            self._writers.start(write_entry, self.directory, key, value)

    # -- whole output files (a `graph` run's): copied in and out as files, never pickled
    def put_files_later(self, key: str, paths: list[Path], meta: object) -> None:
        """Keep copies of ``paths`` and ``meta`` under ``key``, written by a forked child."""
        if self.directory is not None:
            self._writers.start(write_files, self.directory, key, paths, meta)

    def get_files(self, key: str) -> tuple[object, dict[str, Path]] | None:
        """(meta, {name: path of the kept copy}) as ``put_files_later`` kept them."""
        if self.directory is None:
            return None
        folder = self.directory / key[:2] / key
        try:
            meta, names = pickle.loads((folder / _META).read_bytes())
            files = {name: folder / name for name in names}
        except Exception:  # absent, or damaged: anything can come out of a pickle
            self.misses += 1
            return None
        self.hits += 1
        _touch(folder)
        return meta, files

    # -- per-file entries: one pack per run and repository, not one file per entry
    def holds_files_of(self, root: str | Path) -> bool:
        """Whether a run of this code version left per-file entries for ``root``: without
        them no run of it was kept either (worth knowing before reading every file)."""
        folder = self._packs_of(root)
        return folder is not None and any(folder.glob("*.pack"))

    def _packs_of(self, root: str | Path) -> Path | None:
        if self.directory is None:
            return None
        scope = hashlib.blake2b(str(Path(root).resolve()).encode(), digest_size=8).hexdigest()
        return self.directory / f"files-{code_version()}" / scope

    def open_packs(self, root: str | Path) -> dict[str, bytes]:
        """Load the pickled outcomes stored for files of ``root``, by key. Creating ten
        thousand small files cost a third of a worker's time; one pack costs nothing."""
        self.packed, self._new, self._packs = {}, {}, []
        self._pack_dir = self._packs_of(root)
        if self._pack_dir is None:
            return self.packed
        for path in sorted(self._pack_dir.glob("*.pack"), key=_age):  # newest entries win
            try:
                entries = pickle.loads(path.read_bytes())
            except Exception:  # anything can come out of a damaged pickle
                entries = None
            if isinstance(entries, dict):
                self.packed.update(entries)
                _touch(path)
            self._packs.append(path)  # a damaged pack goes at the next compaction
        return self.packed

    def add_to_pack(self, key: str, outcome: object) -> None:
        """An outcome to store: pickled already (bytes), or to be pickled by the writer."""
        if self.directory is not None:
            self._new[key] = outcome

    def drop_from_pack(self, key: str) -> None:
        """A packed entry that turned out damaged: never written back."""
        self.packed.pop(key, None)

    def save_pack(self, used: set[str]) -> None:
        """Store this run's new entries, in a forked child (``settle`` waits for it); once
        packs pile up, rewrite them as one holding only the entries this run used (edited
        files leave stale ones behind)."""
        if self._pack_dir is None:
            return
        compact = len(self._packs) >= MAX_PACKS
        entries = ({k: self._new.get(k) or self.packed[k] for k in used
                    if k in self._new or k in self.packed} if compact else self._new)
        self._new = {}
        if entries or compact:
            self._writers.start(_write_pack, self._pack_dir, entries,
                                list(self._packs) if compact else [])

    def prune_later(self, now: float | None = None) -> None:
        """Once a day, remove entries unused for ``STALE_DAYS`` (in a forked child, which
        the end of the run waits for with the cache writers)."""
        if self.directory is None:
            return
        now = time.time() if now is None else now
        marker = self.directory / _PRUNED
        last = _age(marker)
        if not last:  # a new cache (or one from before pruning): the clock starts now
            with contextlib.suppress(OSError):
                self.directory.mkdir(parents=True, exist_ok=True)
                marker.touch()
        elif now - last >= _DAY:
            self._writers.start(prune, self.directory, now)

    def settle(self) -> None:
        self._writers.wait()  # a failed write only costs time on the next run


def prune(directory: Path, now: float) -> None:
    """Remove what no run used for ``STALE_DAYS``: packs and their emptied folders,
    whole-run entries, and temporary files a killed run left (after a day)."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / _PRUNED).touch()  # first, so that a run beside this one skips
        children = list(directory.iterdir())
    except OSError:
        return
    stale = now - STALE_DAYS * _DAY
    for child in children:
        if child.name.startswith("files-") and _real_folder(child):
            for scope in _listing(child):
                if not _real_folder(scope):
                    continue
                for pack in _listing(scope):
                    if _age(pack) < stale:
                        _remove(pack)
                _remove_if_empty(scope)
            _remove_if_empty(child)
        elif len(child.name) == 2 and _real_folder(child):  # whole-run entries by key
            for entry in _listing(child):
                left = entry.name.startswith(".tmp-") and _age(entry) < now - _DAY
                if left or _age(entry) < stale:
                    _remove(entry)


def _real_folder(path: Path) -> bool:
    """A folder, not a link to one: pruning never reaches out of the cache directory."""
    return path.is_dir() and not path.is_symlink()


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):  # another run removed it first: nothing to do
        if _real_folder(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _remove_if_empty(folder: Path) -> None:
    with contextlib.suppress(OSError):
        folder.rmdir()  # refused unless empty


def _touch(path: Path) -> None:
    """Mark an entry as used (its age is the time since a run last used it)."""
    with contextlib.suppress(OSError):
        os.utime(path)


def _write_pack(folder: Path, entries: dict[str, object], replaced: list[Path]) -> None:
    blobs = {key: value if isinstance(value, bytes)
             else pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
             for key, value in entries.items()}
    if blobs:
        write_blob(folder, f"{uuid.uuid4().hex}.pack",
                   pickle.dumps(blobs, protocol=pickle.HIGHEST_PROTOCOL), flat=True)
    for path in replaced:
        path.unlink(missing_ok=True)


def _age(path: Path) -> float:
    try:
        return path.lstat().st_mtime
    except OSError:
        return 0.0


@functools.cache
def code_version(*folders: str) -> str:
    """The release plus a hash of the extractors' own code (and of ``folders``, relative to
    the installation's top, such as ``reports``), so that an edited decomposer (a
    development checkout between releases) never reads results made by older code."""
    digest = hashlib.blake2b(__version__.encode(), digest_size=12)
    package = Path(__file__).resolve().parent
    top = package.parent.parent  # holds decomposer/, reports/, scoring/
    paths = [*sorted(package.glob("*.py")), package.parent / "model.py"]
    for folder in folders:
        paths += sorted((top / folder).glob("*.py"))
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def file_key(source: SourceFile, data: bytes, dialect: str | None) -> str:
    """The key of one file's outcome: its bytes and everything that shapes how they are read."""
    return FactsCache.key(data, source.path, source.module or "", source.kind,
                          str(source.is_migration), str(source.is_package), dialect or "")


def write_entry(directory: Path | None, key: str, value: object) -> None:
    """Store one entry."""
    if directory is not None:
        write_blob(directory, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


_META = "meta.pickle"


def write_files(directory: Path, key: str, paths: list[Path], meta: object) -> None:
    """Copy files into one entry folder, made under a temporary name and renamed into
    place whole, so that a reader finds all of it or nothing."""
    folder = directory / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder, prefix=".tmp-"))
    except OSError:
        return  # a cache that cannot be written only costs time
    try:
        for path in paths:
            shutil.copyfile(path, staging / path.name)
        (staging / _META).write_bytes(pickle.dumps((meta, [path.name for path in paths]),
                                                   protocol=pickle.HIGHEST_PROTOCOL))
        os.rename(staging, folder / key)  # refused when another run got there first
    except OSError:
        shutil.rmtree(staging, ignore_errors=True)


def write_blob(directory: Path | None, key: str, blob: bytes, *, flat: bool = False) -> None:
    """Store one entry already pickled (under a folder named by its first two characters,
    unless ``flat``)."""
    if directory is None:
        return
    folder = directory if flat else directory / key[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, folder / key)
    except OSError:
        pass  # a cache that cannot be written only costs time
