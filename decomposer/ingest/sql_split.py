"""Split SQL scripts into statements, and neutralise driver placeholders.

A whole-script ``sqlglot.parse`` stops at the first statement it cannot read, so
scripts are cut here first: on the current delimiter outside quotes, comments and
dollar-quoted bodies, and on the client-side separators that are not SQL at all
(``GO`` lines of T-SQL, ``DELIMITER`` blocks of MySQL, Oracle's ``/`` lines, psql
``\\`` meta-commands). Routine bodies keep their inner ``;``: a CREATE FUNCTION /
PROCEDURE / TRIGGER ends only when its BEGIN ... END blocks are closed, or at the
next batch separator when the script uses them.

This is a lexer, not a parser: it only decides where statements start and end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROUTINE_KINDS = frozenset({"FUNCTION", "PROCEDURE", "PROC", "TRIGGER", "PACKAGE"})
OBJECT_KINDS = ROUTINE_KINDS | frozenset(
    {"TABLE", "VIEW", "INDEX", "SCHEMA", "MATERIALIZED", "SEQUENCE", "TYPE", "DOMAIN",
     "EXTENSION", "DATABASE", "ROLE", "USER", "EVENT", "RULE", "POLICY", "COLUMN",
     "CONSTRAINT", "COLLATION", "AGGREGATE", "OPERATOR", "SYNONYM", "CAST"}
)
# After END these words close their own construct, not a BEGIN or CASE.
_END_SUFFIXES = frozenset({"IF", "LOOP", "WHILE", "REPEAT", "FOR"})
_HEAD_WORDS = 12
_WORD_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_WORD_CHARS = _WORD_START | frozenset("0123456789$#")
PLACEHOLDER = "__placeholder__"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_$#]*")


@dataclass(frozen=True)
class Statement:
    text: str
    line: int  # 1-based line of the statement's first character
    head: tuple[str, ...]  # its first words, upper-case ("CREATE", "OR", "REPLACE", "VIEW")

    @property
    def verb(self) -> str:
        return self.head[0] if self.head else ""

    @property
    def kind(self) -> str:
        """The object kind of a CREATE/ALTER/DROP ("TABLE", "VIEW", ...), else ""."""
        return next((w for w in self.head[1:] if w in OBJECT_KINDS), "")

    @property
    def is_routine(self) -> bool:
        return self.verb in ("CREATE", "ALTER") and self.kind in ROUTINE_KINDS


def split_statements(text: str, *, backslash_escapes: bool = False) -> list[Statement]:
    """Cut ``text`` into statements, each with its starting line.

    >>> [s.text for s in split_statements("SELECT 1; SELECT ';'")]
    ['SELECT 1', "SELECT ';'"]
    """
    return _Splitter(text, backslash_escapes).run()


def replace_placeholders(text: str) -> str:
    """Replace driver placeholders outside quotes by the identifier ``__placeholder__``.

    Handles ``%s``, ``%(name)s``, ``?``, ``:name``, ``$1``, ``{}``, ``{name}``; an
    identifier fits both value and identifier positions, and ``%%`` becomes ``%``.
    """
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "'\"`":
            j = _skip_quoted(text, i, c, False)
            out.append(text[i:j])
            i = j
            continue
        j = _placeholder_end(text, i)
        if j > i:
            out.append(f" {PLACEHOLDER} ")
            i = j
        elif c == "%" and text.startswith("%%", i):
            out.append("%")
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


# ---------------------------------------------------------------- placeholders


def _placeholder_end(text: str, i: int) -> int:
    """End of the placeholder starting at ``i``, or ``i`` when there is none."""
    c = text[i]
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if c == "%":
        if nxt == "s":
            return i + 2
        if nxt == "(":
            close = text.find(")s", i + 2)
            if close != -1 and _is_word(text[i + 2 : close]):
                return close + 2
    elif c == "?":
        return i + 1
    elif c == "$" and nxt.isdigit():
        return _scan_while(text, i + 1, str.isdigit)
    elif c == ":" and nxt in _WORD_START and (i == 0 or text[i - 1] not in ":\\"):
        return _scan_while(text, i + 1, lambda ch: ch in _WORD_CHARS)
    elif c == "{":
        close = text.find("}", i + 1)
        if close != -1 and (close == i + 1 or _is_word(text[i + 1 : close])):
            return close + 1
    return i


def _is_word(s: str) -> bool:
    return bool(s) and s[0] in _WORD_START and all(ch in _WORD_CHARS for ch in s)


def _scan_while(text: str, i: int, pred) -> int:
    while i < len(text) and pred(text[i]):
        i += 1
    return i


def _skip_quoted(text: str, i: int, quote: str, backslash: bool) -> int:
    """Index just past the quoted token opened at ``i`` (doubled quotes escape)."""
    j = i + 1
    n = len(text)
    while j < n:
        c = text[j]
        if backslash and c == "\\":
            j += 2
            continue
        if c == quote:
            if j + 1 < n and text[j + 1] == quote:
                j += 2
                continue
            return j + 1
        j += 1
    return n


# ---------------------------------------------------------------- splitter


class _Splitter:
    """One pass over the script; state is the statement being collected."""

    def __init__(self, text: str, backslash_escapes: bool) -> None:
        self.text = text
        self.backslash = backslash_escapes
        self.delimiter = ";"
        self.out: list[Statement] = []
        lines = [ln.strip() for ln in text.splitlines()]
        # Scripts with batch separators end routines only at the separator.
        self.batch_separated = any(_is_go(ln) or ln == "/" for ln in lines)
        self.counted_to, self.counted_lines = 0, 1  # incremental line numbers
        self._reset()

    def _reset(self) -> None:
        self.start: int | None = None
        self.words: list[str] = []
        self.depth = 0
        self.pending_end = False
        self.routine = False  # a CREATE FUNCTION/PROCEDURE/TRIGGER: track BEGIN ... END
        self.interesting = re.compile(
            "[-/'\"`$\n" + re.escape(self.delimiter[0]) + "A-Za-z_]"
        )

    def run(self) -> list[Statement]:
        text, n = self.text, len(self.text)
        i = 0
        while i < n:
            if i == 0 or text[i - 1] == "\n":
                j = self._line_directive(i)
                if j is not None:
                    i = j
                    continue
            c = text[i]
            if c == "\n":
                i += 1  # the next line's start is looked at for directives
            elif c == "-" and text.startswith("--", i):
                i = _line_end(text, i)
            elif c == "/" and text.startswith("/*", i):
                end = text.find("*/", i + 2)
                i = n if end == -1 else end + 2
            elif text.startswith(self.delimiter, i) and self._ends_here():
                self._flush(i)
                i += len(self.delimiter)
                self._reset()
            elif c in "'\"`":
                self._mark(i)
                escapes = self.backslash or (c == "'" and i > 0 and text[i - 1] in "eE")
                i = _skip_quoted(text, i, c, escapes and c == "'")
            elif c == "$" and (tag_end := _dollar_tag_end(text, i)):
                self._mark(i)
                close = text.find(text[i:tag_end], tag_end)
                i = n if close == -1 else close + (tag_end - i)
            elif c in _WORD_START and (i == 0 or text[i - 1] not in _WORD_CHARS):
                self._mark(i)
                j = _WORD.match(text, i).end()
                if self.routine or len(self.words) < _HEAD_WORDS:
                    self._word(text[i:j].upper())
                i = j
            else:
                i = self._skip_plain(i)
        self._flush(n)
        return self.out

    def _skip_plain(self, i: int) -> int:
        """Jump over characters that can neither start nor end anything."""
        found = self.interesting.search(self.text, i + 1)
        j = found.start() if found else len(self.text)
        if self.start is None:
            span = self.text[i:j]
            stripped = span.lstrip()
            if stripped:
                self.start = i + len(span) - len(stripped)
        return j

    def _mark(self, i: int) -> None:
        if self.start is None:
            self.start = i

    def _line_directive(self, i: int) -> int | None:
        """Handle a client-side line (GO, /, DELIMITER, psql meta); None if not one."""
        end = _line_end(self.text, i)
        line = self.text[i:end].strip()
        first = line.split(None, 1)[0].upper() if line else ""
        if _is_go(line) or line == "/":
            self._flush(i)
        elif first == "DELIMITER" and len(line.split()) == 2 and self._is_empty():
            self.delimiter = line.split()[1]
        elif line.startswith("\\") and self._is_empty():
            pass  # psql meta-command such as \connect or \copy
        else:
            return None
        self._reset()
        return end

    def _is_empty(self) -> bool:
        return self.start is None

    def _word(self, word: str) -> None:
        if len(self.words) < _HEAD_WORDS:
            self.words.append(word)
            self.routine = self.delimiter == ";" and Statement("", 0, tuple(self.words)).is_routine
        if not self.routine:
            return
        if self.pending_end:
            self.pending_end = False
            if word in _END_SUFFIXES:
                return
            self.depth = max(0, self.depth - 1)
        if word in ("BEGIN", "CASE"):
            self.depth += 1
        elif word == "END":
            self.pending_end = True

    def _ends_here(self) -> bool:
        if not self.routine:
            return True
        if self.batch_separated:
            return False
        depth = self.depth - (1 if self.pending_end else 0)
        return depth <= 0

    def _flush(self, end: int) -> None:
        if self.start is None:
            return
        body = self.text[self.start : end].strip()
        if body:
            self.counted_lines += self.text.count("\n", self.counted_to, self.start)
            self.counted_to = self.start
            self.out.append(Statement(body, self.counted_lines, tuple(self.words)))
        self.start = None


def _line_end(text: str, i: int) -> int:
    end = text.find("\n", i)
    return len(text) if end == -1 else end


def _is_go(line: str) -> bool:
    parts = line.split()
    return bool(parts) and parts[0].upper() == "GO" and (
        len(parts) == 1 or (len(parts) == 2 and parts[1].isdigit())
    )


def _dollar_tag_end(text: str, i: int) -> int:
    """End of a ``$tag$`` opener at ``i`` (0 if none); ``$1`` is a parameter, not a tag."""
    j = i + 1
    if j < len(text) and text[j] == "$":
        return j + 1
    if j >= len(text) or text[j] not in _WORD_START:
        return 0
    while j < len(text) and (text[j].isalnum() or text[j] == "_"):
        j += 1
    return j + 1 if j < len(text) and text[j] == "$" else 0
