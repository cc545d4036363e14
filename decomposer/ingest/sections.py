"""Banner comments that divide a god module into sections.

A hurried team keeps a thousand-line ``dao.py`` navigable with rules::

    # ------------------------------------------------------------ payments & payouts

or a title between two rules, or an editor's ``# region payments``. Those titles are the
authors' own map of the file: which functions belong together, in their words. A file
with fewer than two banners has a header, not sections, and yields none.
"""

from __future__ import annotations

import bisect
import re

_COMMENT_BLOCK = re.compile(r"(?:^#[^\n]*\n)+", re.M)  # comments at column 0: top level
_RULE_CHARS = "-=#*~_+"
_RULE = re.compile(r"[-=#*~_+]{3,}")
_REGION = re.compile(r"#\s*region\b[\s:]*(.*)", re.I)  # the editors' folding markers
MAX_TITLE_WORDS = 8  # a longer text beside a rule is prose (a licence, a note), not a title


def banners(text: str) -> tuple[tuple[int, str], ...]:
    """(line, title) of each banner: a block of top-level comments holding a rule and a
    short title (on the rule's line, else the block's first line of text), or an editor's
    ``# region Title`` marker."""
    if "region" not in text and not any(char * 3 in text for char in _RULE_CHARS):
        return ()  # most files: no scan by regular expression
    found = []
    for match in _COMMENT_BLOCK.finditer(text):
        title = _title(match.group(0).splitlines())
        if title and len(title.split()) <= MAX_TITLE_WORDS:
            found.append((text.count("\n", 0, match.start()) + 1, title))
    return tuple(found) if len(found) >= 2 else ()


def _title(block: list[str]) -> str:
    """The banner's title; "" when the block is no banner. Editor mode lines
    (``# -*- coding: utf-8 -*-``) and a ``#!`` line are not rules."""
    region = _REGION.match(block[0])
    if region:
        return region.group(1).strip()
    block = [line for line in block if "-*-" not in line and not line.startswith("#!")]
    ruled = [line for line in block if _RULE.search(line)]
    if not ruled:
        return ""
    texts = [" ".join(_RULE.sub(" ", line.lstrip("#")).split()).strip(_RULE_CHARS + ": ")
             for line in block]
    on_rule = [t for line, t in zip(block, texts) if t and line in ruled]
    return on_rule[0] if on_rule else next((t for t in texts if t), "")


def section_at(sections: tuple[tuple[int, str], ...], line: int) -> str:
    """The title of the section holding ``line``; "" above the first banner."""
    at = bisect.bisect_left(sections, (line, "")) - 1
    return sections[at][1] if at >= 0 else ""
