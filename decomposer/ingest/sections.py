"""Banner comments that divide a god module into sections.

A hurried team keeps a thousand-line ``dao.py`` navigable with rules::

    # ------------------------------------------------------------ payments & payouts

or a title between two rules. Those titles are the authors' own map of the file: which
functions belong together, in their words. A file with fewer than two banners has a
header, not sections, and yields none.
"""

from __future__ import annotations

import bisect
import re

_COMMENT_BLOCK = re.compile(r"(?:^#[^\n]*\n)+", re.M)  # comments at column 0: top level
_RULE_CHARS = "-=#*~_+"
_RULE = re.compile(r"[-=#*~_+]{4,}")
MAX_TITLE_WORDS = 8  # a longer text beside a rule is prose (a licence, a note), not a title


def banners(text: str) -> tuple[tuple[int, str], ...]:
    """(line, title) of each banner: a block of top-level comments holding a rule and a
    short title, on the rule's line or on the lines beside it."""
    if not any(char * 4 in text for char in _RULE_CHARS):  # most files: no scan by regex
        return ()
    found = []
    for match in _COMMENT_BLOCK.finditer(text):
        block = match.group(0)
        if not _RULE.search(block):
            continue
        title = " ".join(" ".join(_RULE.sub(" ", line.lstrip("#")).split())
                         for line in block.splitlines()).strip()
        if title and len(title.split()) <= MAX_TITLE_WORDS:
            found.append((text.count("\n", 0, match.start()) + 1, title))
    return tuple(found) if len(found) >= 2 else ()


def section_at(sections: tuple[tuple[int, str], ...], line: int) -> str:
    """The title of the section holding ``line``; "" above the first banner."""
    at = bisect.bisect_left(sections, (line, "")) - 1
    return sections[at][1] if at >= 0 else ""
