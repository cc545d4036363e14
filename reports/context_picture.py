"""The context map as a picture: inline SVG drawn by the tool, no library, no script.

Contexts sit on an ellipse, ordered so that strongly related contexts are neighbours; a
context's disc grows with its lines of code. An arrow goes from the context that depends
to the one it depends on; its colour and label say how they should talk (gRPC, REST,
events) and its width how much traffic the monolith shows today. Tables written by
several contexts are drawn as red cylinders tied to each writer; the shared kernel is a
box of its own. Only the strongest arrows carry a visible label (the rest appear when a
context is hovered), so the picture stays readable at a glance.

Every string that comes from the analysed repository goes through :func:`visible` and is
escaped by ElementTree: the SVG can be inlined into HTML without any other care.
"""

from __future__ import annotations

import math
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from decomposer.model import Decomposition

WIDTH, HEIGHT = 1200, 860
CENTER = (WIDTH / 2, HEIGHT / 2 + 10)
RING = (410, 300)  # ellipse radii of the ring the contexts sit on
LABELLED_ARROWS = 14  # strongest arrows labelled up front; the others on hover
MAX_CONFLICT_TABLES = 12

MODE_STYLE = {  # communication -> (colour, dash, label)
    "grpc": ("#2563eb", "", "gRPC"),
    "rest": ("#059669", "", "REST"),
    "events": ("#d97706", "7 4", "events"),
}
OTHER_MODE = ("#64748b", "2 3", "")
CONFLICT = "#dc2626"
PHASE_COLOURS = ("#2563eb", "#16a34a", "#ea580c", "#9333ea", "#0891b2", "#ca8a04", "#db2777",
                 "#4f46e5", "#65a30d", "#0d9488")  # same order as --p1..--p10 in the CSS
NO_PHASE = "#94a3b8"

# Characters that hide or reorder text (bidi overrides, zero-width, controls, lone
# surrogates): shown as <U+XXXX> so a name cannot pose as another or flip the layout.
_HIDDEN = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\ud800-\udfff\U000e0000-\U000e007f]"
)
_COMBINING_RUN = re.compile("([\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"
                            "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def visible(text: str, *, limit: int | None = None) -> str:
    """``text`` with invisible or reordering characters made visible, and optionally cut.

    >>> visible("users\u202egnp.exe")
    'users<U+202E>gnp.exe'
    """
    if not isinstance(text, str):
        text = str(text)
    text = _HIDDEN.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    text = _COMBINING_RUN.sub(r"\1", text)  # stacked accents ("zalgo") cannot overflow
    text = unicodedata.normalize("NFC", text)
    if limit is not None and len(text) > limit:
        text = text[: max(limit - 1, 0)] + "…"
    return text


def context_map_svg(decomposition: Decomposition, *, sizes: Mapping[str, int],
                    anchors: Mapping[str, str], phases: Mapping[str, int] | None = None) -> str:
    """The context map as an ``<svg>`` element (text), ready to inline into HTML.

    ``sizes`` maps a context to its lines of code, ``anchors`` to the page fragment its
    disc links to (generated ids, never repository text), ``phases`` to its roadmap phase.
    """
    names = [c.name for c in decomposition.contexts]
    arrows = _arrows(decomposition, set(names))
    order = _ring_order(names, arrows, sizes)
    nodes = _place_nodes(order, sizes)
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {WIDTH} {HEIGHT}",
        "class": "context-map", "role": "img",
        "aria-label": f"Context map: {len(names)} contexts, {len(arrows)} dependencies",
    })
    _defs(svg)
    ET.SubElement(svg, "rect", {"width": str(WIDTH), "height": str(HEIGHT), "fill": "#ffffff"})
    edges_group = ET.SubElement(svg, "g", {"class": "edges"})
    conflicts_group = ET.SubElement(svg, "g", {"class": "conflicts"})
    nodes_group = ET.SubElement(svg, "g", {"class": "nodes"})
    labels_group = ET.SubElement(svg, "g", {"class": "edge-labels"})
    _draw_arrows(edges_group, labels_group, arrows, nodes)
    _draw_conflicts(conflicts_group, decomposition, nodes)
    _draw_nodes(nodes_group, nodes, decomposition, anchors, phases or {})
    _draw_kernel(svg, decomposition)
    _draw_legend(svg, phases or {})
    if not names:
        _text(svg, CENTER[0], CENTER[1], "No context was found.", size=18, anchor="middle")
    return ET.tostring(svg, encoding="unicode")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class _Arrow:
    source: str
    target: str
    modes: tuple[str, ...]  # communication modes, heaviest first
    weight: int  # calls + reads + writes (at least 1)
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class _Node:
    name: str
    x: float
    y: float
    r: float
    angle: float


