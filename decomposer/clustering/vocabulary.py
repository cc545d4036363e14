"""Domain words in identifiers: ``OrderItemDAO`` -> ``order``, ``item``.

Technical words (dao, service, get, handler...) say how code is built, not what it is
about, so they are dropped; plurals are folded so ``orders`` and ``Order`` meet.
"""

from __future__ import annotations

from collections.abc import Iterable

from decomposer.model import Table
from decomposer.words import IDENTIFIER_PARTS, singular

TECHNICAL = frozenset("""
    a an the and or of to in on at by for from with without into as is has be not no get
    set put post add remove delete del update create new old make build run do init list
    all one many find fetch load save store read write query select insert exec execute dao
    dal repo repository service services svc manager mgr helper helpers util utils utility
    base abstract impl mixin model models view views viewset serializer form forms admin
    controller handler handlers api apis rest http url urls route routes endpoint request
    response client server db sql table tables row rows record records data info obj object
    objects item value values type types id ids pk key name names self cls func fn callback
    process compute calc calculate check validate validation valid send sync async task
    tasks job jobs cron worker test tests main app apps core common misc lib libs tool
    tools config conf settings setting default error errors exception log logger logging
    debug page paginate format to_dict dict json str text string int num count total sum
    max min v1 v2 legacy tmp temp old2 new2 my is_ has_ on_ pre post_ before after class
    meta field fields column columns detail details index show edit
""".split())


def words(identifier: str) -> list[str]:
    """Domain words of one identifier, lower-case and singular."""
    out = []
    for raw in IDENTIFIER_PARTS.findall(identifier):
        word = singular(raw.lower())
        if len(word) > 2 and word not in TECHNICAL and not word.isdigit():
            out.append(word)
    return out


def table_words(table: Table, *, app: bool = True) -> list[str]:
    """Domain words of a table's name. Django's default name glues the model's words
    (``staff_accessfob``: app ``staff``, model ``AccessFob``), so they are read from the
    model's class name instead: ``staff``, ``access``, ``fob``; without ``app``, the app's
    label is left out: ``access``, ``fob``."""
    name = table.label or table.name
    model = table.defined_by.rpartition(":")[2] if table.defined_by else ""
    prefix, _, glued = name.rpartition("_")
    if model and prefix and glued == model.lower():
        if not app:
            return words(model)
        if len(words(model)) > 1:
            return words(prefix) + words(model)
    return words(name)


def words_of_all(identifiers: Iterable[str]) -> list[str]:
    return [w for identifier in identifiers for w in words(identifier)]
