"""Functions, procedures and triggers in SQL files, with the tables their bodies touch.

sqlglot does not read procedural bodies (PL/pgSQL, T-SQL, PL/SQL, MySQL compound
statements), so the header is read from tokens and the body is tokenised: each embedded
DML statement is cut out and parsed on its own by sqlglot; control flow around it
(IF ... THEN, loops, assignments) is skipped.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.tokens import Token, TokenType

from decomposer.ingest.sql_access import (
    TableKey,
    parse_clean,
    qualified,
    table_accesses,
    tokenize,
)
from decomposer.ingest.sql_split import Statement, replace_placeholders
from decomposer.model import Routine

# Words that start an embedded DML statement inside a routine body.
_DML_STARTERS = frozenset({"SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "MERGE",
                           "REPLACE", "TRUNCATE", "PERFORM"})
# Words that end such a statement when met outside parentheses and CASE.
_BODY_STOPS = frozenset({"LOOP", "THEN", "ELSE", "ELSIF", "ELSEIF", "WHEN", "END"})
_NOT_WORDS = frozenset({TokenType.STRING, TokenType.IDENTIFIER, TokenType.HEREDOC_STRING,
                        TokenType.NATIONAL_STRING, TokenType.RAW_STRING})

def routine_from(stmt: Statement, dialects: tuple[str, ...], source: str) -> Routine | None:
    """The Routine a CREATE FUNCTION/PROCEDURE/TRIGGER defines, with its body's tables."""
    tokens = tokenize(stmt.text, dialects)
    if tokens is None:
        return None
    k = next((i for i, t in enumerate(tokens) if t.text.upper() in _ROUTINE_WORDS), None)
    if k is None:
        return None
    kind = _ROUTINE_WORDS[tokens[k].text.upper()]
    i = k + 1
    while i < len(tokens) and tokens[i].text.upper() in ("BODY", "IF", "NOT", "EXISTS"):
        i += 1
    name, i = _dotted_name(tokens, i)
    if not name:
        return None
    on_table = None
    if kind == "trigger":
        on_table, i = _trigger_table(tokens, i)
    else:
        i = _skip_parens(tokens, i)
    body_tokens, body_text = _routine_body(tokens, i, stmt.text, dialects)
    reads, writes = _scan_body(body_tokens, body_text, dialects)
    return Routine(
        name=name, kind=kind, reads=tuple(sorted(qualified(k) for k in reads)),
        writes=tuple(sorted(qualified(k) for k in writes)), source=source, on_table=on_table,
    )


_ROUTINE_WORDS = {"FUNCTION": "function", "PROCEDURE": "procedure", "PROC": "procedure",
                  "TRIGGER": "trigger", "PACKAGE": "procedure"}


def _dotted_name(tokens: list[Token], i: int) -> tuple[str, int]:
    parts: list[str] = []
    while i < len(tokens) and tokens[i].token_type not in (TokenType.L_PAREN, TokenType.STRING):
        parts.append(tokens[i].text.lower())
        if i + 1 < len(tokens) and tokens[i + 1].token_type == TokenType.DOT:
            i += 2
            continue
        i += 1
        break
    return ".".join(parts), i


def _trigger_table(tokens: list[Token], i: int) -> tuple[str | None, int]:
    """Table after ON, and where the trigger's body starts."""
    on = next((j for j in range(i, len(tokens)) if tokens[j].token_type == TokenType.ON), None)
    if on is None:
        return None, i
    table, j = _dotted_name(tokens, on + 1)
    nxt = tokens[j].text.upper() if j < len(tokens) else ""
    after = tokens[j + 1].text.upper() if j + 1 < len(tokens) else ""
    if nxt in ("AFTER", "INSTEAD") or (nxt == "FOR" and after != "EACH"):
        # T-SQL puts the events after the table: ON t AFTER INSERT, UPDATE AS <body>
        j = next((m + 1 for m in range(j, len(tokens)) if tokens[m].text.upper() == "AS"), j)
    return table or None, j


def _skip_parens(tokens: list[Token], i: int) -> int:
    if i >= len(tokens) or tokens[i].token_type != TokenType.L_PAREN:
        return i
    depth = 0
    for j in range(i, len(tokens)):
        depth += {TokenType.L_PAREN: 1, TokenType.R_PAREN: -1}.get(tokens[j].token_type, 0)
        if depth == 0:
            return j + 1
    return len(tokens)


def _routine_body(tokens: list[Token], i: int, text: str, dialects: tuple[str, ...]
                  ) -> tuple[list[Token], str]:
    """Body tokens and the text they index; a quoted body (PostgreSQL) is tokenised anew."""
    for j in range(i, len(tokens) - 1):
        if tokens[j].token_type == TokenType.ALIAS and tokens[j + 1].token_type in (
            TokenType.HEREDOC_STRING, TokenType.STRING
        ):
            body = tokens[j + 1].text
            return tokenize(body, dialects) or [], body
    return tokens[i:], text


def _scan_body(tokens: list[Token], text: str, dialects: tuple[str, ...]
               ) -> tuple[set[TableKey], set[TableKey]]:
    reads: set[TableKey] = set()
    writes: set[TableKey] = set()
    i = 0
    while i < len(tokens):
        if not _starts_dml(tokens, i):
            i += 1
            continue
        end, cuts = _dml_extent(tokens, i)
        for stop in (end, *reversed(cuts)):
            trees = _parse_segment(tokens, i, stop, text, dialects)
            if trees:
                for tree in trees:
                    r, w = table_accesses(tree, in_routine=True)
                    reads |= r
                    writes |= w
                i = stop
                break
        else:
            i += 1
    return reads, writes


def _starts_dml(tokens: list[Token], i: int) -> bool:
    tok = tokens[i]
    word = tok.text.upper()
    if tok.token_type in _NOT_WORDS or word not in _DML_STARTERS:
        return False
    if word == "REPLACE":  # REPLACE INTO, not the REPLACE() function
        return i + 1 < len(tokens) and tokens[i + 1].text.upper() == "INTO"
    return True


def _dml_extent(tokens: list[Token], i: int) -> tuple[int, list[int]]:
    """End of the DML statement starting at ``i``, and earlier places it might end."""
    is_merge = tokens[i].text.upper() == "MERGE"
    depth = cases = 0
    cuts: list[int] = []
    for j in range(i + 1, len(tokens)):
        tok = tokens[j]
        kind = tok.token_type
        word = tok.text.upper() if kind not in _NOT_WORDS else ""
        if kind == TokenType.L_PAREN:
            depth += 1
        elif kind == TokenType.R_PAREN:
            depth -= 1
            if depth < 0:
                return j, cuts
        elif depth > 0:
            continue
        elif kind == TokenType.SEMICOLON:
            return j, cuts
        elif word == "CASE":
            cases += 1
        elif word == "END" and cases:
            cases -= 1
        elif word in _BODY_STOPS and not cases and not (is_merge and word in ("WHEN", "THEN")):
            return j, cuts
        elif _starts_dml(tokens, j) and tokens[j - 1].token_type != TokenType.R_PAREN:
            cuts.append(j)
    return len(tokens), cuts


def _parse_segment(tokens: list[Token], i: int, stop: int, text: str,
                   dialects: tuple[str, ...]) -> list[exp.Expression]:
    if stop <= i:
        return []
    segment = text[tokens[i].start : tokens[stop - 1].end + 1]
    if tokens[i].text.upper() == "PERFORM":  # PL/pgSQL: a SELECT whose result is dropped
        segment = "SELECT" + segment[len("PERFORM"):]
    trees, _, _ = parse_clean(replace_placeholders(segment), dialects)
    return trees
