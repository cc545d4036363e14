"""The phased split roadmap: which context leaves the monolith when, and how.

Order. The playbook extracts by composite score, highest first. Among equal composites,
a context's suppliers (what it calls, reads or writes) go first, then the cheaper to extract
(lower extraction cost: the playbook prefers independent modules), then the one that changes
more, then by name. A context may still come before a supplier with a lower composite — the
playbook takes orders (13) before users (10) — and its steps then say how it bridges the gap:
an anti-corruption layer for calls and writes, a read replica fed by events for data.

Phases. Phase 0 lays the foundations (shared-utils, the gateway, the broker, auth at the
gateway). Then each phase takes the next context in that order, and up to ``MAX_PER_PHASE``
more with the same composite that neither depends on the others nor is depended on by them:
equal value, side by side.
"""

from __future__ import annotations

from itertools import groupby

from decomposer.model import ContextScore, Phase, Roadmap
from scoring.evidence import Evidence
from scoring.foundation import foundation_phase
from scoring.identity import find_identity_context
from scoring.links import find_links
from scoring.risks import context_risks
from scoring.steps import context_steps
from scoring.text import listing

MAX_PER_PHASE = 3


def plan_roadmap(matrix: tuple[ContextScore, ...], evidence: Evidence) -> Roadmap:
    scores = {s.context: s for s in matrix}
    picks = _ordered(matrix, evidence.needs)
    order = [name for name, _ in picks]
    groups = _phases(order, scores, evidence.needs)
    phase_of = {name: number for number, group in enumerate(groups, 1) for name in group}
    identity = find_identity_context(evidence)
    links = find_links(evidence)
    phases = [foundation_phase(evidence, identity, phase_of)]
    for number, group in enumerate(groups, 1):
        contexts = [evidence.decomposition.context(name) for name in group]
        steps = [f"[{c.name}] {step}" if len(group) > 1 else step for c in contexts
                 for step in context_steps(c, evidence, links, phase_of, identity)]
        risks = [risk for c in contexts for risk in context_risks(c, evidence, links)]
        why = " ".join(_why(name, order, dict(picks)[name], scores, evidence, phase_of)
                       for name in group)
        if len(group) > 1:
            why += (f" {listing(group)} share this phase: same composite, and none depends on "
                    f"another.")
        phases.append(Phase(number=number, contexts=tuple(group), steps=tuple(steps),
                            risks=tuple(risks), rationale=why))
    return Roadmap(phases=tuple(phases), notes=_notes(matrix, evidence, phase_of, identity))


def extraction_order(matrix: tuple[ContextScore, ...],
                     needs: dict[str, tuple[str, ...]]) -> list[str]:
    """Contexts by composite, descending; ties: suppliers first, then ``_tie_key``."""
    return [name for name, _ in _ordered(matrix, needs)]


