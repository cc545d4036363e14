"""Turn a file's bytes into an ``ast`` tree, however old or odd the file is.

The standard library's ``ast`` is the fast path. When it refuses a file we try, in order:
syntax newer than this interpreter (with libcst: type parameters removed, PEP 701
f-strings triple-quoted; Python 3.14's ``except A, B:`` parenthesised token by token),
then Python 2 leftovers (rewritten token by token). Every rewrite keeps the line numbers.
What was needed is returned as the engine name and a warning, so the report can say so.
"""

from __future__ import annotations

import ast
import codecs
import io
import re
import tokenize
from dataclasses import dataclass
from warnings import catch_warnings, simplefilter

from decomposer.ingest.py2compat import rewrite_except_groups, rewrite_python2


@dataclass(frozen=True)
class ParsedSource:
    tree: ast.Module
    text: str
    engine: str  # "ast" | "libcst" | "py314-compat" | "py2-compat"
    warnings: tuple[str, ...]


class SourceError(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


# Byte order marks; UTF-32 LE's begins with UTF-16 LE's, so it is tried first.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def unicode_encoding(head: bytes) -> str | None:
    """The encoding a file's first bytes announce: a byte order mark, or without one the
    pattern of UTF-16 text that is mostly ASCII (a NUL beside every character). SQL
    Server's tools save scripts as UTF-16 (AdventureWorks' ``instawdb.sql``)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:4096]
    sample = sample[:len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    half = len(sample) / 2
    even, odd = sample[0::2].count(0) / half, sample[1::2].count(0) / half
    if odd > 0.7 and even < 0.05:
        return "utf-16-le"
    if even > 0.7 and odd < 0.05:
        return "utf-16-be"
    return None


def is_wide(encoding: str | None) -> bool:
    return bool(encoding) and encoding.startswith(("utf-16", "utf-32"))


def decode_sql(data: bytes) -> str:
    """A SQL script's text: the encoding its BOM or byte pattern announces, else UTF-8
    (identifiers are ASCII; an odd byte in a comment becomes U+FFFD)."""
    # the BOM codecs (utf-8-sig, utf-16, utf-32) drop the mark themselves
    return data.decode(unicode_encoding(data) or "utf-8", errors="replace")


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Bytes -> text honouring a BOM and a PEP 263 coding cookie; NUL bytes removed."""
    encoding = unicode_encoding(data)
    if is_wide(encoding):  # Python refuses such a file, but an editor may have saved it so
        return (data.decode(encoding, errors="replace"),
                (f"read as {encoding.upper()}: Python itself would refuse this file",))
    warnings: list[str] = []
    if b"\x00" in data:
        nul = b"\x00"
        warnings.append(f"removed {data.count(nul)} NUL byte(s)")
        data = data.replace(nul, b"")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # unknown codec in the cookie
        warnings.append(f"bad coding cookie ({exc}); read as UTF-8")
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("latin-1")
        warnings.append(f"not valid {encoding}; read as Latin-1 (add a PEP 263 coding cookie)")
    if text.startswith(codecs.BOM_UTF8.decode("utf-8")):
        text = text[1:]
    return text, tuple(warnings)


def parse_source(data: bytes, path: str) -> ParsedSource:
    text, warnings = decode(data)
    try:
        return ParsedSource(quiet_parse(text, path), text, "ast", warnings)
    except SyntaxError as first:
        error = first
    except (ValueError, RecursionError, MemoryError) as exc:
        raise SourceError(f"cannot parse: {exc}") from exc
    for engine, rewrite in _REWRITES:
        rewritten = rewrite(text)
        if rewritten is None or rewritten == text:
            continue
        note = _NOTES[engine]
        tree = _parsed(rewritten, path)
        if tree is None and engine == "libcst":  # and Python 3.14's except A, B: as well
            tree = _parsed(rewrite_except_groups(rewritten) or rewritten, path)
            note += ", and except A, B: read as except (A, B):"
        if tree is not None:
            return ParsedSource(tree, text, engine, (*warnings, note))
    raise SourceError(f"syntax error: {error.msg}", error.lineno)


def _parsed(text: str, path: str) -> ast.Module | None:
    try:
        return quiet_parse(text, path)
    except (SyntaxError, ValueError, RecursionError):
        return None


def quiet_parse(text: str, path: str) -> ast.Module:
    """``ast.parse`` without its warnings: legacy code is full of ``'\\d+'`` patterns (an
    invalid escape sequence, a SyntaxWarning on stderr from Python 3.12) that Python still
    reads, and the analysed code's habits are no news to the person running the tool."""
    with catch_warnings():
        simplefilter("ignore")
        return ast.parse(text, filename=path)


_NOTES = {
    "libcst": "syntax newer than this Python: type parameters or f-strings rewritten with "
              "libcst",
    "py314-compat": "syntax newer than this Python: except A, B: read as except (A, B):",
    "py2-compat": "Python 2 syntax: read through a compatibility rewrite",
}


def _rewrite_newer_syntax(text: str) -> str | None:
    """Drop PEP 695 type parameters and ``type X = ...`` aliases, and triple-quote the
    PEP 701 f-strings whose expressions reuse the string's quote (``f'{', '.join(x)}'``),
    keeping every line."""
    if not any(mark in text for mark in ("[", "type ", "f'", 'f"', "F'", 'F"')):
        return None
    import libcst as cst  # deferred: most files never need it, and the import costs ~0.2 s

    try:
        module = cst.parse_module(text)
    except Exception:  # libcst raises its own ParserSyntaxError and others; all mean "no"
        return None
    return module.visit(_newer_syntax_remover(cst)).code


def _newer_syntax_remover(cst):  # the class needs libcst, imported only when needed
    class RemoveNewerSyntax(cst.CSTTransformer):
        def leave_FunctionDef(self, original, updated):
            return updated.with_changes(type_parameters=None)

        def leave_ClassDef(self, original, updated):
            return updated.with_changes(type_parameters=None)

        def leave_TypeAlias(self, original, updated):
            return cst.Assign(targets=[cst.AssignTarget(updated.name)], value=updated.value)

        def leave_FormattedString(self, original, updated):
            # Python before 3.12 allows no backslash in an f-string's expressions
            # (``{s.split("SET\\n")[1]}``): their strings lose their escapes, a value no
            # reader of the structure needs
            updated = updated.with_changes(parts=[
                part.with_changes(expression=part.expression.visit(_without_escapes(cst)))
                if isinstance(part, cst.FormattedStringExpression) else part
                for part in updated.parts])
            quote, code = updated.end, cst.Module([]).code_for_node
            inside = [code(part.expression) for part in updated.parts
                      if isinstance(part, cst.FormattedStringExpression)]
            if len(quote) == 3 or not any(quote in text or "\n" in text for text in inside):
                return updated
            # Python before 3.12 ends a one-quote string at its quote, wherever it is
            return updated.with_changes(start=updated.start + quote * 2, end=quote * 3)

    return RemoveNewerSyntax()


def _without_escapes(cst):
    class WithoutEscapes(cst.CSTTransformer):
        def leave_SimpleString(self, original, updated):
            return updated.with_changes(value=re.sub(  # a line kept as a line
                r"\\(.)", lambda m: "\n" if m[1] == "\n" else "_", updated.value,
                flags=re.DOTALL))

    return WithoutEscapes()


# In this order: newer syntax first, so modern code is never taken for Python 2.
_REWRITES = (("libcst", _rewrite_newer_syntax), ("py314-compat", rewrite_except_groups),
             ("py2-compat", rewrite_python2))
