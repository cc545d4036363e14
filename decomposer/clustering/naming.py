"""Readable, stable context names from dominant tables and vocabulary.

A context that holds tables is named after its aggregate root: the table most referenced
by its other tables' foreign keys and most used by its code (``orders``, not
``order_items``; ``courses`` for Django's ``core_course``), in plural.
A context without tables that is one package of the code (most of its symbols are in the
package, most of the package is in it) is named after that package (calibre's ``odf``).
Otherwise, or when that name is taken, after the word most specific to it (TF-IDF across
contexts), where words of its tables count three times those of its symbols' names.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from decomposer.clustering.kernel import UTILITY_NAMES
from decomposer.clustering.vocabulary import words
from decomposer.words import IDENTIFIER_PARTS, plural, singular

TABLE_WEIGHT = 3
HOME_SHARE = 0.6  # of the context in the package, and of the package in the context
# Folder names that say how code is laid out, not what it does.
NOT_A_NAME = UTILITY_NAMES | frozenset(
    "modules module src lib pkg package packages app apps core main site contrib".split())
# Words too technical for the clustering's vocabulary that still head a name: without them
# ``CustomField`` names a context "customs", ``ImportJob`` "imports".
HEAD_NOUNS = frozenset("field type item value job task log setting key page detail view"
                       .split())
# Nouns that modify in the plural: SalesTerritory names "sales-territories", not "sale-...".
PLURAL_MODIFIERS = frozenset("sales goods savings earnings customs arms clothes premises "
                             "proceeds".split())
# A name ends in a noun: bookwyrm's ``ReadThrough`` ("read" is technical) is no "throughs".
PREPOSITIONS = frozenset("through via over under about between within across per upon onto "
                         "against around along".split())


def name_contexts(groups: dict[int, list[str]], *, reserved: dict[int, str],
                  roots: dict[int, list[str]] | None = None,
                  labels: dict[str, str] | None = None,
                  ) -> tuple[dict[int, str], dict[int, tuple[str, ...]]]:
    """Community -> name, and community -> its top words (vocabulary).

    ``roots`` lists each community's candidate aggregate roots, best first, as display
    names; ``labels`` gives a table's name as written when its case separates words."""
    roots = roots or {}
    labels = labels or {}
    counts: dict[int, Counter[str]] = {}
    surface: dict[str, Counter[str]] = {}
    for c, members in groups.items():
        bag: Counter[str] = Counter()
        for member in members:
            if member.startswith("table:"):
                table = labels.get(member) or member[len("table:"):]
                for raw in re.split(r"[^A-Za-z0-9]+", table):
                    for word in words(raw):
                        bag[word] += TABLE_WEIGHT
                        surface.setdefault(word, Counter())[raw.lower()] += 1
            else:
                bag.update(words(member.rpartition(":")[2]))
        counts[c] = bag
    df = Counter(w for bag in counts.values() for w in bag)
    n = len(counts)
    ranked: dict[int, list[str]] = {}
    for c, bag in counts.items():
        scored = {w: tf * math.log(1 + n / df[w]) for w, tf in bag.items()}
        ranked[c] = sorted(scored, key=lambda w: (-scored[w], w))
    homes = _homes(groups)
    system = _system_words(groups, labels)
    names: dict[int, str] = dict(reserved)
    taken = {_key(name) for name in reserved.values()}
    # Contexts named by their tables first, then the rest; the biggest first in each, so
    # small ones do not take the obvious names.
    for c in sorted(groups, key=lambda c: (not roots.get(c), -len(groups[c]),
                                           min(groups[c], default=""))):
        if c in names:
            continue
        home = homes.get(c) if _key(homes.get(c, "")) not in taken else None
        names[c] = (_root_name(roots.get(c, [])[:3], taken, system) or home
                    or _pick(ranked.get(c, []), surface, taken))
        taken.add(_key(names[c]))
    vocabulary = {c: tuple(ranked.get(c, [])[:8]) for c in groups}
    return names, vocabulary


