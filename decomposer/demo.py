"""Turn a bundled monolith and its history plan into a git repository.

A plan (``*.history.json``, format in the project briefs) scripts who changed which
symbol when. ``materialize`` builds a repository whose HEAD is byte-for-byte the
monolith folder and whose commits touch exactly the planned symbols, so the history
miner has something realistic and reproducible to read.

How: the states are computed backwards from the final content. Before a touch, the
symbol's body was slightly different (a stale comment, an older literal, a line not
yet written, a note since cleaned up); undoing the plan from the last commit to the
first gives every intermediate state, which are then committed forwards with fixed
authors, dates and configuration, so the same plan always gives the same hashes.

Usage: ``python -m decomposer.demo SOURCE PLAN TARGET``
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

from decomposer.ingest.source import quiet_parse

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "samples" / "legacy_shop"
SAMPLE_PLAN = SAMPLE_DIR.with_name("legacy_shop.history.json")

SKIPPED_DIRS = frozenset({".git", "__pycache__"})


def materialize(source: Path, plan: Path, target: Path) -> Path:
    """Build the git repository scripted by ``plan`` over ``source`` in ``target``.

    ``target`` must not exist or be an empty directory. Returns ``target``.
    Raises ``ValueError`` for a bad plan, a non-empty target or an untouchable symbol.
    """
    source, target = Path(source), Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ValueError(f"{target}: exists and is not empty; give a new or empty folder")
    files = read_tree(source)
    history = _load_plan(Path(plan), files)
    states = _states_backwards(files, history)
    target.mkdir(parents=True, exist_ok=True)
    _commit_forwards(states, history, target)
    return target


def build_demo_repo(target: Path) -> Path:
    """Materialise the bundled sample monolith (``SAMPLE_DIR`` + ``SAMPLE_PLAN``)."""
    return materialize(SAMPLE_DIR, SAMPLE_PLAN, target)


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (POSIX relative path -> bytes), minus ``.git``/caches."""
    out: dict[str, bytes] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in names:
            path = Path(folder, name)
            out[path.relative_to(root).as_posix()] = path.read_bytes()
    return dict(sorted(out.items()))


# ---------------------------------------------------------------- plan


@dataclass(frozen=True)
class _Commit:
    when: dt.datetime
    author: tuple[str, str]
    message: str
    add: tuple[str, ...]
    touch: tuple[str, ...]


def _load_plan(plan: Path, files: dict[str, bytes]) -> tuple[_Commit, ...]:
    raw = json.loads(plan.read_text(encoding="utf-8"))
    authors = [tuple(a) for a in raw["authors"]]
    start = dt.datetime.fromisoformat(raw["start"])
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.timezone.utc)
    if not raw["commits"]:
        raise ValueError(f"{plan}: the plan has no commits")
    added_at: dict[str, int] = {}
    commits = []
    last_day = 0.0
    for index, entry in enumerate(raw["commits"]):
        where = f"{plan}: commit {index} ({entry.get('message', '')!r})"
        day = float(entry["day"])
        if day < last_day:
            raise ValueError(f"{where}: day {day} comes before day {last_day}; sort the commits")
        last_day = day
        if not 0 <= entry["author"] < len(authors):
            raise ValueError(f"{where}: author {entry['author']} is not in 'authors'")
        for path in entry.get("add", ()):
            if path not in files:
                raise ValueError(f"{where}: adds {path}, which is not in the source folder")
            if path in added_at:
                raise ValueError(f"{where}: adds {path} again (first in commit {added_at[path]})")
            added_at[path] = index
        commits.append(_Commit(
            when=start + dt.timedelta(seconds=round(day * 86400)),
            author=authors[entry["author"]],
            message=entry["message"],
            add=tuple(entry.get("add", ())),
            touch=tuple(entry.get("touch", ())),
        ))
    for path in files:
        added_at.setdefault(path, 0)
    for index, commit in enumerate(commits):
        for touch in commit.touch:
            path = touch.split(":", 1)[0]
            if added_at.get(path, index + 1) > index:
                raise ValueError(f"{plan}: commit {index} touches {touch} before {path} exists")
    return tuple(commits)


# ---------------------------------------------------------------- states