def _ordered(matrix: tuple[ContextScore, ...],
             needs: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(context, why it comes where it does among the contexts of equal composite)."""
    ranked = sorted(matrix, key=lambda s: (-s.composite, *_tie_key(s)))
    picks = []
    for _, band in groupby(ranked, key=lambda s: s.composite):
        waiting = list(band)
        while waiting:
            names = {s.context for s in waiting}
            ready = [s for s in waiting if not names & set(needs[s.context])]
            pick = (ready or waiting)[0]
            picks.append((pick.context, _tie_reason(pick, waiting, ready, needs)))
            waiting.remove(pick)
    return picks


def _tie_key(score: ContextScore) -> tuple:
    return (score.extraction_cost, -score.value("change_frequency"), score.context)


def _tie_reason(pick: ContextScore, waiting: list[ContextScore], ready: list[ContextScore],
                needs: dict[str, tuple[str, ...]]) -> str:
    others = [s for s in waiting if s is not pick]
    if not others:
        return ""
    if not ready:
        cycle = listing(sorted(s.context for s in waiting))
        return (f"{cycle} wait for one another (a dependency cycle): {pick.context} goes "
                f"first by {_figures(pick, others[0])}, and bridges the rest")
    skipped = waiting[:waiting.index(pick)]
    if skipped:
        names = {w.context for w in waiting}
        blocked = [f"{s.context} (waits for {listing([n for n in needs[s.context] if n in names])})"
                   for s in skipped]
        return f"{listing(blocked)} rank(s) first on the figures but wait(s) for suppliers"
    return f"ahead of {others[0].context} by {_figures(pick, others[0])}"


def _figures(first: ContextScore, second: ContextScore) -> str:
    if first.extraction_cost != second.extraction_cost:
        return (f"lower extraction cost ({first.extraction_cost:g} < "
                f"{second.extraction_cost:g})")
    a, b = first.value("change_frequency"), second.value("change_frequency")
    if a != b:
        return f"higher change frequency ({a} > {b})"
    return "name (same figures)"


def _phases(order: list[str], scores: dict[str, ContextScore],
            needs: dict[str, tuple[str, ...]]) -> list[list[str]]:
    groups: list[list[str]] = []
    for name in order:
        current = groups[-1] if groups else []
        joins = (current and len(current) < MAX_PER_PHASE
                 and scores[current[0]].composite == scores[name].composite
                 and not any(name in needs[c] or c in needs[name] for c in current))
        if joins:
            current.append(name)
        else:
            groups.append([name])
    return groups


def _why(name: str, order: list[str], tie: str, scores: dict[str, ContextScore],
         evidence: Evidence, phase_of: dict[str, int]) -> str:
    s = scores[name]
    before = order[:order.index(name)]
    tied = [n for n in before if scores[n].composite == s.composite]
    if not before:
        head = f"the highest composite ({s.composite:g})"
    elif not tied:
        head = (f"the highest composite left ({s.composite:g}; {before[-1]} had "
                f"{scores[before[-1]].composite:g})")
    else:
        head = f"tied at {s.composite:g} with {listing(tied)} before it"
    sentences = [f"{name} scores {_sum(s, evidence)}, extraction cost {s.extraction_cost:g}: "
                 f"{head}" + (f"; {tie}." if tie else ".")]
    earlier = [n for n in evidence.needs[name] if phase_of[n] < phase_of[name]]
    later = [n for n in evidence.needs[name] if phase_of[n] > phase_of[name]]
    if earlier:
        sentences.append(f"It uses {listing(earlier)}, extracted before it.")
    if later:
        sentences.append(f"It needs {listing([f'{n} (phase {phase_of[n]})' for n in later])}, "
                         f"still in the monolith then: bridged, see the steps.")
    return " ".join(sentences)


def _sum(score: ContextScore, evidence: Evidence) -> str:
    """``5+4+4 = 13`` with default weights; ``1.5×5 + 4 + 4 = 15.5`` otherwise."""
    weights = evidence.config.score_weights
    parts = []
    for criterion in ("business_importance", "change_frequency", "technical_debt"):
        value = score.value(criterion)
        weight = weights.get(criterion, 1.0)
        parts.append(f"{value}" if weight == 1 else f"{weight:g}×{value}")
    plain = all(weights.get(c, 1.0) == 1 for c in weights)
    joined = "+".join(parts) if plain else " + ".join(parts)
    return f"{joined} = {score.composite:g} (importance + change + debt)"


def _notes(matrix: tuple[ContextScore, ...], evidence: Evidence, phase_of: dict[str, int],
           identity: str | None) -> tuple[str, ...]:
    weights = evidence.config.score_weights
    notes = [
        "Composite = " + " + ".join(f"{weights.get(c, 1.0):g}×{c}" for c in
                                    ("business_importance", "change_frequency",
                                     "technical_debt"))
        + "; extraction cost is apart and only orders equal composites.",
        f"Order: composite descending; ties: suppliers first, then lower extraction cost, "
        f"then higher change frequency, then name; at most {MAX_PER_PHASE} contexts of equal "
        f"composite and no dependency between them share a phase.",
    ]
    history = evidence.facts.history
    if history.available:
        notes.append(f"Change frequency from {history.commits} commits "
                     f"({history.first_date} to {history.last_date}), per symbol, recent "
                     f"commits weighted higher (half-life {evidence.config.half_life_days:g} "
                     f"days), ranked by quintile among the contexts.")
    else:
        notes.append("No git history: change frequency is a neutral 3 everywhere (estimated).")
    estimated = sorted(s.context for s in matrix
                       if any(c.estimated and c.criterion == "business_importance"
                              for c in s.criteria))
    if estimated:
        notes.append(f"Business importance estimated for {listing(estimated, 10)} from routes, "
                     f"core tables written and fan-in; set [tool.decomposer.importance] to "
                     f"override.")
    forward = sum(1 for a, bs in evidence.needs.items() for b in bs if phase_of[b] > phase_of[a])
    backward = sum(1 for a, bs in evidence.needs.items() for b in bs if phase_of[b] < phase_of[a])
    notes.append(f"{forward} dependencies point to a later phase and are bridged (anti-corruption "
                 f"layer or read replica fed by events); {backward} point to services already "
                 f"extracted.")
    notes.append(f"Central identity/auth: {identity} (users/auth vocabulary)." if identity else
                 "No users/auth-like context found: no central identity service planned.")
    return tuple(notes)