def _homes(groups: dict[int, list[str]]) -> dict[int, str]:
    """Context without tables -> the package it is, when it is one (``HOME_SHARE`` both
    ways); the deepest such package, by its last name."""
    inside: dict[int, Counter[str]] = {}
    everywhere: Counter[str] = Counter()
    for c, members in groups.items():
        packages: Counter[str] = Counter()
        for member in members:
            if not member.startswith("table:"):
                parts = member.partition(":")[0].split(".")
                packages.update(".".join(parts[:k]) for k in range(1, len(parts) + 1))
        inside[c] = packages
        everywhere.update(packages)
    out = {}
    for c, members in groups.items():
        size = sum(not m.startswith("table:") for m in members)
        if not size or size < len(members):  # owns tables: its root names it
            continue
        held = [p for p, n in inside[c].items()
                if n >= HOME_SHARE * size and n >= HOME_SHARE * everywhere[p]]
        if held:
            last = max(held, key=lambda p: (p.count("."), p)).rpartition(".")[2]
            if last.lower() not in NOT_A_NAME and words(last):
                out[c] = _slug(last)
    return out


def _root_name(roots: list[str], taken: set[str], system: frozenset[str] = frozenset(),
               ) -> str | None:
    """``StockLevel`` -> ``stock-levels``; ``orders`` -> ``orders``; ``CustomField`` ->
    ``custom-fields``. Words of the whole system's name (``system``) are left out."""
    for rank, root in enumerate(roots):
        raw = [p.lower() for p in IDENTIFIER_PARTS.findall(root)]
        # the best root names its context even when its one word is technical: Saleor's
        # third-party ``App`` (its apps, tokens and installations) had named it after
        # ExportEvent (two technical words, ``IndexMeta``, make no name)
        domain = [w for w in words(root) if w not in system] or words(root) or (
            [singular(raw[0])] if rank == 0 and len(raw) == 1 else [])
        if not domain or domain[-1] in PREPOSITIONS:
            continue
        # trailing technical nouns, which the domain words lack: CustomFieldValue's
        # "field value", HTTPLog's "log"
        parts = [singular(p) for p in raw]
        heads = []
        while parts and parts[-1] in HEAD_NOUNS:
            heads.insert(0, parts.pop())
        domain += [h for h in heads if h not in domain]
        written = dict(zip(parts, raw, strict=False))
        modifiers = [written[w] if written.get(w) in PLURAL_MODIFIERS else w
                     for w in domain[:-1]]
        last = written.get(domain[-1], domain[-1])
        # a plural too short to fold (``ads``) is kept as written, not made "adses"
        tail = last if singular(last) == last and last.endswith("s") and not last.endswith(
            ("ss", "us", "is")) else plural(domain[-1])
        name = _slug("-".join([*modifiers, tail]))
        if name and _key(name) not in taken:
            return name
    return None


def _system_words(groups: dict[int, list[str]], labels: dict[str, str]) -> frozenset[str]:
    """Words in the names of more than half of four or more tables: the system's or its one
    app's name (bookwyrm's ``bookwyrm_*`` tables and ``BookwyrmImportJob`` model), which
    tells no context from another."""
    tables = [labels.get(m) or m[len("table:"):] for members in groups.values()
              for m in members if m.startswith("table:")]
    if len(tables) < 4:
        return frozenset()
    df = Counter(w for t in tables for w in set(words(t)))
    return frozenset(w for w, n in df.items() if n > len(tables) / 2)


def _pick(ranked: list[str], surface: dict[str, Counter[str]], taken: set[str]) -> str:
    for word in ranked[:6]:
        form = _slug(surface[word].most_common(1)[0][0] if word in surface else word)
        if form and _key(form) not in taken:
            return form
    if len(ranked) >= 2:
        joined = _slug(f"{ranked[0]}-{ranked[1]}")
        if _key(joined) not in taken:
            return joined
    base = _slug(ranked[0]) if ranked else "context"
    i = 2
    while _key(f"{base}-{i}") in taken:
        i += 1
    return f"{base}-{i}"


def _key(name: str) -> str:
    """What makes two names the same to a reader: ``channel`` is ``channels``."""
    head, _, last = name.rpartition("-")
    return f"{head}-{singular(last)}" if head else singular(last)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]