def _states_backwards(
    files: dict[str, bytes], commits: tuple[_Commit, ...]
) -> list[dict[str, bytes]]:
    """The tree after each commit, from the final tree back to the first commit."""
    states: list[dict[str, bytes]] = [{} for _ in commits]
    current = dict(files)
    for index in range(len(commits) - 1, -1, -1):
        states[index] = current
        if index == 0:
            break
        commit = commits[index]
        before = {path: data for path, data in current.items() if path not in commit.add}
        for number, touch in enumerate(commit.touch):
            path = touch.split(":", 1)[0]
            if path in before:
                seed = f"{index}:{number}:{touch}"
                before[path] = rewind_touch(before[path], touch, seed)
        current = before
    return states


def rewind_touch(content: bytes, touch: str, seed: str) -> bytes:
    """The content of a file just before ``touch`` (``path`` or ``path:QualName``) changed it.

    The difference lies inside the symbol's lines (1 to 3 edited lines), and the
    older version still parses, so earlier touches can locate their symbols too.
    """
    path, _, qualname = touch.partition(":")
    if not qualname:
        return _rewind_whole_file(content, path, seed)
    encoding = _encoding(content)
    text = content.decode(encoding)
    for edit in range(1 + _pick(seed, "count", 3)):
        text = _rewind_symbol(text, path, qualname, f"{seed}:{edit}")
    return text.encode(encoding)


def _rewind_whole_file(content: bytes, path: str, seed: str) -> bytes:
    # Files we cannot parse (Python 2, SQL) had a note at their end, removed since.
    prefix = {".py": "# ", ".sql": "-- ", ".txt": "# ", ".cfg": "# ", ".toml": "# "}
    suffix = Path(path).suffix
    if suffix not in prefix:
        raise ValueError(f"{path}: cannot touch a {suffix or 'suffix-less'} file in a plan")
    newline = b"" if content.endswith(b"\n") or not content else b"\n"
    note = f"{prefix[suffix]}{_NOTES[_pick(seed, 'note', len(_NOTES))]}\n"
    return content + newline + note.encode("ascii")


_NOTES = (
    "TODO: handle the empty case",
    "FIXME: this is slow on big carts",
    "XXX temporary, remove after the migration",
    "TODO: move to a service",
    "NOTE: keep in sync with the mobile app",
    "FIXME: rounding issue reported by accounting",
    "TODO: log this properly",
    "HACK: until the provider fixes their API",
    "TODO: ask Marta",
    "FIXME: not thread safe",
    "XXX: copied from the old site",
    "TODO: remove once the mobile app is updated",
    "NOTE: see SHOP-231",
    "TODO: use a constant",
    "FIXME: timezone",
    "debug",
)


def _rewind_symbol(text: str, path: str, qualname: str, seed: str) -> str:
    try:
        tree = quiet_parse(text, path)
    except SyntaxError as exc:
        raise ValueError(
            f"{path}:{exc.lineno}: cannot parse, so {qualname} cannot be located; "
            f"touch the file whole ({path!r}) or not at all"
        ) from None
    node = _find_symbol(tree, qualname)
    if node is None:
        raise ValueError(f"{path}: no top-level symbol {qualname!r} to touch")
    lines = _lines(text)
    # Each edit keeps the file valid by construction (comments, literals, whole
    # simple statements), so the next edit can parse it again.
    edits = (_older_literal, _older_wording, _line_not_yet_written, _stale_trailing_note,
             _stale_comment)
    start = _pick(seed, "edit", len(edits))
    for offset in range(len(edits)):
        older = edits[(start + offset) % len(edits)](lines, node, seed)
        if older is not None and older != text:
            return older
    raise ValueError(f"{path}: cannot find a line to change inside {qualname}")


def _find_symbol(tree: ast.Module, qualname: str) -> ast.AST | None:
    body: list[ast.stmt] = tree.body
    found: ast.AST | None = None
    for part in qualname.split("."):
        found = next((n for n in _definitions(body) if n.name == part), None)
        if found is None:
            return None
        body = found.body
    return found


def _definitions(body: list[ast.stmt]):
    """Definitions of a block, also those nested under ``if``/``try`` (DESIGN.md ids)."""
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node
        elif isinstance(node, ast.If):
            yield from _definitions(node.body + node.orelse)
        elif isinstance(node, ast.Try):
            handlers = [s for h in node.handlers for s in h.body]
            yield from _definitions(node.body + handlers + node.orelse + node.finalbody)


