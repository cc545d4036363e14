"""The monolith's HTTP routes, normalised once for Gin and for the KrakenD gateway.

Flask and Bottle (``<int:id>``), FastAPI (``{id}``), Django (``<int:pk>``,
``(?P<pk>\\d+)``), web.py (``(\\d+)``) and Pyramid (``{id:\\d+}``, ``*subpath``) paths become
segments. Both Gin and KrakenD route with a radix tree that panics at start-up when two
paths name the parameter at the same place differently (``/owners/:id`` next to
``/owners/:owner_id/edit``), so every parameter is named after the first route that put
one at that place; a segment mixing text and a parameter (``<id>.pdf``) becomes a whole
parameter, and routes that then coincide keep the first handler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from decomposer.model import Analysis, Route
from reports.stubs.naming import ascii_text, snake

HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_ANY = ("GET", "POST", "PUT", "PATCH", "DELETE")
_PARAM = re.compile(r"<(?:(\w+)(?:\([^)>]*\))?:)?(\w+)>"
                    r"|\{(\w+)(?::([^{}]*(?:\{[^{}]*\}[^{}]*)*))?\}"
                    r"|\(\?P<(\w+)>[^)]*\)|\(([^)]*)\)|^\*(\w+)$")
# A Pyramid placeholder's regular expression (``{id:\d+}``) says what a converter would.
_DIGITS = re.compile(r"\\d[+*]|\[0-9\]\+|\[0-9\]\*")


@dataclass(frozen=True)
class Segment:
    text: str  # static text, or the parameter's name
    param: bool = False
    converter: str = ""  # "int", "path", "uuid"... as the monolith declared it
    original: str = ""  # the parameter's name in the monolith (its handler's argument)


@dataclass(frozen=True)
class HttpRoute:
    method: str
    segments: tuple[Segment, ...]
    handler: str  # symbol id (or raw name when unresolved)
    source: str  # "file:line"
    original: str  # the path as the monolith wrote it
    context: str | None  # owning context, None when it stays in the monolith

    @property
    def gin_path(self) -> str:
        return "/" + "/".join(":" + s.text if s.param else s.text for s in self.segments)

    @property
    def gateway_path(self) -> str:
        return "/" + "/".join("{" + s.text + "}" if s.param else s.text for s in self.segments)

    @property
    def params(self) -> tuple[Segment, ...]:
        return tuple(s for s in self.segments if s.param)


def http_routes(analysis: Analysis) -> tuple[HttpRoute, ...]:
    """Every route of the monolith, one per method, conflict-free, sorted by path."""
    owner = analysis.decomposition.context_of()
    names: dict[tuple[str, ...], str] = {}
    seen: set[tuple[str, str]] = set()
    out: list[HttpRoute] = []
    for route in sorted(analysis.facts.routes, key=lambda r: (r.path, r.file, r.line)):
        if route.framework == "websocket":
            continue
        segments = _canonical(_segments(route.path), names)
        for method in _methods(route):
            r = HttpRoute(method, segments, route.handler, f"{route.file}:{route.line}",
                          route.path, owner.get(route.handler))
            if (method, r.gin_path) not in seen:
                seen.add((method, r.gin_path))
                out.append(r)
    return tuple(sorted(out, key=lambda r: (r.gin_path, HTTP_METHODS.index(r.method))))


def _methods(route: Route) -> tuple[str, ...]:
    methods = {m.upper() for m in route.methods}
    if "ANY" in methods or not methods:
        methods = (methods - {"ANY"}) | set(_ANY)
    return tuple(m for m in HTTP_METHODS if m in methods)


def _segments(path: str) -> list[Segment]:
    out: list[Segment] = []
    for raw in path.strip().lstrip("^").rstrip("$").split("/"):
        if not raw:
            continue
        match = _PARAM.search(raw)
        if match:
            name = match.group(2) or match.group(3) or match.group(5) or match.group(7) \
                or "param"
            converter = match.group(1) or _converter(match.group(4) or "") or (
                "int" if _DIGITS.fullmatch(match.group(6) or "") else "") or (
                "path" if match.group(7) else "")
            param = snake(name, fallback="param")
            out.append(Segment(param, True, converter, param))
            continue
        text = re.sub(r"[^A-Za-z0-9._~-]", "", ascii_text(raw))
        if text:
            out.append(Segment(text))
    return out


def _converter(declared: str) -> str:
    """FastAPI's ``int``, or ``int`` for a Pyramid pattern of digits (``\\d+``)."""
    if re.fullmatch(r"\w+", declared):
        return declared
    return "int" if declared and _DIGITS.fullmatch(declared) else ""


def _canonical(segments: list[Segment], names: dict[tuple[str, ...], str]) -> tuple[Segment,
                                                                                     ...]:
    """Parameter names fixed by position, shared by all routes (a radix tree needs that)."""
    prefix: list[str] = []
    used: set[str] = set()
    out = []
    for s in segments:
        if s.param:
            name = names.get(tuple(prefix))
            if name is None:  # first route with a parameter here names it, unique in its path
                name, n = s.text, 2
                while name in used:
                    name, n = f"{s.text}_{n}", n + 1
                names[tuple(prefix)] = name
            used.add(name)
            out.append(Segment(name, True, s.converter, s.original))
            prefix.append(":")
        else:
            out.append(s)
            prefix.append(s.text)
    return tuple(out)
