"""report.html: self-contained, escaped, complete, small at scale, deterministic."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from html.parser import HTMLParser

from decomposer.model import (
    Analysis,
    Artifact,
    ContextScore,
    CriterionScore,
    Decomposition,
    Facts,
    Failed,
    History,
    Phase,
    Relation,
    Roadmap,
    Scan,
    Schema,
    Scores,
    Skipped,
    Symbol,
    Table,
    TableOwnership,
)
from decomposer.model import Context as BoundedContext
from reports.charts import priority_matrix_chart
from reports.context_picture import context_map_svg, visible
from reports.html import json_for_script, render_report

HOSTILE = "</textarea><script>window.__pwned=1</script>\"'><img src=x onerror=alert(1)>"
RLO = "\u202e"


def _analysis(contexts: int = 3, per_context: int = 3, *, prefix: str = "",
              scored: bool = True, why: int = 2) -> Analysis:
    """A hand-built analysis; ``prefix`` lands in every repository-derived string."""
    names = [f"{prefix}ctx{i}" for i in range(contexts)]
    symbols, ctxs = [], []
    for i, name in enumerate(names):
        ids = [f"{prefix}app.m{i}:{prefix}Sym{j}" for j in range(per_context)]
        symbols += [Symbol(id=s, module=f"{prefix}app.m{i}", name=f"Sym{j}", kind="class",
                           file=f"{prefix}app/m{i}.py", line=j + 1, end_line=j + 5, loc=10 + j,
                           complexity=2, docstring=f"{prefix}doc of {s}")
                    for j, s in enumerate(ids)]
        ctxs.append(BoundedContext(
            name=name, symbols=tuple(ids), modules=(), tables=(f"{prefix}t{i}",),
            shared_tables=(f"{prefix}t{(i + 1) % contexts}",),
            explanations={s: tuple(f"{prefix}reason {k} for {s}" for k in range(why))
                          for s in ids},
            runner_up={ids[0]: names[(i + 1) % contexts]}, vocabulary=(f"{prefix}word",)))
    relations = tuple(
        Relation(source=a, target=b, kind="customer-supplier", communication=mode,
                 evidence=(f"{prefix}evidence {a}->{b} (x.py:1)",), calls=3, reads=1,
                 events=(f"{prefix}Evt",), why=f"{prefix}why {a}->{b}")
        for (a, b), mode in zip(zip(names, names[1:] + names[:1]),
                                ["grpc", "events", "rest"] * contexts))
    ownership = tuple(
        TableOwnership(table=f"{prefix}t{i}", owner=n, readers=(n,),
                       writers=(n, names[(i + 1) % contexts]) if i == 0 else (n,),
                       conflict=i == 0, evidence=(f"{prefix}written most by {n}",))
        for i, n in enumerate(names))
    kernel = f"{prefix}app.util:{prefix}helper"
    symbols.append(Symbol(id=kernel, module="app.util", name="helper", kind="function",
                          file="app/util.py", line=1, end_line=2, loc=2, complexity=1))
    decomposition = Decomposition(
        contexts=tuple(ctxs), shared_kernel=(kernel,), relations=relations,
        ownership=ownership, metrics={"modularity": 0.5}, chatty_pairs=((names[0], names[1],
                                                                         7),),
        cycles=(tuple(names),), kernel_explanations={kernel: (f"{prefix}used everywhere",)},
        warnings=(f"{prefix}a warning",),
        decisions=(f"merged table {prefix}t9 (4 symbols) into the context of table {prefix}t0",))
    facts = Facts(
        scan=Scan(root=f"/repos/{prefix}shop", source_root="", files=(),
                  skipped=(Skipped(f"{prefix}big.py", f"{prefix}too big"),)),
        outcomes=(Failed(f"{prefix}broken.py", f"{prefix}syntax error", line=3),),
        symbols=tuple(symbols), modules=(), dependencies=(), routes=(),
        schema=Schema(tables=tuple(Table(name=f"{prefix}t{i}") for i in range(contexts))),
        accesses=(), history=History(available=False))
    scores = None
    if scored:
        matrix = tuple(ContextScore(
            context=n, composite=float(3 + i), extraction_cost=float(i), phase=i + 1,
            criteria=tuple(CriterionScore(c, 1 + (i + k) % 5, {f"{prefix}raw": 1.5},
                                          reason=f"{prefix}because")
                           for k, c in enumerate(("business_importance", "change_frequency",
                                                  "technical_debt"))))
            for i, n in enumerate(names))
        roadmap = Roadmap(phases=tuple(
            Phase(number=i + 1, contexts=(n,), steps=(f"{prefix}define the API of {n}",),
                  risks=(f"{prefix}risk of {n}",), rationale=f"{prefix}rationale")
            for i, n in enumerate(names)), notes=(f"{prefix}note",))
        scores = Scores(matrix=matrix, roadmap=roadmap)
    return Analysis(facts=facts, decomposition=decomposition, scores=scores)


class _Collector(HTMLParser):
    """Every element and attribute as the browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_report_is_written_and_path_returned(tmp_path):
    path = render_report(_analysis(), tmp_path / "out")
    assert path == tmp_path / "out" / "report.html"
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_docstrings_of_blank_lines_or_leading_blank_lines_are_rendered(tmp_path):
    analysis = _analysis()
    odd = ("    ", "\n\n   second line is the summary\nmore")  # django-cms' WizardBase
    symbols = tuple(replace(s, docstring=odd[i % 2]) for i, s in enumerate(analysis.facts.symbols))
    analysis = replace(analysis, facts=replace(analysis.facts, symbols=symbols))
    html = render_report(analysis, tmp_path / "out").read_text()
    assert "second line is the summary" in html and "more" not in html.split("summary")[1][:5]