def _statements(node: ast.AST) -> list[ast.stmt]:
    """Statements strictly inside ``node``, in source order."""
    inner = [s for s in ast.walk(node) if isinstance(s, ast.stmt) and s is not node]
    return sorted(inner, key=lambda s: (s.lineno, s.col_offset))


def _first_line(stmt: ast.stmt) -> int:
    decorators = getattr(stmt, "decorator_list", [])
    return min([stmt.lineno] + [d.lineno for d in decorators])


def _single_lines(node: ast.AST, lines: list[str]) -> list[ast.stmt]:
    """Simple statements alone on their own line (safe to edit or drop)."""
    starts: dict[int, int] = {}
    for stmt in _statements(node):
        starts[stmt.lineno] = starts.get(stmt.lineno, 0) + 1
    simple = (ast.Expr, ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Return, ast.Raise)
    return [
        s for s in _statements(node)
        if isinstance(s, simple) and s.lineno == s.end_lineno and starts[s.lineno] == 1
        and not _is_docstring(s) and "#" not in lines[s.lineno - 1]
    ]


def _is_docstring(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(
        stmt.value.value, str
    )


def _stale_comment(lines, node, seed):
    # Before: a comment line above one of the body's statements.
    # Only statements below the ``def``/``class`` line, so the comment lands inside the span.
    stmts = [s for s in _statements(node) if _first_line(s) > node.lineno]
    if not stmts:
        return None
    stmt = stmts[_pick(seed, "where", len(stmts))]
    row = _first_line(stmt)
    indent = lines[row - 1][: len(lines[row - 1]) - len(lines[row - 1].lstrip())]
    note = _NOTES[_pick(seed, "note", len(_NOTES))]
    return "".join(lines[: row - 1] + [f"{indent}# {note}\n"] + lines[row - 1:])


def _stale_trailing_note(lines, node, seed):
    # Before: a note at the end of a line, cleaned up by the touch.
    candidates = _single_lines(node, lines)
    if not candidates:
        return None
    row = candidates[_pick(seed, "where", len(candidates))].lineno
    line = lines[row - 1]
    body = line.rstrip("\r\n")
    note = _NOTES[_pick(seed, "note", len(_NOTES))]
    return "".join(lines[: row - 1] + [f"{body}  # {note}{line[len(body):]}"] + lines[row:])


def _line_not_yet_written(lines, node, seed):
    # Before: one statement of a block with several was not there yet.
    # Never the symbol's last line: the older span must end where the touch happens.
    candidates = [
        s for s in _single_lines(node, lines)
        if not isinstance(s, (ast.Return, ast.Raise)) and _siblings(node, s) > 1
        and s.end_lineno < node.end_lineno
    ]
    if len(candidates) < 3:  # keep small symbols from shrinking to nothing
        return None
    row = candidates[_pick(seed, "where", len(candidates))].lineno
    return "".join(lines[: row - 1] + lines[row:])


def _siblings(node: ast.AST, stmt: ast.stmt) -> int:
    for parent in ast.walk(node):
        for field in ("body", "orelse", "finalbody"):
            block = getattr(parent, field, None)
            if isinstance(block, list) and stmt in block:
                return len(block)
    return 0


def _older_literal(lines, node, seed):
    # Before: a number in the body had another value.
    # Tokenize the symbol alone (a whole statement tokenizes on its own): fast on big files.
    first, shift = node.body[0].lineno, node.lineno - 1
    own_lines = iter(lines[shift: node.end_lineno])
    numbers = [
        tok for tok in tokenize.generate_tokens(lambda: next(own_lines, ""))
        if tok.type == tokenize.NUMBER and first <= tok.start[0] + shift
        and tok.start[0] == tok.end[0]
    ]
    if not numbers:
        return None
    tok = numbers[_pick(seed, "where", len(numbers))]
    row, col = tok.start[0] + shift, tok.start[1]
    line = lines[row - 1]
    older = line[:col] + _older_number(tok.string, seed) + line[tok.end[1]:]
    return "".join(lines[: row - 1] + [older] + lines[row:])


def _older_wording(lines, node, seed):
    # Before: a message was worded differently (only prose, never SQL or keys).
    first, shift = node.body[0].lineno, node.lineno - 1
    own_lines = iter(lines[shift: node.end_lineno])
    messages = [
        tok for tok in tokenize.generate_tokens(lambda: next(own_lines, ""))
        if tok.type == tokenize.STRING and first <= tok.start[0] + shift
        and tok.start[0] == tok.end[0] and _is_prose(tok.string)
    ]
    if not messages:
        return None
    tok = messages[_pick(seed, "where", len(messages))]
    row = tok.start[0] + shift
    quote = tok.string[-1]
    inner = tok.string[1:-1]
    if _pick(seed, "case", 2):
        older = inner[0].swapcase() + inner[1:]
    else:
        older = inner[:-1] if inner.endswith("!") else inner.rstrip(".") + "!"
    line = lines[row - 1]
    changed = line[: tok.start[1]] + quote + older + quote + line[tok.end[1]:]
    return "".join(lines[: row - 1] + [changed] + lines[row:])


def _is_prose(literal: str) -> bool:
    if literal[0] not in "'\"" or literal[:3] in ('"""', "'''") or "\\" in literal:
        return False
    words = literal[1:-1].split()
    sql = {"select", "insert", "update", "delete", "from", "where", "join", "set", "into"}
    return len(words) >= 2 and literal[1].isalpha() and not sql & {w.lower() for w in words}


def _older_number(literal: str, seed: str) -> str:
    try:
        value = int(literal, 0)
    except ValueError:
        return literal + "1" if "." in literal and "e" not in literal.lower() else "1"
    return str(value + 1 + _pick(seed, "delta", 4))


def _encoding(content: bytes) -> str:
    # Honour a PEP 263 cookie (latin-1 files) so unchanged bytes round-trip exactly.
    return tokenize.detect_encoding(io.BytesIO(content).readline)[0]


def _lines(text: str) -> list[str]:
    # Split like the tokenizer does (not str.splitlines, which also splits on \f and friends).
    return io.StringIO(text, newline="").readlines()


def _pick(seed: str, salt: str, size: int) -> int:
    digest = hashlib.sha256(f"{seed}/{salt}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % size


# ---------------------------------------------------------------- git


def _commit_forwards(
    states: list[dict[str, bytes]], commits: tuple[_Commit, ...], target: Path
) -> None:
    with tempfile.TemporaryDirectory(prefix="decomposer-demo-home-") as home:
        hooks = Path(home, "no-hooks")
        hooks.mkdir()
        base_env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "LC_ALL": "C",
            "TZ": "UTC",
        }
        _git(["init", "-q", "--template=", "."], target, base_env, hooks)
        previous: dict[str, bytes] = {}
        for state, commit in zip(states, commits):
            _write_changes(target, previous, state)
            previous = state
            name, email = commit.author
            stamp = _git_date(commit.when)
            env = dict(base_env, GIT_AUTHOR_NAME=name, GIT_AUTHOR_EMAIL=email,
                       GIT_AUTHOR_DATE=stamp, GIT_COMMITTER_NAME=name,
                       GIT_COMMITTER_EMAIL=email, GIT_COMMITTER_DATE=stamp)
            _git(["add", "-A", "-f", "."], target, env, hooks)
            _git(["-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "-q",
                  "--allow-empty", "--no-verify", "-m", commit.message], target, env, hooks)


def _write_changes(root: Path, previous: dict[str, bytes], state: dict[str, bytes]) -> None:
    for path in previous.keys() - state.keys():
        (root / path).unlink()
    for path, data in state.items():
        if previous.get(path) != data:
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_bytes(data)
            os.chmod(root / path, 0o644)  # a stable mode, whatever the umask


def _git_date(when: dt.datetime) -> str:
    offset = when.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"@{int(when.timestamp())} {sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _git(args: list[str], cwd: Path, env: dict[str, str], hooks: Path) -> None:
    fixed = ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false",
             "-c", "core.autocrlf=false", "-c", f"core.hooksPath={hooks}",
             "-c", "core.fileMode=true"]
    done = subprocess.run(["git", *fixed, *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args[:2])} failed in {cwd}: {done.stderr.strip()}")


def _main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: python -m decomposer.demo SOURCE PLAN TARGET", file=sys.stderr)
        return 2
    try:
        print(materialize(Path(argv[0]), Path(argv[1]), Path(argv[2])))
    except (ValueError, OSError, RuntimeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
