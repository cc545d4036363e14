"""Check Mermaid text with the real Mermaid, in headless Chromium, offline.

Usage: ``python tests/browser/mermaid_check.py FILE.mmd...`` (exit 1 when one fails).

Mermaid's bundled ``dist/mermaid.min.js`` (installed by ``npm ci`` in this folder) is
injected into a blank page; each text goes through ``mermaid.parse`` (syntax) and
``mermaid.render`` (layout, label decoding). The rendered SVG must hold no element or
handler smuggled in through a name: no ``<script``, no ``on...=`` attribute.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
MERMAID_JS = HERE / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu",
                  "--disable-background-networking"]

_CHECK = """
async (text) => {
  try {
    const parsed = await mermaid.parse(text);
    const id = 'd' + Math.random().toString(36).slice(2);
    const { svg } = await mermaid.render(id, text);
    // Parsed as HTML, the way a page embedding it would (labels are HTML inside SVG).
    const doc = new DOMParser().parseFromString(svg, 'text/html');
    const scripts = doc.getElementsByTagName('script').length;
    const handlers = [...doc.querySelectorAll('*')].some(
      el => [...el.attributes].some(a => a.name.toLowerCase().startsWith('on')));
    doc.querySelectorAll('style').forEach(el => el.remove());
    const labels = [...doc.querySelectorAll('.nodeLabel, .edgeLabel, text')]
      .map(el => el.textContent).filter(t => t.trim());
    return { ok: true, type: parsed.diagramType, scripts, handlers, labels };
  } catch (err) {
    return { ok: false, error: String(err && err.message || err) };
  }
}
"""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    diagram_type: str = ""
    error: str = ""
    labels: tuple[str, ...] = ()  # text of the rendered labels, entities decoded


def missing() -> str | None:
    """Why the check cannot run here, or None when it can."""
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"chromium not found at {CHROMIUM}"
    if not MERMAID_JS.exists():
        return f"{MERMAID_JS} missing: run `npm ci` in {HERE}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright for Python is not installed"
    return None


def check_texts(texts: list[str]) -> list[Verdict]:
    """One verdict per text, in order; one browser for all of them."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page()
            page.set_content("<!doctype html><html><body></body></html>")
            page.add_script_tag(path=str(MERMAID_JS))
            page.evaluate("mermaid.initialize({startOnLoad: false, securityLevel: 'strict'})")
            return [_verdict(page.evaluate(_CHECK, text)) for text in texts]
        finally:
            browser.close()


def _verdict(result: dict) -> Verdict:
    if not result["ok"]:
        return Verdict(ok=False, error=result["error"])
    if result["scripts"] or result["handlers"]:
        return Verdict(ok=False, diagram_type=result["type"],
                       error="rendered SVG holds a script element or an on* handler")
    return Verdict(ok=True, diagram_type=result["type"], labels=tuple(result["labels"]))


def main(paths: list[str]) -> int:
    reason = missing()
    if reason:
        print(f"cannot check: {reason}", file=sys.stderr)
        return 1
    verdicts = check_texts([Path(p).read_text(encoding="utf-8") for p in paths])
    for path, verdict in zip(paths, verdicts):
        print(f"{'ok  ' if verdict.ok else 'FAIL'} {path} {verdict.diagram_type} "
              f"{verdict.error}".rstrip())
    return 0 if all(v.ok for v in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
