"""Change history from git: per file, per symbol, and what changes together.

One ``git log -p -U0`` over the whole repository is read as a stream, newest commit
first. Symbol spans are tracked blame-style: we hold each file's spans in the
coordinates of the version the current commit produced, attribute the commit's hunks
to the spans they touch, then shift the spans into the parent's coordinates. A frozen
function in a hot file is therefore seen as frozen, and two functions of a god module
that always change together are linked.

Merges are skipped and ``--topo-order`` lists each line of development in one run,
so the walk is exact on a linear history; in a branchy one, commits of a side branch
are read in coordinates that include what the other line changed since the fork, so
their attribution to symbols is off by that many lines (file stats are unaffected).

Every failure of the repository (no git, not a repository, no commits, a broken log)
is reported in ``History.warnings``; ``mine_history`` never raises for them.
"""

from __future__ import annotations

import bisect
import io
import os
import re
import subprocess
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from decomposer.model import ChangeStats, CoChange, History

MAX_SYMBOLS_PER_COMMIT = 60  # a commit touching more symbols adds no symbol co-change
_DEFAULT_PATTERNS = ("*.py", "*.sql")
_COMMIT_MARK = "\x1e"
_FIELD_SEP = "\x1f"
_LOG_FORMAT = "%x1e%H%x1f%at%x1f%aN"
_HUNK_HEADER = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_SECONDS_PER_DAY = 86400.0
# Environment that could point git elsewhere or change how pathspecs match.
_GIT_ENV_DROP = (
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_LITERAL_PATHSPECS",
    "GIT_GLOB_PATHSPECS",
    "GIT_NOGLOB_PATHSPECS",
    "GIT_ICASE_PATHSPECS",
)
# User configuration that would change the stream we parse.
_GIT_CONFIG = (
    "core.quotepath=off",
    "log.showSignature=false",
    "log.showRoot=true",
    "diff.noprefix=false",
    "diff.mnemonicPrefix=false",
    "diff.relative=false",
)


def mine_history(
    root: str | Path,
    spans: Mapping[str, Sequence[tuple[str, int, int]]],
    *,
    since: str | None = None,
    max_commits: int | None = None,
    max_files_per_commit: int = 50,
    half_life_days: float = 180.0,
    min_cochange: int = 2,
) -> History:
    """Mine commits, churn, authors and co-change for the files and symbols in ``spans``.

    ``spans`` maps a POSIX path relative to ``root`` to ``(symbol_id, first_line,
    last_line)`` at HEAD; files with no symbols (SQL) may map to an empty sequence.
    Only keys with at least one commit in the window appear in the result.
    Commits touching more than ``max_files_per_commit`` files (or more than
    ``MAX_SYMBOLS_PER_COMMIT`` symbols) count for commits and churn, not for co-change.
    ``recent_commits`` weighs each commit by ``0.5 ** (age_days / half_life_days)``,
    age measured from the newest commit seen, so the result does not depend on today.
    """
    if half_life_days <= 0 or max_files_per_commit < 1:
        raise ValueError("half_life_days must be > 0 and max_files_per_commit >= 1")
    repo = _locate_repo(Path(root))
    if isinstance(repo, str):
        return History(available=False, warnings=(repo,))
    interest = {_normalise(path): tuple(s) for path, s in spans.items()}
    tracker = _SpanTracker({repo.prefix + path: (path, s) for path, s in interest.items()})
    tally = _Tally(max_files_per_commit, min_cochange)
    error = _stream_log(repo, _log_args(repo, interest, since, max_commits), tracker, tally)
    if error:
        return History(available=False, warnings=(error,))
    warnings = list(repo.warnings) + _window_warnings(tally.commits, since, max_commits)
    warnings += _dirty_warnings(repo, interest)
    return tally.history(half_life_days, tuple(warnings))


# ---------------------------------------------------------------- repository


@dataclass(frozen=True)
class _Repo:
    top: Path
    prefix: str  # root relative to the top of the work tree, "" or "sub/dir/"
    warnings: tuple[str, ...] = ()


