"""Score decomposer's bounded contexts against a known true partition.

    python benchmarks/accuracy.py MONOLITH_DIR TRUTH_JSON [--history-plan PLAN]

Prints ARI over symbols (the shared kernel counts as one more group), MoJoFM, table
ownership accuracy and the number of contexts found vs. true. With a history plan the
monolith is first materialised as a git repository in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from decomposer.clustering.leiden import adjusted_rand
from decomposer.config import load_config

KERNEL = "<shared kernel>"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("repo", type=Path)
    parser.add_argument("truth", type=Path)
    parser.add_argument("--history-plan", type=Path)
    parser.add_argument("--contexts", type=int)
    parser.add_argument("--seed", type=int, help="clustering seed (default: the configured one)")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    from decomposer import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        repo = args.repo
        if args.history_plan:
            from decomposer.demo import materialize
            repo = materialize(args.repo, args.history_plan, Path(tmp) / "repo")
        config = load_config(repo).with_flags(repo=str(repo), use_cache=False,
                                              contexts=args.contexts, seed=args.seed)
        state = pipeline.run(config, upto="score")
    decomposition = state.values["decomposition"]
    assignment = contract_assignment(decomposition)
    truth = json.loads(args.truth.read_text())
    scores = score(assignment, decomposition.shared_kernel, truth)
    if truth.get("hotness") and state.values["facts"].history.available:
        scores["hotness_spearman"] = hotness_spearman(state.values["scores"], assignment,
                                                      truth)
    print(json.dumps(scores, indent=2))
    if args.verbose:
        report_mistakes(assignment, decomposition.shared_kernel, truth)
    return 0


def contract_assignment(decomposition) -> dict[str, str]:
    """Member -> context as decomposition.json states it (tables by their owner)."""
    out = {s: c.name for c in decomposition.contexts for s in c.symbols}
    out.update({f"table:{t}": c.name for c in decomposition.contexts for t in c.tables})
    return out


def truth_partition(truth: dict) -> tuple[dict[str, str], dict[str, str]]:
    symbols = {s: c["name"] for c in truth["contexts"] for s in c["symbols"]}
    symbols.update({s: KERNEL for s in truth.get("shared_kernel", [])})
    # the contract's table names are lower-case (DESIGN.md); a truth may write them as the
    # schema does (``SalesOrderLine``)
    tables = {t.lower(): c["name"] for c in truth["contexts"] for t in c.get("tables", [])}
    return symbols, tables


def score(assignment: dict[str, str], kernel: tuple[str, ...], truth: dict) -> dict:
    true_symbols, true_tables = truth_partition(truth)
    predicted = {m: c for m, c in assignment.items() if not m.startswith("table:")}
    predicted.update({k: KERNEL for k in kernel})
    common = sorted(set(true_symbols) & set(predicted))
    a = [true_symbols[s] for s in common]
    b = [predicted[s] for s in common]
    mapping = _majority_mapping(predicted, true_symbols)
    owned = [t for t in true_tables if f"table:{t}" in assignment]
    right = sum(mapping.get(assignment[f"table:{t}"]) == true_tables[t] for t in owned)
    found = {c for c in predicted.values() if c != KERNEL}
    return {
        "ari": round(adjusted_rand(a, b), 3),
        "mojofm": round(mojofm(b, a), 1),
        "table_ownership": round(right / len(true_tables), 3) if true_tables else None,
        "contexts_found": len(found),
        "contexts_true": len(truth["contexts"]),
        "symbols_scored": len(common),
        "symbols_missing": len(set(true_symbols) - set(predicted)),
    }


def hotness_spearman(scores, assignment: dict[str, str], truth: dict) -> float:
    """Spearman correlation between the true hotness ranking of the true contexts and the
    change-frequency heat of the contexts found, each true context taking the heat of the
    found context holding most of its symbols."""
    true_symbols, _ = truth_partition(truth)
    heat = {s.context: next(c.raw.get("heat", 0.0) for c in s.criteria
                            if c.criterion == "change_frequency") for s in scores.matrix}
    votes: dict[str, Counter] = defaultdict(Counter)
    for symbol, ctx in assignment.items():
        if symbol in true_symbols and true_symbols[symbol] != KERNEL:
            votes[true_symbols[symbol]][ctx] += 1
    ranked = [c for c in truth["hotness"] if c in votes]
    figures = [heat.get(votes[c].most_common(1)[0][0], 0.0) for c in ranked]
    return round(spearman(list(range(len(ranked), 0, -1)), figures), 3)


def spearman(a: list[float], b: list[float]) -> float:
    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        out = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return out

    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb))
    var = math.sqrt(sum((x - ma) ** 2 for x in ra) * sum((y - mb) ** 2 for y in rb))
    return cov / var if var else 0.0


def report_mistakes(assignment: dict[str, str], kernel: tuple[str, ...], truth: dict) -> None:
    true_symbols, true_tables = truth_partition(truth)
    predicted = {m: c for m, c in assignment.items() if not m.startswith("table:")}
    predicted.update({k: KERNEL for k in kernel})
    mapping = _majority_mapping(predicted, true_symbols)
    for s in sorted(true_symbols):
        p = predicted.get(s)
        if p is None or mapping.get(p) != true_symbols[s]:
            print(f"  {s}: true {true_symbols[s]}, got {p} (~{mapping.get(p)})", file=sys.stderr)
    for t in sorted(true_tables):
        p = assignment.get(f"table:{t}")
        if mapping.get(p) != true_tables[t]:
            print(f"  table {t}: true {true_tables[t]}, got {p}", file=sys.stderr)


def _majority_mapping(predicted: dict[str, str], true: dict[str, str]) -> dict[str, str]:
    votes: dict[str, Counter] = defaultdict(Counter)
    for s, c in predicted.items():
        if s in true:
            votes[c][true[s]] += 1
    return {c: v.most_common(1)[0][0] for c, v in votes.items()}


def mojofm(candidate: list[str], truth: list[str]) -> float:
    """MoJoFM (Wen & Tzerpos 2004): 100 * (1 - mno(A, B) / max mno(any A, B)).

    mno counts the moves and joins that turn the candidate A into the truth B; each
    candidate cluster is tagged with the true cluster it shares most objects with.
    """
    n = len(truth)
    groups: dict[str, Counter] = defaultdict(Counter)
    for c, t in zip(candidate, truth):
        groups[c][t] += 1
    moves = 0
    tagged: dict[str, int] = defaultdict(int)
    for counts in groups.values():
        tag, best = counts.most_common(1)[0]
        moves += sum(counts.values()) - best
        tagged[tag] += 1
    joins = sum(k - 1 for k in tagged.values())
    l_truth = len(set(truth))
    worst = n - l_truth + max(0, l_truth - 1) * 0  # all objects misplaced, B's groups kept
    worst = max(worst, 1)
    return 100.0 * (1 - (moves + joins) / worst) if not math.isnan(worst) else 0.0


if __name__ == "__main__":
    raise SystemExit(main())
