"""Read Python 2 leftovers: rewrite the few statements Python 3 rejects, token by token.

Only what changes the grammar is rewritten (print and exec statements, ``except E, e``
and ``except E, (a, b)``, ``raise E, msg``, backticks, ``<>``, ``0777``, ``10L`` and
``0xffL``, ``ur''``, tuple parameters ``def f(self, (a, b))``, ``async`` and ``await`` as
plain names). Every edit stays on its line, so line numbers in the facts are the file's own.
"""

from __future__ import annotations

import io
import re
import tokenize

_OCTAL = re.compile(r"0[0-7]+$")
_LONG = re.compile(r"(\d+)[lL]$")
_STATEMENT_ENDS = (tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER)
_INTEGER = re.compile(r"(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|\d+)$")
_PY3_ASYNC = re.compile(r"\basync\s+(def|for|with)\b|\bawait\s+\w")


def rewrite_except_groups(text: str) -> str | None:
    """Python 3.14's ``except A, B:`` (PEP 758) as ``except (A, B):``, nothing else; None
    when there is none (see ``_several_types`` for how it is told from Python 2)."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    edits: list[tuple[int, int, int, str]] = []
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or tok.string != "except" or i == 0:
            continue
        if _top_level_comma(tokens, i) is not None:
            edits += _except_group(tokens, i)
    return _apply(text, edits) if edits else None


_LEADING_TABS = re.compile(r"^[ \t]*\t[ \t]*", re.MULTILINE)


def rewrite_python2(text: str) -> str | None:
    """Python 3 text with the same lines, or None when the file is not Python 2 either."""
    original = text
    if "\t" in text:  # Python 2 let tabs and spaces mix in one block (a tab: to column 8k)
        text = _LEADING_TABS.sub(lambda m: m.group().expandtabs(8), text)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None
    edits: list[tuple[int, int, int, str]] = []  # (row, col_start, col_end, replacement)
    # Before Python 3.7 ``async`` and ``await`` were names like any other (``async=True``).
    names_async = not _PY3_ASYNC.search(text)
    statement_start = True
    depth = 0
    backtick_open = False
    for i, tok in enumerate(tokens):
        kind, value, (row, col), (erow, ecol), _ = tok
        if kind in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            statement_start = True
            continue
        if kind in (tokenize.NL, tokenize.COMMENT):
            continue
        if kind == tokenize.OP and value in (":", ";") and depth == 0:
            statement_start = True  # if debug: print x  /  a = 1; print a
            continue
        if kind == tokenize.OP and value in "([{":
            depth += 1
        elif kind == tokenize.OP and value in ")]}":
            depth = max(0, depth - 1)
        if statement_start and kind == tokenize.NAME and value in ("print", "exec"):
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if nxt and not (nxt.type == tokenize.OP and nxt.string in ("(", "=", ".", ";")
                            or nxt.type in _STATEMENT_ENDS):  # a bare ``print`` is valid
                end = _statement_end(tokens, i)
                edits.append((row, ecol, ecol, "("))
                edits.append((end[0], end[1], end[1], ")"))
                if nxt.type == tokenize.OP and nxt.string == ">>":  # print >>f, x
                    edits.append((*nxt.start, nxt.end[1], ""))
        elif statement_start and kind == tokenize.NAME and value in ("except", "raise"):
            comma = _top_level_comma(tokens, i)
            if comma is not None:
                ctok = tokens[comma]
                group = _except_group(tokens, i) if value == "except" else []
                if group:  # Python 3.14 (PEP 758): except A, B: catches both
                    edits += group
                elif value == "except":  # except E, (code, msg): the tuple becomes one name
                    glued = comma + 1 < len(tokens) and tokens[comma + 1].start == ctok.end
                    edits.append((*ctok.start, ctok.end[1], " as " if glued else " as"))
                    edits += _tuple_to_name(tokens, comma + 1, "_py2_error")
                else:  # raise E, "msg" means raise E("msg")
                    end = _statement_end(tokens, i)
                    edits.append((*ctok.start, ctok.end[1], "("))
                    edits.append((end[0], end[1], end[1], ")"))
        elif kind == tokenize.NAME and value in ("def", "lambda"):
            edits += _tuple_parameters(tokens, i)
        elif kind == tokenize.NAME and (
                value in ("True", "False", "None") and (
                    _adjacent_op(tokens, i, "=") or _unpacked_to(tokens, i))
                or value in ("async", "await") and names_async):
            # names in Python 2: True = 1, True, False = 1, 0, def f(False=False),
            # f(async=True)
            edits.append((row, col, ecol, value + "_"))
        elif kind == tokenize.OP and value == "<>":
            edits.append((row, col, ecol, "!="))
        elif kind == tokenize.OP and value == "<" and _adjacent(tokens, i, ">"):
            edits.append((row, col, ecol + 1, "!="))  # 3.11+ tokenizes <> as < and >
        elif kind == tokenize.NUMBER and value == "0" and _adjacent(tokens, i, None, "NUMBER"):
            edits.append((row, col, ecol, "0o"))  # 0777 arrives as "0" then "777"
        elif kind == tokenize.NAME and value in ("L", "l") and _adjacent_after_number(tokens, i):
            edits.append((row, col, ecol, ""))  # 10L arrives as "10" then "L"
        elif kind == tokenize.ERRORTOKEN and value == "`":
            edits.append((row, col, ecol, ")" if backtick_open else "repr("))
            backtick_open = not backtick_open
        elif kind == tokenize.NUMBER and _OCTAL.match(value) and value != "0":
            edits.append((row, col, ecol, "0o" + value[1:]))
        elif kind == tokenize.NUMBER and _LONG.match(value):
            edits.append((row, col, ecol, value[:-1]))
        elif kind == tokenize.STRING and value[:2].lower() == "ur":
            edits.append((row, col, col + 2, value[1]))
        elif kind == tokenize.NAME and value.lower() == "ur" and _adjacent_string(tokens, i):
            edits.append((row, col, ecol, value[1]))  # Python 3 tokenizes ur'x' as ur, 'x'
        statement_start = False
        del erow
    if not edits:
        return None if text == original else text
    return _apply(text, edits)


def _adjacent(tokens: list[tokenize.TokenInfo], i: int, string: str | None,
              kind: str | None = None) -> bool:
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if nxt.start != tokens[i].end:
        return False
    if kind == "NUMBER":
        return nxt.type == tokenize.NUMBER and nxt.string.isdigit()
    return nxt.string == string


def _adjacent_op(tokens: list[tokenize.TokenInfo], i: int, string: str) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(nxt and nxt.type == tokenize.OP and nxt.string == string)


def _unpacked_to(tokens: list[tokenize.TokenInfo], i: int) -> bool:
    """``True, False = 1, 0``: the first of two names assigned together."""
    ahead = [t.string for t in tokens[i + 1:i + 4]]
    return len(ahead) == 3 and ahead[0] == "," and ahead[1] in ("True", "False") \
        and ahead[2] == "="


def _adjacent_string(tokens: list[tokenize.TokenInfo], i: int) -> bool:
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool(nxt and nxt.type == tokenize.STRING and nxt.start == tokens[i].end)


def _adjacent_after_number(tokens: list[tokenize.TokenInfo], i: int) -> bool:
    prev = tokens[i - 1] if i else None
    return bool(prev and prev.type == tokenize.NUMBER and prev.end == tokens[i].start
                and _INTEGER.match(prev.string))


def _except_group(tokens: list[tokenize.TokenInfo], i: int,
                  ) -> list[tuple[int, int, int, str]]:
    """``except A, B:`` at token ``i`` read as ``except (A, B):`` when it names several
    exception types (``_several_types``); no edits otherwise."""
    colon = _header_colon(tokens, i)
    if colon is None or not _several_types(tokens, i, colon):
        return []
    return [(*tokens[i + 1].start, tokens[i + 1].start[1], "("),
            (*tokens[colon].start, tokens[colon].start[1], ")")]


def _header_colon(tokens: list[tokenize.TokenInfo], i: int) -> int | None:
    """The index of the ``:`` that ends the clause header starting at token ``i``."""
    return _top_level_op(tokens, i, (":",))


def _several_types(tokens: list[tokenize.TokenInfo], i: int, colon: int) -> bool:
    """``except A, B:`` names two exception types (Python 3.14) rather than binding the
    error to a name (Python 2) when the last item is dotted or capitalised, or there are
    more than two: ``except Fault, err`` stays Python 2."""
    items: list[list[tokenize.TokenInfo]] = [[]]
    depth = 0
    for tok in tokens[i + 1:colon]:
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
        if tok.type == tokenize.OP and tok.string == "," and depth == 0:
            items.append([])
        elif tok.type != tokenize.NL:
            items[-1].append(tok)
    last = items[-1]
    if len(items) > 2:
        return True
    return bool(last) and (len(last) > 1 and all(t.type == tokenize.NAME or t.string == "."
                                                 for t in last)
                           or last[0].string[:1].isupper())


def _group_end(tokens: list[tokenize.TokenInfo], j: int) -> int | None:
    """The index of the token closing the group token ``j`` opens, when it is on the
    same line (a group over several lines is rare and left as it is)."""
    depth = 0
    for k in range(j, len(tokens)):
        tok = tokens[k]
        if tok.type == tokenize.OP and tok.string in "([{":
            depth += 1
        elif tok.type == tokenize.OP and tok.string in ")]}":
            depth -= 1
            if depth == 0:
                return k if tok.end[0] == tokens[j].start[0] else None
        elif tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
    return None


def _tuple_to_name(tokens: list[tokenize.TokenInfo], j: int, name: str,
                   ) -> list[tuple[int, int, int, str]]:
    """If token ``j`` opens a parenthesised group on one line, replace the group by ``name``."""
    if j >= len(tokens) or tokens[j].type != tokenize.OP or tokens[j].string != "(":
        return []
    end = _group_end(tokens, j)
    if end is None:
        return []
    return [(tokens[j].start[0], tokens[j].start[1], tokens[end].end[1], name)]


def _tuple_parameters(tokens: list[tokenize.TokenInfo], i: int,
                      ) -> list[tuple[int, int, int, str]]:
    """``def f(self, (a, b)):`` and ``lambda (k, v): ...``: each unpacked group of
    parameters becomes one name (Python 3 removed them, PEP 3113)."""
    is_def = tokens[i].string == "def"
    k = i + 3 if is_def else i + 1  # after "def name (" or after "lambda"
    if is_def and not (k - 1 < len(tokens) and tokens[k - 1].string == "("):
        return []
    edits: list[tuple[int, int, int, str]] = []
    depth, starts_parameter = 0, True
    while k < len(tokens):
        tok = tokens[k]
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            break
        if tok.type == tokenize.OP:
            if depth == 0 and starts_parameter and tok.string == "(":
                end = _group_end(tokens, k)
                if end is not None:
                    glued = tokens[k - 1].type == tokenize.NAME and tokens[k - 1].end == tok.start
                    edits.append((tok.start[0], tok.start[1], tokens[end].end[1],
                                  f"{' ' if glued else ''}_py2_args{len(edits) + 1}"))
                    k, starts_parameter = end + 1, False
                    continue
            if tok.string in "([{":
                depth += 1
            elif tok.string in ")]}":
                depth -= 1
                if depth < 0:  # the parameter list closed
                    break
            elif depth == 0 and (tok.string == ":" and not is_def):
                break
            starts_parameter = depth == 0 and tok.string == ","
        elif tok.type != tokenize.NL:
            starts_parameter = False
        k += 1
    return edits


def _statement_end(tokens: list[tokenize.TokenInfo], i: int) -> tuple[int, int]:
    """Where the logical line that starts at token ``i`` ends (before a comment)."""
    last = tokens[i]
    for tok in tokens[i + 1:]:
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER, tokenize.COMMENT):
            break
        if tok.type == tokenize.OP and tok.string == ";":
            break
        if tok.type != tokenize.NL:
            last = tok
    return last.end


def _top_level_comma(tokens: list[tokenize.TokenInfo], i: int) -> int | None:
    """The index of the first ``,`` outside brackets after token ``i``, before any ``:``."""
    k = _top_level_op(tokens, i, (",", ":"))
    return k if k is not None and tokens[k].string == "," else None


def _top_level_op(tokens: list[tokenize.TokenInfo], i: int, wanted: tuple[str, ...],
                  ) -> int | None:
    """The index of the first operator in ``wanted`` outside brackets after token ``i``,
    on the same logical line."""
    depth = 0
    for k in range(i + 1, len(tokens)):
        tok = tokens[k]
        if tok.type in (tokenize.NEWLINE, tokenize.ENDMARKER):
            return None
        if tok.type == tokenize.OP:
            if tok.string in "([{":
                depth += 1
            elif tok.string in ")]}":
                depth -= 1
            elif depth == 0 and tok.string in wanted:
                return k
    return None


def _apply(text: str, edits: list[tuple[int, int, int, str]]) -> str:
    lines = text.splitlines(keepends=True)
    for row, start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1], e[2]),
                                               reverse=True):
        if 0 < row <= len(lines):
            line = lines[row - 1]
            lines[row - 1] = line[:start] + replacement + line[end:]
    return "".join(lines)