def _locate_repo(root: Path) -> _Repo | str:
    """The work tree holding ``root``, or a warning saying why there is no history."""
    if not root.is_dir():
        return f"no change history: {root} is not a directory"
    try:
        found = _git(root, "rev-parse", "--show-toplevel", "--is-shallow-repository")
    except OSError:
        return "no change history: git is not installed (or not on PATH)"
    if found.returncode != 0:
        reason = _first_line(found.stderr) or "git rev-parse failed"
        return f"no change history: {root} is not in a git work tree ({reason})"
    top_line, _, shallow = found.stdout.partition("\n")
    top = Path(top_line.strip())
    if _git(top, "rev-parse", "--verify", "-q", "HEAD^{commit}").returncode != 0:
        return "no change history: the repository has no commits yet"
    prefix = root.resolve().relative_to(top.resolve()).as_posix()
    warnings = ()
    if shallow.strip() == "true":
        warnings = ("shallow clone: history is truncated, counts are lower bounds",)
    return _Repo(top, "" if prefix == "." else prefix + "/", warnings)


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        _git_command(cwd, args),
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=git_env(),
        check=False,
    )


def _git_command(cwd: Path, args: Sequence[str]) -> list[str]:
    config = [arg for item in _GIT_CONFIG for arg in ("-c", item)]
    return ["git", "-C", str(cwd), *config, *args]


def git_env() -> dict[str, str]:
    """The environment of every git command run on the analysed repository."""
    env = {k: v for k, v in os.environ.items() if k not in _GIT_ENV_DROP}
    env["LC_ALL"] = "C"  # stable error messages in warnings
    # ``git status`` refreshes and rewrites the repository's index (taking its lock) unless
    # told not to: the analysed repository is only read.
    env["GIT_OPTIONAL_LOCKS"] = "0"
    return env


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _normalise(path: str) -> str:
    return PurePosixPath(path.replace("\\", "/")).as_posix().removeprefix("./")


def _log_args(
    repo: _Repo, interest: Mapping[str, object], since: str | None, max_commits: int | None
) -> list[str]:
    """``git log`` arguments; pathspecs by extension so that renames stay visible."""
    args = ["log", "--no-merges", "--topo-order", "--no-color", "--no-ext-diff"]
    args += ["--no-textconv", "-M", "-p", "-U0", "--encoding=UTF-8"]
    args += ["--src-prefix=a/", "--dst-prefix=b/", f"--format={_LOG_FORMAT}"]
    if since:
        args.append(f"--since={since}")
    if max_commits is not None:
        args.append(f"--max-count={max(0, max_commits)}")
    return [*args, "--", *_pathspecs(repo.prefix, interest)]


def _pathspecs(prefix: str, interest: Iterable[str]) -> list[str]:
    escaped = re.sub(r"([*?\[\\])", r"\\\1", prefix)
    patterns = set(_DEFAULT_PATTERNS)
    exact = set()
    for path in interest:
        suffix = PurePosixPath(path).suffix
        if suffix and not re.search(r"[*?\[\\]", suffix):
            patterns.add("*" + suffix)
        else:
            exact.add(":(literal)" + prefix + path)
    return sorted(escaped + p for p in patterns) + sorted(exact)


def _window_warnings(commits: int, since: str | None, max_commits: int | None) -> list[str]:
    if not commits:  # a window that misses every commit looks like a code base nobody changes
        window = f" since {since}" if since else ""
        return [f"no commit{window} touches the analysed files: change frequency and "
                "co-change are empty"]
    if max_commits is not None and commits >= max_commits:
        return [f"history limited to the newest {max_commits} commits"]
    return []


def _dirty_warnings(repo: _Repo, interest: Mapping[str, object]) -> list[str]:
    """Files of interest whose working copy differs from HEAD (spans may not match)."""
    status = _git(
        repo.top, "status", "--porcelain", "-z", "--untracked-files=all", "--", repo.prefix or "."
    )
    if status.returncode != 0:
        return []
    entries = iter(status.stdout.split("\0"))
    dirty = []
    for entry in entries:
        if len(entry) < 4:
            continue
        if entry[0] in "RC":
            next(entries, None)  # the rename's source path follows
        path = entry[3:]
        if path.startswith(repo.prefix) and path[len(repo.prefix) :] in interest:
            dirty.append(path[len(repo.prefix) :])
    if not dirty:
        return []
    dirty.sort()
    examples = ", ".join(dirty[:3]) + (", ..." if len(dirty) > 3 else "")
    return [
        f"{len(dirty)} file(s) differ from HEAD (uncommitted or untracked: {examples}); "
        "their history is mapped onto the committed lines"
    ]


