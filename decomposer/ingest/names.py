"""Resolve a name as written inside a module to the symbol id it means.

Follows what a reader follows: local and module imports, aliases, re-exports through
packages' ``__init__``, star imports, ``self``/``cls`` methods up the class hierarchy, and
Django-style ``"app.Model"`` strings. Anything else (builtins, third-party code, values
computed at run time) resolves to None.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from decomposer.model import Import, ModuleFacts, Symbol

_MAX_HOPS = 8  # re-export chains longer than this are cycles or madness
# Prefix of an import target bound by a string loader (``X = get_model("app", "X")``): the
# rest is the string as the loader reads it, resolved like any string reference.
LOADED = "loaded:"


class Namespace:
    def __init__(self, modules: Iterable[ModuleFacts]) -> None:
        self.modules: dict[str, ModuleFacts] = {}
        self.symbols: dict[str, Symbol] = {}
        self.by_module: dict[str, dict[str, Symbol]] = defaultdict(dict)
        self.imports: dict[str, dict[str, Import]] = defaultdict(dict)  # source -> alias -> imp
        self.stars: dict[str, list[str]] = defaultdict(list)
        for facts in modules:
            self.modules[facts.module] = facts
            for symbol in facts.symbols:
                self.symbols[symbol.id] = symbol
                self.by_module[facts.module].setdefault(symbol.name, symbol)
            for imp in facts.imports:
                if imp.alias == "*":
                    if imp.source == facts.module:
                        self.stars[facts.module].append(imp.target)
                else:
                    self.imports[imp.source].setdefault(imp.alias, imp)
        self._methods = {
            sid: {sig.name for sig in s.signatures} | {a for a, _ in s.string_attrs}
            for sid, s in self.symbols.items() if s.kind == "class"
        }
        self._labels = _django_labels(self.symbols.values())
        self._by_tail: dict[str, list[str]] = defaultdict(list)  # last part -> modules
        for name in self.modules:
            self._by_tail[name.rpartition(".")[2]].append(name)
        self._bases: dict[str, tuple[str, ...]] = {}
        self._resolved: dict[tuple[str, str], str | None] = {}
        self._rooted = _import_roots(self.modules)

    def canonical(self, dotted: str) -> str:
        """``pgadmin.utils.X`` -> ``web.pgadmin.utils.X`` when the code runs with ``web/``
        on its path (a folder that is no package, holding the packages it imports by
        their own names); any other name as it is."""
        head, dot, rest = dotted.partition(".")
        rooted = self._rooted.get(head)
        return f"{rooted}{dot}{rest}" if rooted else dotted

    # ------------------------------------------------------------------ public
    def resolve(self, source: str, raw: str) -> str | None:
        """The symbol id ``raw`` means inside ``source`` (a symbol id or a module name)."""
        # A name is used many times in one module: resolve it once. Only self/cls and a
        # function's own imports make the answer depend on the symbol, not the module.
        head = raw.partition(".")[0]
        module = source.partition(":")[0]
        local = head in ("self", "cls") or head in self.imports.get(source, ())
        key = (source if local else module, raw)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(source, raw)
        return self._resolved[key]

    def _resolve(self, source: str, raw: str) -> str | None:
        module, _, _ = source.partition(":")
        parts = raw.split(".")
        head = parts[0]
        if head in ("self", "cls") and ":" in source:
            typed = self._attr_type(source, parts[1]) if len(parts) > 2 else None
            if typed is not None:  # self.repo.find, repo typed in a base class
                owner, kind = typed
                return self.resolve(owner, ".".join([kind, *parts[2:]]))
            return self._member(source, parts[1]) if len(parts) > 1 else None
        for scope in (source, module):
            imp = self.imports.get(scope, {}).get(head)
            if imp is not None:
                if imp.target.startswith(LOADED):
                    return self._through(self._named_by_string(imp.target[len(LOADED):]),
                                         parts[1:])
                return self.lookup(_spelled_out(imp, raw))
        local = self.by_module.get(module, {}).get(head)
        if local is not None:
            return self._through(local.id, parts[1:])
        for star in self.stars.get(module, ()):
            found = self._in_module(star, head, 0)
            if found:
                return self._through(found, parts[1:])
        return None

    def absolute(self, source: str, raw: str) -> str:
        """The absolute dotted name ``raw`` stands for inside ``source`` by its imports, or
        as a name of its own module: symbol or not (a module-level variable)."""
        module = source.partition(":")[0]
        for scope in (source, module):
            imp = self.imports.get(scope, {}).get(raw.partition(".")[0])
            if imp is not None and not imp.target.startswith(LOADED):
                return _spelled_out(imp, raw)
        return f"{module}.{raw}"

    def resolve_string(self, source: str, raw: str) -> str | None:
        """``"app.Model"`` (Django), ``"pkg.mod.Class"`` (loaders) or ``"Model"``."""
        return self.lookup(raw) or self.resolve(source, raw) or self._named_by_string(raw)

    def _named_by_string(self, raw: str, hops: int = 0) -> str | None:
        """A loader's string: an absolute name, a Django ``app.Model`` label (model names
        are case-insensitive there), or a module path below some package root (Oscar's
        ``get_class("offer.applicator", "Applicator")``) when exactly one module fits."""
        found = self.lookup(raw, hops)
        if found or hops >= _MAX_HOPS:  # two modules loading from each other: a cycle
            return found
        label, _, name = raw.rpartition(".")
        candidates = (self._labels.get((label.lower(), name))
                      or self._labels.get((label.lower(), name.lower()), ()))
        if len(candidates) == 1:
            return candidates[0]
        if not label:
            return None
        fits = set()
        for module in self._by_tail.get(label.rpartition(".")[2], ()):
            if module.endswith("." + label):
                fits.add(self._in_module(module, name, hops + 1))
        fits.discard(None)
        return fits.pop() if len(fits) == 1 else None

    def lookup(self, dotted: str, hops: int = 0) -> str | None:
        """An absolute dotted name (``shop.utils.format_money``) -> symbol id."""
        split = self.split_module(dotted)
        if split is None or not split[1]:
            return None  # no module of ours, or the module itself: an import, not a symbol
        module, rest = split
        found = self._in_module(module, rest[0], hops)
        return self._through(found, rest[1:]) if found else None

    def split_module(self, dotted: str) -> tuple[str, list[str]] | None:
        """The longest module of ours an absolute dotted name starts with, and the names
        after it; None when it starts with none."""
        found = None  # the name as the code runs it, else as written: the more of it a module
        for name in dict.fromkeys((self.canonical(dotted), dotted)):
            parts = name.split(".")
            cut = next((cut for cut in range(len(parts), 0, -1)
                        if ".".join(parts[:cut]) in self.modules), 0)
            if cut and (found is None or len(parts) - cut < len(found[1])):
                found = ".".join(parts[:cut]), parts[cut:]
        return found

    def bases(self, class_id: str) -> tuple[str, ...]:
        """Resolved base classes of a class (internal ones only)."""
        if class_id not in self._bases:
            symbol = self.symbols.get(class_id)
            found = []
            for raw in symbol.bases if symbol else ():
                base = self.resolve(class_id, raw.split("[")[0])
                if base and base != class_id:
                    found.append(base)
            self._bases[class_id] = tuple(found)
        return self._bases[class_id]

    # ------------------------------------------------------------------ helpers
    def _in_module(self, module: str, name: str, hops: int) -> str | None:
        symbol = self.by_module.get(module, {}).get(name)
        if symbol is not None:
            return symbol.id
        if hops >= _MAX_HOPS:
            return None
        imp = self.imports.get(module, {}).get(name)  # re-exported from elsewhere
        if imp is not None:
            if imp.target.startswith(LOADED):
                return self._named_by_string(imp.target[len(LOADED):], hops + 1)
            return self.lookup(imp.target, hops + 1)
        submodule = f"{module}.{name}"
        if submodule in self.modules:
            return None
        for star in self.stars.get(module, ()):
            found = self._in_module(star, name, hops + 1)
            if found:
                return found
        return None

    def _through(self, symbol_id: str | None, rest: list[str]) -> str | None:
        """``Order.objects.filter`` is a use of Order; ``Order.ship`` of Order too,
        unless ``ship`` is inherited: then of the base that defines it."""
        if symbol_id is None or not rest:
            return symbol_id
        symbol = self.symbols.get(symbol_id)
        if symbol is not None and symbol.kind == "class":
            return self._member(symbol_id, rest[0]) or symbol_id
        return symbol_id

    def _attr_type(self, class_id: str, attr: str, depth: int = 0) -> tuple[str, str] | None:
        """(class that declares it, type as written) for ``attr`` typed up the hierarchy.

        The class's own attribute types were substituted when its facts were collected;
        what reaches here was declared by a base class, in the base's module.
        """
        symbol = self.symbols.get(class_id)
        kind = dict(symbol.attr_types).get(attr) if symbol else None
        if kind is not None:  # a type written through self/cls could chase its own tail
            return None if kind.split(".")[0] in ("self", "cls") else (class_id, kind)
        if depth > _MAX_HOPS:
            return None
        for base in self.bases(class_id):
            found = self._attr_type(base, attr, depth + 1)
            if found:
                return found
        return None

    def _member(self, class_id: str, attr: str, depth: int = 0) -> str | None:
        """The class (this one or an internal base) that defines ``attr``."""
        if attr in self._methods.get(class_id, ()):
            return class_id
        if depth > _MAX_HOPS:
            return None
        for base in self.bases(class_id):
            found = self._member(base, attr, depth + 1)
            if found:
                return found
        return None


def _spelled_out(imp: Import, raw: str) -> str:
    """``raw``, whose first name ``imp`` binds, as the absolute name it stands for
    (``import a.b`` binds ``a``: then the name is written whole already)."""
    if not imp.is_from and imp.alias == imp.target.split(".")[0]:
        return raw
    _, dot, rest = raw.partition(".")
    return f"{imp.target}{dot}{rest}"


def implicit_relative_imports(modules: list[ModuleFacts]) -> list[ModuleFacts]:
    """The modules with Python 2's implicit relative imports made explicit: ``import db``
    in ``dealer/handlers.py`` means ``dealer/db.py`` when the repository has no top-level
    ``db`` (Python 2 looks beside the importer first; a script run from its own folder
    finds its neighbours the same way). A standard library name is left alone: in Python 3
    ``import json`` beside a ``json.py`` is still the library's."""
    names = {m.module: {s.name for s in m.symbols} for m in modules}
    py2 = any(m.engine == "py2-compat" for m in modules)  # a code base of Python 2's days
    # a name a folder on the path explains (pgAdmin's ``pgadmin``) is that folder's
    tops = {m.partition(".")[0] for m in names} | set(
        _import_roots({m.module: m for m in modules}))
    out = []
    for facts in modules:
        package = facts.module if facts.is_package else facts.module.rpartition(".")[0]
        imports = tuple(
            replace(imp, target=f"{package}.{imp.target}")
            if package and _beside(imp.target, package, names, tops, py2=py2) else imp
            for imp in facts.imports)
        out.append(replace(facts, imports=imports) if imports != facts.imports else facts)
    return out