def _arrows(decomposition: Decomposition, names: set[str]) -> list[_Arrow]:
    """One arrow per ordered pair of contexts; conflicts are drawn through their tables."""
    weight: dict[tuple[str, str], int] = defaultdict(int)
    by_mode: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    kinds: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in decomposition.relations:
        if r.kind == "conflict" or r.source == r.target:
            continue
        if r.source not in names or r.target not in names:
            continue
        key = (r.source, r.target)
        amount = max(r.calls + r.reads + r.writes, 1)
        weight[key] += amount
        by_mode[key][r.communication] += amount
        kinds[key].add(r.kind)
    return [
        _Arrow(s, t, tuple(sorted(by_mode[(s, t)], key=lambda m: (-by_mode[(s, t)][m], m))),
               weight[(s, t)], tuple(sorted(kinds[(s, t)])))
        for s, t in sorted(weight)
    ]


def _ring_order(names: list[str], arrows: list[_Arrow], sizes: Mapping[str, int]) -> list[str]:
    """Greedy chain: start with the biggest context, then always its strongest unplaced peer."""
    if not names:
        return []
    tie: dict[tuple[str, str], int] = defaultdict(int)
    for a in arrows:
        tie[(a.source, a.target)] += a.weight
        tie[(a.target, a.source)] += a.weight
    left = set(names)
    current = min(names, key=lambda n: (-sizes.get(n, 0), n))
    order = [current]
    left.discard(current)
    while left:
        current = min(left, key=lambda n: (-tie.get((current, n), 0), -sizes.get(n, 0), n))
        order.append(current)
        left.discard(current)
    return order


def _place_nodes(order: list[str], sizes: Mapping[str, int]) -> dict[str, _Node]:
    count = len(order)
    if count == 0:
        return {}
    perimeter = 2 * math.pi * math.sqrt((RING[0] ** 2 + RING[1] ** 2) / 2)
    biggest = min(58.0, perimeter / (count * 2.3)) if count > 1 else 70.0
    smallest = min(16.0, biggest)
    top = max((sizes.get(n, 0) for n in order), default=0) or 1
    nodes = {}
    for i, name in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / count
        share = math.sqrt(max(sizes.get(name, 0), 0) / top)  # area grows with code size
        r = smallest + (biggest - smallest) * share
        x, y = (CENTER if count == 1 else
                (CENTER[0] + RING[0] * math.cos(angle), CENTER[1] + RING[1] * math.sin(angle)))
        nodes[name] = _Node(name, x, y, r, angle)
    return nodes


# ---------------------------------------------------------------- drawing


def _defs(svg: ET.Element) -> None:
    defs = ET.SubElement(svg, "defs")
    colours = {key: style[0] for key, style in MODE_STYLE.items()} | {"other": OTHER_MODE[0]}
    for key, colour in colours.items():
        marker = ET.SubElement(defs, "marker", {
            "id": f"arrow-{key}", "viewBox": "0 0 10 10", "refX": "9", "refY": "5",
            "markerUnits": "userSpaceOnUse", "markerWidth": "15", "markerHeight": "15",
            "orient": "auto-start-reverse"})
        ET.SubElement(marker, "path", {"d": "M0,0 L10,5 L0,10 z", "fill": colour})


