"""report.html in a real browser (headless Chromium driven by Playwright).

The bundled sample and a hostile repository go through the real pipeline; the page must
show its pictures, search and sort, log no error, and run no script of the repository,
even with the Content-Security-Policy switched off. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from decomposer import pipeline
from decomposer.config import load_config
from reports.html import render_report

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "test-artifacts"
HOSTILE_FILE_NAMES = (  # not portable (Windows forbids < > "), so made here, not committed
    "shop/\"'><img src=x onerror=window.__pwned='file'>.py",
    "shop/evil\u202eyp.txt.py",
    "shop/<script>window.__pwned='path'<\\script>.sql",
)

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Chromium is not installed at /usr/bin/chromium "
                                       "(Debian package `chromium`)")


def _report(repo: Path, out: Path) -> tuple[Path, object]:
    config = load_config(repo).with_flags(repo=str(repo), use_cache=False)
    analysis = pipeline.analysis_of(pipeline.run(config, upto="score"))
    first = analysis.decomposition.contexts[0].name
    mermaid = {"context-map": "flowchart LR\n  a --> b", first: f"flowchart LR\n  {first}"}
    return render_report(analysis, out, mermaid=mermaid), analysis


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return _report(ROOT / "samples" / "legacy_shop", tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    repo = tmp_path_factory.mktemp("hostile") / "repo"
    shutil.copytree(ROOT / "tests" / "fixtures" / "malicious_repo", repo)
    for name in HOSTILE_FILE_NAMES:
        body = ("def sneaky():\n    \"\"\"<script>window.__pwned='file'</script>\"\"\"\n"
                if name.endswith(".py") else "CREATE TABLE \"x</script>\" (id int);\n")
        (repo / name).write_text(body, encoding="utf-8")
    return _report(repo, tmp_path_factory.mktemp("hostile-out"))


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


class _Page:
    """A page with traps: repository script that runs, dialogs, errors, outside requests."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000},
                                           bypass_csp=bypass_csp)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.add_init_script("window.__pwned = undefined;")
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("file:", "data:"))]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def open_page(browser):
    pages: list[_Page] = []

    def opener(path: Path, **kwargs) -> _Page:
        pages.append(_Page(browser, path, **kwargs))
        return pages[-1]

    yield opener
    for p in pages:
        p.close()


def _shot(page, name: str, **kwargs) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name), **kwargs)


def test_sample_report_shows_map_charts_and_roadmap_without_errors(sample, open_page):
    path, analysis = sample
    view = open_page(path)
    page = view.page
    contexts = len(analysis.decomposition.contexts)
    _shot(page, "sample-report-top.png")
    assert page.locator("svg.context-map").is_visible()
    assert page.locator("svg.context-map a.node").count() == contexts
    chart = page.locator("#priorities img")
    chart.scroll_into_view_if_needed()
    assert chart.is_visible() and chart.evaluate("img => img.naturalWidth") > 100
    assert page.locator("ol.timeline li.milestone").count() == len(
        analysis.scores.roadmap.phases)
    assert page.locator("ol.timeline").is_visible()
    assert page.locator("table.depmatrix tbody tr").count() == contexts
    assert page.locator("article.context").count() == contexts
    _shot(page, "sample-report-priorities.png")
    _shot(page, "sample-report-full.png", full_page=True)
    assert view.errors == [] and view.dialogs == [] and view.outside_requests() == []


def test_search_finds_a_symbol_and_a_table_and_opens_the_member(sample, open_page):
    path, analysis = sample
    page = open_page(path).page
    context = analysis.decomposition.contexts[0]
    symbol = context.symbols[0]
    page.fill("#search", symbol.split(":")[1])
    results = page.locator("#search-results li a")
    results.first.wait_for()
    assert symbol in results.all_inner_texts()[0] or any(
        symbol in t for t in results.all_inner_texts())
    results.filter(has_text=symbol).first.click()
    hit = page.locator("table.members tr.hit")
    hit.wait_for()
    assert symbol in hit.inner_text() and hit.is_visible()
    _shot(page, "sample-search-symbol.png")

    table = analysis.decomposition.ownership[0].table
    page.fill("#search", table)
    found = page.locator("#search-results li a").filter(has_text=table)
    sync_api.expect(found.first).to_be_visible()
    assert any(t.startswith("table") for t in found.all_inner_texts()), found.all_inner_texts()


def test_priority_table_sorts_by_the_clicked_column(sample, open_page):
    page = open_page(sample[0]).page
    table = page.locator("#priority-table")
    header = table.locator("thead th").filter(has_text="Composite")
    column = table.locator("thead th").all_inner_texts().index(header.inner_text())

    def values() -> list[float]:
        return [float(v) for v in table.locator(f"tbody tr td:nth-child({column + 1})")
                .evaluate_all("cells => cells.map(c => c.getAttribute('data-v'))")]

    header.locator("button").click()
    assert values() == sorted(values())
    header.locator("button").click()
    assert values() == sorted(values(), reverse=True)
    assert header.get_attribute("aria-sort") == "descending"


def test_members_render_lazily_and_filter(sample, open_page):
    path, analysis = sample
    page = open_page(path).page
    context = analysis.decomposition.contexts[0]
    members = page.locator('details.members[data-group="0"]')
    assert members.locator("table.members").count() == 0
    members.locator("summary").click()
    rows = members.locator("table.members tbody tr")
    # The rows are built by script after the click: wait for them (retries up to 5 s).
    sync_api.expect(rows).to_have_count(min(len(context.symbols), 200))
    members.locator("input.member-filter").fill(context.symbols[-1])
    sync_api.expect(rows.first).to_contain_text(context.symbols[-1])


def test_report_prints_to_pdf(sample, open_page, tmp_path):
    page = open_page(sample[0]).page
    pdf = tmp_path / "report.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["csp", "no-csp"])
def test_hostile_repository_runs_no_script(hostile, open_page, bypass_csp):
    """With the CSP off too: escaping alone must keep the repository's markup inert."""
    path, analysis = hostile
    view = open_page(path, bypass_csp=bypass_csp)
    page = view.page
    page.locator('details.members[data-group="0"] summary').click()
    page.locator("details").evaluate_all("all => all.forEach(d => d.open = true)")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert view.dialogs == [] and view.errors == [] and view.outside_requests() == []
    assert page.locator("svg.context-map").is_visible()
    hostile_table = next(o.table for o in analysis.decomposition.ownership
                         if "<script>" in o.table)
    page.fill("#search", "</textarea>")
    found = page.locator("#search-results li a").filter(has_text=hostile_table)
    sync_api.expect(found.first).to_be_visible()
    assert page.locator("body").inner_text().count("<U+202E>") >= 1
    page.fill("#search", "")
    _shot(page, f"hostile-report-{'no-csp' if bypass_csp else 'csp'}.png", full_page=True)