# ---------------------------------------------------------------- log stream


class Hunk(NamedTuple):
    """One hunk as half-open line ranges; an empty range marks where lines went."""

    old_start: int
    old_stop: int
    new_start: int
    new_stop: int


@dataclass
class _FileDiff:
    old_path: str | None = None  # None: the file was created
    new_path: str | None = None  # None: the file was deleted
    hunks: list[Hunk] = field(default_factory=list)
    binary: bool = False

    @property
    def changed(self) -> bool:
        """Content changed (a pure rename or mode change is not a change)."""
        return bool(self.hunks) or self.binary or self.old_path is None


@dataclass
class _Commit:
    timestamp: int
    author: str
    files: list[_FileDiff] = field(default_factory=list)


def _stream_log(repo: _Repo, args: list[str], tracker: _SpanTracker, tally: _Tally) -> str:
    """Run ``git log`` once and feed each commit to the tracker; an error text or ""."""
    with tempfile.TemporaryFile() as stderr:
        try:
            process = subprocess.Popen(
                _git_command(repo.top, args),
                stdout=subprocess.PIPE,
                stderr=stderr,
                env=git_env(),
            )
        except OSError as exc:
            return f"no change history: could not run git log ({exc})"
        assert process.stdout is not None
        lines = io.TextIOWrapper(process.stdout, encoding="utf-8", errors="replace", newline="\n")
        try:
            for commit in _parse_log(lines):
                tally.add(commit, tracker.apply(commit))
        except BaseException:  # Ctrl-C or a bug: do not leave git running
            process.kill()
            process.wait()
            raise
        finally:
            lines.close()
        if process.wait() != 0:
            stderr.seek(0)
            reason = _first_line(stderr.read().decode("utf-8", "replace"))
            return f"no change history: git log failed ({reason or process.returncode})"
    return ""


def _parse_log(lines: Iterable[str]) -> Iterator[_Commit]:
    """Commits of a ``git log -p -U0`` stream, one at a time; hunk bodies are skipped."""
    commit: _Commit | None = None
    diff: _FileDiff | None = None
    old_left = new_left = 0  # hunk body lines still to skip
    for line in lines:
        if (old_left > 0 or new_left > 0) and line and line[0] in "+-\\":
            old_left -= line[:1] == "-"
            new_left -= line[:1] == "+"
            continue
        old_left = new_left = 0
        line = line.rstrip("\n")
        if line.startswith(_COMMIT_MARK):
            if commit is not None:
                yield commit
            commit, diff = _commit_header(line), None
        elif commit is None:
            continue
        elif line.startswith("diff --git "):
            diff = _diff_header(line[len("diff --git ") :])
            commit.files.append(diff)
        elif diff is not None and line.startswith("@@"):
            hunk, old_left, new_left = _hunk_header(line)
            if hunk is not None:
                diff.hunks.append(hunk)
        elif diff is not None:
            _diff_extended_line(diff, line)
    if commit is not None:
        yield commit


def _commit_header(line: str) -> _Commit:
    _, timestamp, author = (line[1:].split(_FIELD_SEP) + ["", "", ""])[:3]
    return _Commit(int(timestamp) if timestamp.isdigit() else 0, author.strip())


def _hunk_header(line: str) -> tuple[Hunk | None, int, int]:
    match = _HUNK_HEADER.match(line)
    if match is None:
        return None, 0, 0
    a, b, c, d = (int(g) if g is not None else 1 for g in match.groups())
    old_start = a if b else a + 1  # with no old lines, ``a`` is the line before them
    new_start = c if d else c + 1
    return Hunk(old_start, old_start + b, new_start, new_start + d), b, d