def _beside(target: str, package: str, names: dict[str, set[str]], tops: set[str], *,
            py2: bool) -> bool:
    """Whether ``target`` names a neighbour of ``package``'s modules and something in it
    (``from celery.schedules import crontab`` beside a project's own ``celery.py``, which
    has no ``schedules``, is the library). A bare ``import jwt`` beside a ``jwt.py`` says
    nothing of which it means: the neighbour only in a code base with Python 2 files."""
    head, _, rest = target.partition(".")
    sibling = f"{package}.{head}"
    if head in tops or head in sys.stdlib_module_names or sibling not in names:
        return False
    first = rest.partition(".")[0]
    return py2 if not rest else first in names[sibling] or f"{sibling}.{first}" in names


def _import_roots(modules: dict[str, ModuleFacts]) -> dict[str, str]:
    """First name as imported -> the module it is under a folder put on the path.

    pgAdmin keeps its code in ``web/pgadmin/`` and imports ``pgadmin.utils``: module ids
    stay paths from the repository's root (DESIGN.md), and imports are read as the code
    runs them. A folder counts as put on the path when it is no package and its own code
    imports its packages by their bare names more often than by the folder's name
    (relative imports count as the folder's). A name that is a top-level module itself,
    or is found under two such folders, is left alone.

    A folder that is no package but holds the package of its own name (reddit's
    ``r2/r2/``, Django's default ``mysite/mysite/``: the folder of ``setup.py`` or
    ``manage.py``) is such a folder too: its code's ``import r2.models`` means
    ``r2/r2/models.py``."""
    heads: Counter[tuple[str, str]] = Counter(  # (folder of the importer, first name)
        (facts.module.partition(".")[0], imp.target.partition(".")[0])
        for facts in modules.values() for imp in facts.imports
        if not imp.target.startswith(LOADED))
    tops = {m.partition(".")[0] for m in modules}
    bare: Counter[str] = Counter()
    for package in {m.rpartition(".")[0] for m in modules if m.count(".") >= 2}:
        folder, _, name = package.partition(".")
        if "." not in name:
            bare[folder] += heads[(folder, name)]
    roots = {folder for folder, n in bare.items()
             if folder not in modules and n > heads[(folder, folder)]}
    found: dict[str, set[str]] = defaultdict(set)
    for module in modules:
        parts = module.split(".")
        if len(parts) > 1 and parts[0] in roots and parts[1] not in tops:
            found[parts[1]].add(f"{parts[0]}.{parts[1]}")
    rooted = {name: within.pop() for name, within in found.items() if len(within) == 1}
    for folder in tops - set(modules):
        if f"{folder}.{folder}" in modules:
            rooted[folder] = f"{folder}.{folder}"
    return rooted


def _django_labels(symbols: Iterable[Symbol]) -> dict[tuple[str, str], tuple[str, ...]]:
    """(app label, class name) -> symbol ids, for ``ForeignKey("orders.Order")``."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for symbol in symbols:
        if symbol.kind != "class":
            continue
        parts = symbol.module.split(".")
        if "models" in parts:
            app = parts[parts.index("models") - 1] if parts.index("models") else parts[0]
        else:
            app = parts[-1]
        for name in {symbol.name, symbol.name.lower()}:  # Django: case-insensitive too
            found[(app.lower(), name)].append(symbol.id)
            found[("", name)].append(symbol.id)
    return {k: tuple(sorted(v)) for k, v in found.items()}
