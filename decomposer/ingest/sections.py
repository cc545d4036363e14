"""Banner comments that divide a god module into sections.

A hurried team keeps a thousand-line ``dao.py`` navigable with rules::

    # ------------------------------------------------------------ payments & payouts

or a title between two rules, or an editor's ``# region payments``. Those titles are the
authors' own map of the file: which functions belong together, in their words. Only
comments between top-level statements count (code commented out inside a function, or a
string, is no banner), and a file with fewer than two banners has a header, not
sections, and yields none.
"""

from __future__ import annotations

import ast
import bisect
import re

_COMMENT_BLOCK = re.compile(r"(?:^#[^\n]*\n)+", re.M)  # comments at column 0
_RULE_CHARS = "-=#*~_+"
_RULE = re.compile(r"[-=#*~_+]{3,}")
_REGION = re.compile(r"#\s*region(?:\s+(.*)|\s*$)")  # the editors' folding markers
_NOT_A_TITLE = re.compile(r"copyright|licen[cs]e|all rights reserved|spdx|\(c\)|©", re.I)
MAX_TITLE_WORDS = 8  # a longer text beside a rule is prose (a licence, a note), not a title


def module_sections(text: str, body: list[ast.stmt]) -> tuple[tuple[int, str], ...]:
    """The banners of a parsed module that lie between its top-level statements."""
    candidates = banners(text)
    if len(candidates) < 2:  # most files: no statement spans to look at
        return ()
    starts = [node.lineno for node in body]
    ends = [node.end_lineno or node.lineno for node in body]

    def inside(line: int) -> bool:
        at = bisect.bisect_left(starts, line) - 1
        return at >= 0 and line <= ends[at]

    found = tuple(b for b in candidates if not inside(b[0]))
    return found if len(found) >= 2 else ()


def banners(text: str) -> tuple[tuple[int, str], ...]:
    """(line, title) of every banner candidate: a block of comments at column 0 holding a
    rule and a short title (on the rule's line, else the block's first line of text), or
    an editor's ``# region Title`` marker."""
    if "region" not in text and not any(char * 3 in text for char in _RULE_CHARS):
        return ()  # most files: no scan by regular expression
    found = []
    line, counted = 1, 0
    for match in _COMMENT_BLOCK.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        title = _title(match.group(0).splitlines())
        if title and len(title.split()) <= MAX_TITLE_WORDS and not _NOT_A_TITLE.search(title):
            found.append((line, title))
    return tuple(found)


def _title(block: list[str]) -> str:
    """The banner's title; "" when the block is no banner. Editor mode lines
    (``# -*- coding: utf-8 -*-``) and a ``#!`` line are not rules."""
    for line in block:
        region = _REGION.match(line)
        if region:
            return (region.group(1) or "").strip()
    block = [line for line in block if "-*-" not in line and not line.startswith("#!")]
    ruled = [bool(_RULE.search(line)) for line in block]
    if not any(ruled):
        return ""
    texts = [" ".join(_RULE.sub(" ", line.lstrip("#")).split()).strip(_RULE_CHARS + ": ")
             for line in block]
    on_rule = next((t for t, rule in zip(texts, ruled, strict=True) if t and rule), "")
    return on_rule or next((t for t in texts if t), "")


def section_at(sections: tuple[tuple[int, str], ...], line: int) -> str:
    """The title of the section holding ``line``; "" above the first banner."""
    at = bisect.bisect_left(sections, (line, "")) - 1
    return sections[at][1] if at >= 0 else ""