def _draw_arrows(edges: ET.Element, labels: ET.Element, arrows: list[_Arrow],
                 nodes: dict[str, _Node]) -> None:
    ranked = sorted(arrows, key=lambda a: (-a.weight, a.source, a.target))
    labelled = {(a.source, a.target) for a in ranked[:LABELLED_ARROWS]}
    heaviest = max((a.weight for a in arrows), default=1)
    for arrow in ranked[::-1]:  # strongest drawn last, on top
        a, b = nodes[arrow.source], nodes[arrow.target]
        colour, dash, _ = MODE_STYLE.get(arrow.modes[0], OTHER_MODE)
        marker = arrow.modes[0] if arrow.modes[0] in MODE_STYLE else "other"
        start, control, end = _curve(a, b)
        strong = (arrow.source, arrow.target) in labelled
        width = 1.2 + 4.5 * math.log1p(arrow.weight) / math.log1p(heaviest)
        text = _mode_label(arrow)
        group = ET.SubElement(edges, "g", {
            "class": "edge" + (" strong" if strong else " weak"),
            "data-from": visible(arrow.source), "data-to": visible(arrow.target)})
        title = ET.SubElement(group, "title")
        title.text = f"{visible(arrow.source)} → {visible(arrow.target)}: {text} " \
                     f"({', '.join(arrow.kinds)}; weight {arrow.weight})"
        path = ET.SubElement(group, "path", {
            "d": f"M{start[0]:.1f},{start[1]:.1f} Q{control[0]:.1f},{control[1]:.1f} "
                 f"{end[0]:.1f},{end[1]:.1f}",
            "fill": "none", "stroke": colour, "stroke-width": f"{width:.1f}",
            "marker-end": f"url(#arrow-{marker})"})
        if dash:
            path.set("stroke-dasharray", dash)
        mid = _bezier_point(start, control, end, 0.5)
        label = _text(labels, mid[0], mid[1] + 4, text, size=12, anchor="middle",
                      colour=colour, weight="600")
        label.set("class", "edge-label" + ("" if strong else " hover-only"))
        label.set("data-from", visible(arrow.source))
        label.set("data-to", visible(arrow.target))


def _mode_label(arrow: _Arrow) -> str:
    modes = " + ".join(MODE_STYLE.get(m, OTHER_MODE)[2] or m for m in arrow.modes)
    return visible(modes, limit=40)