def test_page_loads_nothing_from_outside_and_pins_its_script_by_hash(tmp_path):
    html = render_report(_analysis(), tmp_path).read_text(encoding="utf-8")
    page = _parse(html)
    for _, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            external = re.match(r"^\s*([a-z]+:|//)", value, re.I)
            assert not external or value.startswith("data:"), value
    csp = next(a["content"] for t, a in page.tags if a.get("http-equiv") ==
               "Content-Security-Policy")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("script-src")[1]
    code = [s for (t, a), s in zip([x for x in page.tags if x[0] == "script"], page.scripts,
                                   strict=True) if not a.get("type")]
    assert len(code) == 1
    digest = base64.b64encode(hashlib.sha256(code[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_hostile_repository_strings_never_become_markup(tmp_path):
    analysis = _analysis(prefix=HOSTILE)
    html = render_report(analysis, tmp_path, mermaid={"context-map": HOSTILE,
                                                      f"{HOSTILE}ctx0": HOSTILE}).read_text()
    page = _parse(html)
    assert {t for t, _ in page.tags} <= {
        "html", "head", "meta", "link", "title", "style", "body", "nav", "span", "a", "div",
        "input", "ol", "ul", "li", "header", "h1", "h2", "h3", "h4", "p", "strong", "main",
        "section", "svg", "defs", "marker", "path", "rect", "g", "circle", "text",
        "line", "ellipse", "img", "table", "thead", "tbody", "tr", "th", "td", "button",
        "details", "summary", "code", "article", "pre", "footer", "script"}
    assert not [a for _, attrs in page.tags for a in attrs if a.startswith("on")]
    assert [a.get("type") for t, a in page.tags if t == "script"] == ["application/json", None]
    assert HOSTILE not in html and "<img src=x" not in html


def test_embedded_json_cannot_close_its_element_and_round_trips(tmp_path):
    analysis = _analysis(prefix=HOSTILE + "\u2028&")
    html = render_report(analysis, tmp_path).read_text(encoding="utf-8")
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>',
                      html, re.S).group(1)
    assert not set("<>&\u2028\u2029") & set(block)
    data = json.loads(block)
    assert data["groups"][0]["rows"][0][0].startswith(HOSTILE)


def test_json_for_script_escapes_every_closer():
    text = json_for_script({"k": "</script><!-- & \u2028 \u2029 -->"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"k": "</script><!-- & \u2028 \u2029 -->"}


def test_bidi_overrides_and_controls_are_shown_not_obeyed(tmp_path):
    analysis = _analysis(prefix=f"users{RLO}gnp\x07")
    html = render_report(analysis, tmp_path).read_text(encoding="utf-8")
    assert RLO not in html and "\x07" not in html
    assert "&lt;U+202E&gt;" in html or "\\u003cU+202E\\u003e" in html
    assert visible(f"a{RLO}b\u200bc") == "a<U+202E>b<U+200B>c"


def test_only_relative_paths_of_generated_artifacts_become_links(tmp_path):
    artifacts = (Artifact("services/ctx0/go.mod", "go", "ctx0"),
                 Artifact("javascript:alert(1)", "go", "ctx0"),
                 Artifact("https://evil.example/x", "proto", "ctx0"),
                 Artifact("/etc/passwd", "sql", "ctx0"), Artifact("../up.sql", "sql", "ctx0"),
                 Artifact("schemas/a b<c>.sql", "sql", None))
    html = render_report(_analysis(), tmp_path, artifacts=artifacts).read_text()
    hrefs = [a["href"] for t, a in _parse(html).tags if t == "a" and "href" in a
             and not a["href"].startswith("#")]
    assert sorted(hrefs) == ["schemas/a%20b%3Cc%3E.sql", "services/ctx0/go.mod"]
    assert "javascript:alert(1)" in html  # still listed, as text


def test_every_context_has_a_section_with_scores_tables_relations_and_mermaid(tmp_path):
    html = render_report(_analysis(), tmp_path, mermaid={"ctx1": "flowchart LR\n  a --> b"},
                         ).read_text()
    for i in range(3):
        assert f'id="ctx-{i}"' in html
        assert f"define the API of ctx{i}" in html and f"risk of ctx{i}" in html
    assert "flowchart LR" in html and 'class="copy"' in html
    assert "why ctx0-&gt;ctx1" in html and "evidence ctx0-&gt;ctx1 (x.py:1)" in html
    assert "several writers" in html


def test_the_contexts_section_says_how_the_contexts_were_decided(tmp_path):
    html = render_report(_analysis(), tmp_path, mermaid={}).read_text()
    section = html[html.index('id="contexts"'):]
    assert "How the contexts were decided" in section
    assert "merged table t9 (4 symbols) into the context of table t0" in section


def test_warnings_list_cycles_conflicts_chatty_skipped_and_failed_files(tmp_path):
    html = render_report(_analysis(), tmp_path).read_text()
    warnings = html[html.index('id="warnings"'):]
    for expected in ("ctx0 → ctx1 → ctx2 → ctx0", "t0: written by ctx0, ctx1",
                     "ctx0 ↔ ctx1: 7", "big.py: too big", "broken.py:3: syntax error"):
        assert expected in warnings


def test_report_without_scores_says_what_is_missing(tmp_path):
    html = render_report(_analysis(scored=False), tmp_path).read_text()
    assert "Scoring was not run" in html and "data:image/svg+xml" not in html


def test_same_analysis_gives_the_same_bytes(tmp_path):
    first = render_report(_analysis(), tmp_path / "a").read_bytes()
    assert render_report(_analysis(), tmp_path / "b").read_bytes() == first


def test_forty_thousand_symbols_stay_under_fifteen_megabytes(tmp_path):
    # A 20-character prefix makes ids, paths, docstrings and reasons as long as real ones.
    path = render_report(_analysis(contexts=40, per_context=1000, why=5,
                                   prefix="legacy_application_"), tmp_path)
    size = path.stat().st_size
    assert size < 15_000_000, size
    html = path.read_text(encoding="utf-8")
    assert html.count("<tr") < 2_000  # members travel as JSON, rendered when opened


def test_context_map_is_well_formed_svg_naming_contexts_and_conflicting_tables():
    analysis = _analysis(prefix=HOSTILE)
    svg = context_map_svg(analysis.decomposition, sizes={}, anchors={})
    root = ET.fromstring(svg)
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {f"{HOSTILE}ctx{i}"[:21] + "…" for i in range(3)} <= texts
    assert any(t and t.startswith(HOSTILE[:10]) for t in texts)  # the conflicting table


def test_priority_chart_is_a_stable_svg_data_uri():
    matrix = _analysis(prefix="$x^2$ ").scores.matrix
    uri = priority_matrix_chart(matrix)
    assert uri.startswith("data:image/svg+xml;base64,")
    assert b"<svg" in base64.b64decode(uri.split(",", 1)[1])
    assert priority_matrix_chart(matrix) == uri


def test_roadmap_shows_a_foundations_phase_and_a_dozen_phases(tmp_path):
    analysis = _analysis(contexts=12)
    roadmap = analysis.scores.roadmap
    foundations = Phase(number=0, contexts=(), steps=("create shared-utils",), risks=())
    analysis = replace(analysis, scores=replace(analysis.scores, roadmap=replace(
        roadmap, phases=(foundations, *roadmap.phases))))
    html = render_report(analysis, tmp_path).read_text()
    assert html.count('class="milestone') == 13
    assert "foundations" in html and 'id="phase-12"' in html
