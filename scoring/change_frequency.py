"""Change frequency: how often the context's own symbols changed, recent changes first.

Per symbol, not per file: a god module's file changes with every feature, its symbols do
not. Each commit touching a symbol counts ``½ + ½ · 0.5^(age / half-life)`` — the mean of
the plain count and the recency-weighted count (``ChangeStats.recent_commits``) — so a
commit made today counts 1 and an old one never less than ½.

Size: the sum over the context's symbols is divided by the square root of its number of
symbols. Dividing by the count would make a one-symbol context that changed twice "hotter"
than a big context where every symbol changed; not dividing would make size alone win. With
the square root a big hot context still ranks above a small cold one, while a small, hot
context can beat a big, lukewarm one.

Revisions are the hotspot measure (Tornhill, *Your Code as a Crime Scene*, 2015); churn
(lines added + deleted, per square root of symbols the same way) only breaks ties, since one
reformatting commit can inflate it.

The value is the context's quintile among the contexts of this repository
(``scoring.ranks.quintile_rank``): commit counts depend on the age of the repository and the
window, so only the comparison within one repository means something. A context none of
whose symbols changed in the window is 1 whatever the others do. Without history the value
is a neutral 3, marked estimated.
"""

from __future__ import annotations

import math

from decomposer.model import Context, CriterionScore
from scoring.evidence import Evidence
from scoring.ranks import percentile, quintile_rank

NAME = "change_frequency"


def change_frequency(context: Context, evidence: Evidence) -> CriterionScore:
    if not evidence.facts.history.available:
        return CriterionScore(NAME, 3, {"symbols": float(len(evidence.members[context.name]))},
                              estimated=True, reason="no git history: neutral 3 (estimated)")
    figures = {c.name: _activity(c.name, evidence) for c in evidence.contexts}
    mine = figures[context.name]
    if mine["commits"] == 0:
        return CriterionScore(NAME, 1, mine, reason="no symbol of it changed in the window")
    population = [(f["heat"], f["churn_heat"]) for f in figures.values()]
    key = (mine["heat"], mine["churn_heat"])
    value = quintile_rank(key, population)
    place = 1 + sum(k > key for k in population)
    mine["percentile"] = round(float(percentile(key, population)), 4)
    return CriterionScore(NAME, value, mine, reason=(
        f"heat {mine['heat']:g}: {mine['commits']:g} commits on {mine['changed_symbols']:g} of "
        f"{mine['symbols']:g} symbols ({mine['recent_commits']:g} recency-weighted), "
        f"#{place} of {len(population)} contexts"))


def _activity(name: str, evidence: Evidence) -> dict[str, float]:
    symbols = evidence.members[name]
    stats = [evidence.changes[s.id] for s in symbols if s.id in evidence.changes]
    commits = sum(s.commits for s in stats)
    recent = sum(s.recent_commits for s in stats)
    churn = sum(s.churn for s in stats)
    root = math.sqrt(len(symbols)) or 1.0
    return {
        "symbols": float(len(symbols)),
        "changed_symbols": float(sum(s.commits > 0 for s in stats)),
        "commits": float(commits),
        "recent_commits": round(recent, 4),
        "churn": float(churn),
        "heat": round((commits + recent) / 2 / root, 4),
        "churn_heat": round(churn / root, 4),
    }