def _curve(a: _Node, b: _Node) -> tuple[tuple[float, float], ...]:
    """A gentle arc from disc ``a`` to disc ``b``; the two directions bend apart."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    bend = 0.12 * length
    control = ((a.x + b.x) / 2 - dy / length * bend, (a.y + b.y) / 2 + dx / length * bend)
    start = _towards((a.x, a.y), control, a.r + 2)
    end = _towards((b.x, b.y), control, b.r + 4)
    return start, control, end


def _towards(origin: tuple[float, float], to: tuple[float, float], distance: float):
    dx, dy = to[0] - origin[0], to[1] - origin[1]
    length = math.hypot(dx, dy) or 1.0
    return origin[0] + dx / length * distance, origin[1] + dy / length * distance


def _bezier_point(p0, p1, p2, t: float) -> tuple[float, float]:
    u = 1 - t
    return (u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
            u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1])


def _draw_nodes(group: ET.Element, nodes: dict[str, _Node], decomposition: Decomposition,
                anchors: Mapping[str, str], phases: Mapping[str, int]) -> None:
    symbols = {c.name: len(c.symbols) for c in decomposition.contexts}
    for name, node in sorted(nodes.items()):
        link = ET.SubElement(group, "a", {"href": "#" + anchors.get(name, ""),
                                          "class": "node", "data-name": visible(name)})
        title = ET.SubElement(link, "title")
        phase = phases.get(name)
        title.text = (f"{visible(name)}: {symbols.get(name, 0)} symbols"
                      + (f", phase {phase}" if phase else ""))
        fill = _phase_colour(phase)
        ET.SubElement(link, "circle", {"cx": f"{node.x:.1f}", "cy": f"{node.y:.1f}",
                                       "r": f"{node.r:.1f}", "fill": fill,
                                       "fill-opacity": "0.88", "stroke": "#0f172a",
                                       "stroke-width": "1.5"})
        inside = node.r >= 28  # room for a second line in the disc, clear of arrow heads
        _text(link, node.x, node.y + (-2 if inside else 5), visible(name, limit=22), size=14,
              anchor="middle", weight="700", halo=True)
        detail = f"{symbols.get(name, 0)} sym"
        if phase:
            detail = f"P{phase} · " + detail
        _text(link, node.x, node.y + (15 if inside else node.r + 15), detail, size=11,
              anchor="middle", colour="#334155", halo=True)


def _phase_colour(phase: int | None) -> str:
    if not phase:
        return NO_PHASE
    return PHASE_COLOURS[(phase - 1) % len(PHASE_COLOURS)]


def _draw_conflicts(group: ET.Element, decomposition: Decomposition,
                    nodes: dict[str, _Node]) -> None:
    conflicts = [o for o in decomposition.ownership if o.conflict]
    conflicts.sort(key=lambda o: (-len(o.writers), o.table))
    taken: list[tuple[float, float]] = []
    for ownership in conflicts[:MAX_CONFLICT_TABLES]:
        writers = [nodes[w] for w in ownership.writers if w in nodes]
        if not writers:
            continue
        x, y = _conflict_spot(writers, taken)
        taken.append((x, y))
        for w in writers:
            ET.SubElement(group, "line", {
                "x1": f"{x:.1f}", "y1": f"{y:.1f}", "x2": f"{w.x:.1f}", "y2": f"{w.y:.1f}",
                "stroke": CONFLICT, "stroke-width": "1.6", "stroke-dasharray": "3 3",
                "stroke-opacity": "0.8"})
        table = ET.SubElement(group, "g", {"class": "conflict-table"})
        title = ET.SubElement(table, "title")
        title.text = (f"table {visible(ownership.table)} is written by "
                      f"{', '.join(visible(w) for w in ownership.writers)}"
                      f" (owner {visible(ownership.owner or 'none')})")
        _cylinder(table, x, y)
        _text(table, x, y + 27, visible(ownership.table, limit=24), size=11, anchor="middle",
              colour=CONFLICT, weight="700", halo=True)


def _conflict_spot(writers: list[_Node], taken: list[tuple[float, float]]):
    """Between the writers, pulled inside the ring, away from tables already placed."""
    x = sum(w.x for w in writers) / len(writers)
    y = sum(w.y for w in writers) / len(writers)
    x = CENTER[0] + (x - CENTER[0]) * 0.75
    y = CENTER[1] + (y - CENTER[1]) * 0.75
    for step in range(60):  # a widening spiral around the first choice
        spot = (x + 16 * step * math.cos(step * 2.4), y + 16 * step * math.sin(step * 2.4))
        if all(math.hypot(spot[0] - tx, spot[1] - ty) > 64 for tx, ty in taken):
            return spot
    return x, y


def _cylinder(parent: ET.Element, x: float, y: float) -> None:
    w, h = 26, 22
    attrs = {"fill": "#fee2e2", "stroke": CONFLICT, "stroke-width": "1.8"}
    ET.SubElement(parent, "path", {
        "d": f"M{x - w / 2},{y - h / 2} v{h} a{w / 2},5 0 0 0 {w},0 v{-h}", **attrs})
    ET.SubElement(parent, "ellipse", {"cx": f"{x}", "cy": f"{y - h / 2}", "rx": f"{w / 2}",
                                      "ry": "5", **attrs})


def _draw_kernel(svg: ET.Element, decomposition: Decomposition) -> None:
    kernel = decomposition.shared_kernel
    box = ET.SubElement(svg, "g", {"class": "kernel"})
    title = ET.SubElement(box, "title")
    title.text = "Shared kernel: " + (", ".join(visible(s) for s in kernel[:50]) or "empty")
    x, y, w = 16, 16, 340
    lines = [visible(s.split(":")[-1], limit=34) for s in kernel[:4]]
    if len(kernel) > 4:
        lines.append(f"… and {len(kernel) - 4} more")
    h = 44 + 16 * len(lines)
    ET.SubElement(box, "rect", {"x": str(x), "y": str(y), "width": str(w), "height": str(h),
                                "rx": "10", "fill": "#f5f3ff", "stroke": "#7c3aed",
                                "stroke-width": "1.5", "stroke-dasharray": "6 3"})
    _text(box, x + 12, y + 22, f"Shared kernel · {len(kernel)} symbols → shared-utils",
          size=13, colour="#5b21b6", weight="700")
    for i, line in enumerate(lines or ["(none: nothing is used everywhere)"]):
        _text(box, x + 12, y + 42 + 16 * i, line, size=12, colour="#4c1d95", mono=True)


def _draw_legend(svg: ET.Element, phases: Mapping[str, int]) -> None:
    x, y = WIDTH - 250, 16
    rows = [(style[0], style[1], style[2]) for style in MODE_STYLE.values()]
    shown_phases = sorted({p for p in phases.values() if p})[:10]
    h = 30 + 20 * (len(rows) + 3) + 20 * math.ceil(len(shown_phases) / 5)
    ET.SubElement(svg, "rect", {"x": str(x - 10), "y": str(y), "width": "244",
                                "height": str(h), "rx": "8", "fill": "#ffffff",
                                "stroke": "#cbd5e1"})
    _text(svg, x, y + 20, "Legend", size=13, weight="700")
    cy = y + 40
    for colour, dash, label in rows:
        line = ET.SubElement(svg, "line", {"x1": str(x), "y1": str(cy - 4), "x2": str(x + 34),
                                           "y2": str(cy - 4), "stroke": colour,
                                           "stroke-width": "3"})
        if dash:
            line.set("stroke-dasharray", dash)
        _text(svg, x + 42, cy, label, size=11)
        cy += 20
    _cylinder(svg, x + 17, cy - 6)
    _text(svg, x + 42, cy, "table written by several contexts", size=11, colour=CONFLICT)
    cy += 20
    _text(svg, x, cy, "arrow: A → B means A depends on B", size=11, colour="#475569")
    cy += 20
    _text(svg, x, cy, "disc area = lines of code; width = traffic", size=11, colour="#475569")
    for i, phase in enumerate(shown_phases):
        if i % 5 == 0:
            cy += 20
        px = x + 6 + 44 * (i % 5)
        ET.SubElement(svg, "circle", {"cx": str(px), "cy": str(cy - 4), "r": "6",
                                      "fill": _phase_colour(phase)})
        _text(svg, px + 9, cy, f"phase {phase}" if len(shown_phases) == 1 else f"P{phase}",
              size=11)


def _text(parent: ET.Element, x: float, y: float, text: str, *, size: int = 12,
          anchor: str = "start", colour: str = "#0f172a", weight: str = "400",
          halo: bool = False, mono: bool = False) -> ET.Element:
    attrs = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-size": str(size), "fill": colour,
             "text-anchor": anchor, "font-weight": weight,
             "font-family": "ui-monospace, monospace" if mono else "system-ui, sans-serif"}
    if halo:  # a white outline keeps text readable over arrows
        attrs |= {"stroke": "#ffffff", "stroke-width": "3.5", "paint-order": "stroke",
                  "stroke-linejoin": "round"}
    element = ET.SubElement(parent, "text", attrs)
    element.text = text
    return element
