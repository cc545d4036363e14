"""English word forms for names derived from code (tables, classes, contexts)."""

from __future__ import annotations

import re

# The parts of an identifier: ``HTTPLogEntry2`` -> HTTP, Log, Entry, 2.
IDENTIFIER_PARTS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")

# Nouns whose plural is the singular (and which must not lose a final "s").
UNCOUNTABLE = frozenset("""
    staff stock inventory data news equipment information feedback money software
    personnel mail media series species status metadata hardware firmware music audio
    traffic research knowledge insurance maintenance compliance access attendance payroll
    freight cargo luggage baggage furniture homework evidence advice
""".split())
# Irregular plurals: "childs" and "peoples" are not how anyone names a service.
IRREGULAR = {
    "child": "children", "person": "people", "man": "men", "woman": "women",
    "mouse": "mice", "foot": "feet", "tooth": "teeth", "criterion": "criteria",
    "analysis": "analyses", "shelf": "shelves", "half": "halves", "wife": "wives",
    "knife": "knives", "quiz": "quizzes",
}  # not leaf or life: "leaves" and "lives" are the leave and live of HR and streaming
# Nouns in -ing that are things, counted (``bookings``), unlike the activities that name
# a capability (``billing``, ``shipping``), which stay as they are.
COUNTABLE_ING = frozenset("""
    setting booking meeting building listing posting holding recording finding heading
    offering warning earning saving drawing painting
""".split())
_SINGULAR = {p: s for s, p in IRREGULAR.items()}
# Nouns in -us whose plural adds -es ("statuses"), unlike "houses" or "warehouses".
_US_NOUNS = frozenset("status campus virus bonus bus census prospectus syllabus surplus "
                      "nexus".split())


def singular(word: str) -> str:
    """``categories`` -> ``category``, ``orders`` -> ``order``; short words are kept."""
    if word in _SINGULAR:
        return _SINGULAR[word]
    if word.endswith("es") and word[:-2] in _US_NOUNS:
        return word[:-2]
    if len(word) <= 3 or word in UNCOUNTABLE or word in IRREGULAR:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """``category`` -> ``categories``; uncountable nouns, gerunds and participles
    (``weight-based``) stay as they are."""
    if word in UNCOUNTABLE or word.endswith("ing") and word not in COUNTABLE_ING or (
            len(word) > 4 and word.endswith("ed") and not word.endswith("eed")):
        return word
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"
