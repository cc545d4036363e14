"""What ``contracts/.importlinter`` says when it has no contract to write."""

from __future__ import annotations

from dataclasses import replace

from test_stubs_inputs import tiny_analysis

from reports.stubs.contracts import render_contracts


def _with_modules(*modules: tuple[str, ...]):
    analysis = tiny_analysis()
    contexts = tuple(replace(c, modules=m) for c, m in zip(
        analysis.decomposition.contexts, [*modules, *([()] * 9)]))
    return replace(analysis, decomposition=replace(analysis.decomposition, contexts=contexts))


def test_no_fenced_context_is_explained_as_a_god_module():
    text = render_contracts(_with_modules())
    assert "# 0 of" in text and "no context owns a whole module" in text


def test_one_fenced_context_alone_is_not_said_to_own_no_module():
    # redash and the FastAPI template: "1 of 1 contexts own whole modules", then "no
    # context owns a whole module" (0 contracts) contradicted it
    text = render_contracts(_with_modules(("shop.x",)))
    assert "# 1 of" in text and "no context owns a whole module" not in text
    assert "No contract is possible" in text