def _diff_header(rest: str) -> _FileDiff:
    """``a/X b/Y`` of ``diff --git``; later ---/+++/rename lines refine it."""
    first, remainder = _split_path(rest)
    second, _ = _split_path(remainder.lstrip(" "))
    return _FileDiff(_strip_prefix(first, "a/"), _strip_prefix(second, "b/"))


def _split_path(text: str) -> tuple[str, str]:
    if text.startswith('"'):
        return _unquote(text)
    # Unquoted and ambiguous when it holds spaces: usually both sides are equal.
    half = (len(text) - 1) // 2
    if len(text) % 2 == 1 and text[half] == " " and text[2:half] == text[half + 3 :]:
        return text[:half], text[half + 1 :]
    head, sep, tail = text.partition(" b/")
    return head, ("b/" + tail) if sep else ""


def _diff_extended_line(diff: _FileDiff, line: str) -> None:
    if line.startswith("--- "):
        diff.old_path = _diff_path(line[4:], "a/")
    elif line.startswith("+++ "):
        diff.new_path = _diff_path(line[4:], "b/")
    elif line.startswith("rename from "):
        diff.old_path = _unquote_whole(line[len("rename from ") :])
    elif line.startswith("rename to "):
        diff.new_path = _unquote_whole(line[len("rename to ") :])
    elif line.startswith("new file mode"):
        diff.old_path = None
    elif line.startswith("deleted file mode"):
        diff.new_path = None
    elif line.startswith("Binary files ") or line == "GIT binary patch":
        diff.binary = True


def _diff_path(text: str, prefix: str) -> str | None:
    text = text.rstrip("\t")  # git appends a tab to names holding a space
    if text == "/dev/null":
        return None
    return _strip_prefix(_unquote_whole(text), prefix)


def _strip_prefix(path: str | None, prefix: str) -> str | None:
    return path[len(prefix) :] if path and path.startswith(prefix) else path


def _unquote_whole(text: str) -> str:
    return _unquote(text)[0] if text.startswith('"') else text


_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(text: str) -> tuple[str, str]:
    """A C-quoted git path at the start of ``text`` and what follows it."""
    out = bytearray()
    i = 1
    while i < len(text) and text[i] != '"':
        char = text[i]
        if char == "\\" and text[i + 1 : i + 4].isdigit() and len(text[i + 1 : i + 4]) == 3:
            out.append(int(text[i + 1 : i + 4], 8) & 0xFF)
            i += 4
        elif char == "\\" and i + 1 < len(text):
            out.append(_ESCAPES.get(text[i + 1], ord("?")))
            i += 2
        else:
            out += char.encode("utf-8", "replace")
            i += 1
    return out.decode("utf-8", "replace"), text[i + 1 :]


# ---------------------------------------------------------------- span tracking


Span = tuple[str, int, int]  # symbol id, first line, last line (inclusive)


@dataclass
class _Touch:
    """What one commit changed among the files and symbols of interest."""

    files: dict[str, int]  # HEAD path -> lines added + deleted
    symbols: dict[str, int]  # symbol id -> lines added + deleted inside it
    file_count: int  # every file in the commit, of interest or not
    created: set[str] = field(default_factory=set)  # symbols born in this commit


class _SpanTracker:
    """Each file's symbol spans, in the coordinates of the commit being read."""

    def __init__(self, files: Mapping[str, tuple[str, Sequence[Span]]]) -> None:
        # git path at the current commit -> (HEAD path, spans sorted by first line)
        self._files = {
            path: (head, sorted((s for s in spans if 0 < s[1] <= s[2]), key=_span_order))
            for path, (head, spans) in files.items()
        }

    def apply(self, commit: _Commit) -> _Touch:
        """Attribute the commit's hunks, then move every touched file to its parent."""
        touch = _Touch({}, {}, len(commit.files), set())
        moved: dict[str, tuple[str, list[Span]]] = {}
        for diff in commit.files:
            tracked = self._files.pop(diff.new_path, None) if diff.new_path else None
            if tracked is None:
                continue
            head, spans = tracked
            if diff.changed:
                touch.files[head] = sum(
                    h.old_stop - h.old_start + h.new_stop - h.new_start for h in diff.hunks
                )
            spans = (_shift_spans(spans, diff.hunks, touch.symbols, touch.created)
                     if diff.hunks else spans)
            if diff.old_path is not None:  # before its creation the file has no history
                moved[diff.old_path] = (head, spans)
        self._files.update(moved)
        return touch


def _span_order(span: Span) -> tuple[int, int, str]:
    return span[1], span[2], span[0]


def _shift_spans(spans: list[Span], hunks: list[Hunk], churn: dict[str, int],
                 created: set[str]) -> list[Span]:
    """Add each span's changed lines to ``churn`` (and note the symbols born here in
    ``created``); return the spans in parent lines."""
    index = _HunkIndex(hunks)
    parent = []
    for symbol, first, last in spans:
        added = index.added_inside(first, last)
        old_first, old_last = index.old_first(first), index.old_last(last)
        # Wholly inside one hunk: created there, unless it replaced about as many old
        # lines (a re-indent or rewrite keeps its past, as ``git log -L`` sees it).
        if index.within_one_hunk(first, last) and 2 * (old_last - old_first + 1) < (
            last - first + 1
        ):
            churn[symbol] = churn.get(symbol, 0) + added
            created.add(symbol)
            continue
        changed = added + index.deleted_inside(old_first, old_last)
        if changed:
            churn[symbol] = churn.get(symbol, 0) + changed
        if old_first <= old_last:
            parent.append((symbol, old_first, old_last))
    return parent


class _HunkIndex:
    """Line mapping of one file diff from the new version to its parent."""

    def __init__(self, hunks: list[Hunk]) -> None:
        self.hunks = sorted(hunks, key=lambda h: (h.new_start, h.old_start))
        self.new_stops = [h.new_stop for h in self.hunks]
        self.old_stops = [h.old_stop for h in self.hunks]

    def _containing(self, line: int) -> Hunk | None:
        """The hunk whose added lines hold ``line``."""
        i = bisect.bisect_right(self.new_stops, line)
        if i < len(self.hunks) and self.hunks[i].new_start <= line:
            return self.hunks[i]
        return None

    def _unchanged(self, line: int) -> int:
        """Parent line of an unchanged ``line``: shifted by every hunk above it."""
        i = bisect.bisect_right(self.new_stops, line) - 1
        return line if i < 0 else line + self.hunks[i].old_stop - self.hunks[i].new_stop

    def within_one_hunk(self, first: int, last: int) -> bool:
        hunk = self._containing(first)
        return hunk is not None and last < hunk.new_stop

    def old_first(self, first: int) -> int:
        hunk = self._containing(first)
        if hunk is None:
            return self._unchanged(first)
        # Replaced lines map in order; inserted ones leave the span at the next old line.
        offset = first - hunk.new_start
        return min(hunk.old_start + offset, max(hunk.old_stop - 1, hunk.old_start))

    def old_last(self, last: int) -> int:
        hunk = self._containing(last)
        if hunk is None:
            following = self._deletion_after(last)
            # Lines deleted right after the span were its last lines.
            return following.old_stop - 1 if following else self._unchanged(last)
        if hunk.old_stop == hunk.old_start:
            return hunk.old_start - 1  # lines appended to the span: it ended before them
        if last == hunk.new_stop - 1:
            return hunk.old_stop - 1
        return min(hunk.old_start + last - hunk.new_start, hunk.old_stop - 1)

    def _deletion_after(self, last: int) -> Hunk | None:
        i = bisect.bisect_left(self.new_stops, last + 1)
        while i < len(self.hunks) and self.hunks[i].new_start == last + 1:
            if self.hunks[i].new_stop == self.hunks[i].new_start:
                return self.hunks[i]
            i += 1
        return None

    def added_inside(self, first: int, last: int) -> int:
        total = 0
        i = bisect.bisect_right(self.new_stops, first)
        while i < len(self.hunks) and self.hunks[i].new_start <= last:
            hunk = self.hunks[i]
            total += max(0, min(last + 1, hunk.new_stop) - max(first, hunk.new_start))
            i += 1
        return total

    def deleted_inside(self, old_first: int, old_last: int) -> int:
        total = 0
        i = bisect.bisect_right(self.old_stops, old_first)
        while i < len(self.hunks) and self.hunks[i].old_start <= old_last:
            hunk = self.hunks[i]
            total += max(0, min(old_last + 1, hunk.old_stop) - max(old_first, hunk.old_start))
            i += 1
        return total


# ---------------------------------------------------------------- tallies


@dataclass
class _Changes:
    timestamps: list[int] = field(default_factory=list)
    churn: int = 0
    authors: set[str] = field(default_factory=set)

    def add(self, timestamp: int, author: str, churn: int) -> None:
        self.timestamps.append(timestamp)
        self.churn += churn
        self.authors.add(author)


class _Tally:
    """Counts per key and pairs per commit, turned into a History at the end."""

    def __init__(self, max_files_per_commit: int, min_cochange: int) -> None:
        self.max_files = max_files_per_commit
        self.min_cochange = min_cochange
        self.commits = 0
        self.timestamps: list[int] = []
        self.files: dict[str, _Changes] = defaultdict(_Changes)
        self.symbols: dict[str, _Changes] = defaultdict(_Changes)
        self.file_pairs: Counter[tuple[str, str]] = Counter()
        self.symbol_pairs: Counter[tuple[str, str]] = Counter()

    def add(self, commit: _Commit, touch: _Touch) -> None:
        self.commits += 1
        self.timestamps.append(commit.timestamp)
        for key, churn in touch.files.items():
            self.files[key].add(commit.timestamp, commit.author, churn)
        for key, churn in touch.symbols.items():
            self.symbols[key].add(commit.timestamp, commit.author, churn)
        if touch.file_count > self.max_files:
            return  # a mega-commit (reformat, move, licence header) links nothing
        _count_pairs(self.file_pairs, touch.files)
        # Symbols born together say where a file was written, not what changes together.
        changed = [s for s in touch.symbols if s not in touch.created]
        if len(changed) <= MAX_SYMBOLS_PER_COMMIT:
            _count_pairs(self.symbol_pairs, changed)

    def history(self, half_life_days: float, warnings: tuple[str, ...]) -> History:
        newest = max(self.timestamps, default=0)
        return History(
            available=True,
            commits=self.commits,
            files=_stats(self.files, newest, half_life_days),
            symbols=_stats(self.symbols, newest, half_life_days),
            file_cochange=_pairs(self.file_pairs, self.min_cochange),
            symbol_cochange=_pairs(self.symbol_pairs, self.min_cochange),
            first_date=_iso_date(min(self.timestamps)) if self.timestamps else None,
            last_date=_iso_date(newest) if self.timestamps else None,
            warnings=warnings,
        )


def _count_pairs(counter: Counter[tuple[str, str]], keys: Iterable[str]) -> None:
    ordered = sorted(keys)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            counter[a, b] += 1


def _stats(
    changes: Mapping[str, _Changes], newest: int, half_life_days: float
) -> tuple[ChangeStats, ...]:
    half_life = half_life_days * _SECONDS_PER_DAY
    return tuple(
        ChangeStats(
            key=key,
            commits=len(c.timestamps),
            churn=c.churn,
            authors=tuple(sorted(c.authors)),
            last_change=_iso_date(max(c.timestamps)),
            first_change=_iso_date(min(c.timestamps)),
            recent_commits=round(sum(0.5 ** ((newest - t) / half_life) for t in c.timestamps), 4),
        )
        for key, c in sorted(changes.items())
    )


def _pairs(counter: Counter[tuple[str, str]], min_count: int) -> tuple[CoChange, ...]:
    kept = [(pair, n) for pair, n in counter.items() if n >= min_count]
    kept.sort(key=lambda item: (-item[1], item[0]))
    return tuple(CoChange(a, b, n) for (a, b), n in kept)


def _iso_date(timestamp: int) -> str:
    return datetime.fromtimestamp(timestamp, timezone.utc).date().isoformat()
