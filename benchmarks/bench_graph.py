"""Speed of ``decomposer graph`` on a large synthetic monolith, against a floor.

    python benchmarks/bench_graph.py --lines 1000000 [--keep DIR] [--jobs 0] [--repeat 3]

Generates a monolith of realistic shapes (domain packages with models, DAOs with raw SQL,
services and views; a few god modules; a utils module everyone imports; SQLAlchemy models),
then measures in one run:

- the floor: read every file and ``ast.parse`` it, one process;
- ``decomposer graph`` with a cold cache (its own temporary cache directory);
  the two taken turn about ``--repeat`` times (3), their medians compared;
- the same again with the warm cache;

and prints files/s, MB/s, peak memory and the ratios. Targets (issue 2): cold <= 3x the
single-process floor using both cores, warm <= 15% of cold, peak memory <= 3 GB at 1 M lines.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DOMAINS = ("orders", "customers", "invoices", "payments", "products", "stock", "shipments",
           "carriers", "returns", "coupons", "reviews", "suppliers", "warehouses", "reports",
           "accounts", "sessions", "emails", "audits", "taxes", "prices")


def generate(root: Path, lines: int, seed: int = 7) -> tuple[int, int]:
    """Write the monolith; return (files, bytes)."""
    rng = random.Random(seed)
    app = root / "app"
    app.mkdir(parents=True)
    (app / "__init__.py").write_text("")
    (app / "utils.py").write_text(_utils())
    files, size, written = 2, 0, 0
    module_index = 0
    while written < lines:
        domain = DOMAINS[module_index % len(DOMAINS)]
        package = app / f"{domain}_{module_index // len(DOMAINS)}"
        package.mkdir(exist_ok=True)
        (package / "__init__.py").touch()
        kind = ("models", "dao", "services", "views")[rng.randrange(4)]
        god = rng.random() < 0.01
        text = _module(rng, kind, domain, package.name, 60 if god else 8)
        path = package / f"{kind}_{module_index}.py"
        path.write_text(text)
        written += text.count("\n")
        size += len(text)
        files += 1
        module_index += 1
    return files, size


def _utils() -> str:
    return '''"""Helpers everyone imports."""
import datetime


def format_money(cents):
    return "%.2f" % (cents / 100.0)


def now():
    return datetime.datetime.utcnow()


def query(sql, params=()):
    raise NotImplementedError


def login_required(func):
    return func
'''


def _module(rng: random.Random, kind: str, domain: str, package: str, units: int) -> str:
    other = rng.choice(DOMAINS)
    out = [f'"""{kind} of {domain}."""', "from app.utils import format_money, query, now",
           "from app import utils", ""]
    if kind == "models":
        out += ["from sqlalchemy import Column, ForeignKey, Integer, String",
                "from sqlalchemy.orm import declarative_base", "", "Base = declarative_base()", ""]
    for i in range(units):
        name = f"{domain.title().replace('_', '')}{kind.title()}{i}"
        if kind == "models":
            out += [f"class {name}(Base):", f'    __tablename__ = "{domain}_{i}"',
                    "    id = Column(Integer, primary_key=True)",
                    f'    {other}_id = Column(Integer, ForeignKey("{other}_0.id"))',
                    "    label = Column(String(80))", "",
                    "    def describe(self):",
                    "        if self.label:",
                    "            return format_money(len(self.label))",
                    "        return now()", ""]
        elif kind == "dao":
            out += [f"class {name}:", f'    table = "{domain}_{i}"', "",
                    "    def get(self, key):",
                    f'        return query("SELECT * FROM {domain}_{i} WHERE id = %s", (key,))',
                    "", "    def recent(self, limit=10):",
                    f'        sql = "SELECT a.id FROM {domain}_{i} a JOIN {other}_0 b ON b.id = '
                    'a.id " + "LIMIT %d" % limit',
                    "        return query(sql)", "",
                    "    def save(self, row):",
                    f'        query(f"UPDATE {domain}_{i} SET label = %s WHERE id = {{row}}")',
                    "        for item in row:",
                    "            if item and item > 3 or item < 0:",
                    "                continue", ""]
        elif kind == "services":
            out += [f"def {name.lower()}(key, amount=0):",
                    "    total = 0",
                    "    for step in range(amount):",
                    "        if step % 2:",
                    "            total += step",
                    "        elif step > 10:",
                    "            total -= 1",
                    "    return utils.format_money(total)", ""]
        else:
            out += ["@utils.login_required",
                    f"def {name.lower()}_view(request, key):",
                    "    try:",
                    "        data = dict(request)",
                    "    except ValueError:",
                    "        return None",
                    "    return format_money(len(data))", ""]
    return "\n".join(out) + "\n"


def floor(root: Path) -> float:
    start = time.perf_counter()
    for path in root.rglob("*.py"):
        ast.parse(path.read_bytes())
    return time.perf_counter() - start


def timed_graph(repo: Path, out: Path, cache: Path, jobs: int) -> tuple[float, dict]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "decomposer.cli", "graph", str(repo), "-o", str(out), "--json",
         "--quiet", "--no-history", "--cache-dir", str(cache), "--jobs", str(jobs)],
        capture_output=True, text=True, check=True)
    return time.perf_counter() - start, json.loads(result.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="generate here and keep it")
    parser.add_argument("--repeat", type=int, default=3,
                        help="floor and cold runs, taken turn about (medians are compared)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="decomposer-bench-"))
    repo = args.keep or work / "repo"
    try:
        if not repo.exists():
            generate(repo, args.lines)
            files = sum(1 for _ in repo.rglob("*.py"))
            size = sum(p.stat().st_size for p in repo.rglob("*.py"))
        else:
            files = sum(1 for _ in repo.rglob("*.py"))
            size = sum(p.stat().st_size for p in repo.rglob("*.py"))
            args.lines = sum(p.read_bytes().count(b"\n") for p in repo.rglob("*.py"))
        # Floor and cold run taken turn about, and the medians compared: on a shared
        # machine either can be a quarter slower from one minute to the next.
        floors, colds = [], []
        for turn in range(args.repeat):
            floors.append(floor(repo))
            cache = work / f"cache{turn}"
            seconds, summary = timed_graph(repo, work / "out", cache, args.jobs)
            colds.append(seconds)
        base, cold = statistics.median(floors), statistics.median(colds)
        warm, _ = timed_graph(repo, work / "out2", cache, args.jobs)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        report = {
            "lines": args.lines, "files": files, "megabytes": round(size / 1e6, 1),
            "cores": os.cpu_count(),
            "floor_read_ast_parse_s": round(base, 2),
            "cold_s": round(cold, 2), "warm_s": round(warm, 2),
            "samples": {"floor_s": [round(x, 2) for x in floors],
                        "cold_s": [round(x, 2) for x in colds]},
            "cold_over_floor": round(cold / base, 2), "warm_over_cold": round(warm / cold, 3),
            "files_per_s_cold": round(files / cold), "mb_per_s_cold": round(size / 1e6 / cold, 2),
            "peak_memory_mb": round(peak_mb),
            "symbols": summary["symbols"], "tables": summary["tables"],
            "edges": summary["edges"],
        }
        print(json.dumps(report, indent=2))
        ok = (report["cold_over_floor"] <= 3 and report["warm_over_cold"] <= 0.15
              and peak_mb <= 3072)
        print("targets met" if ok else "targets NOT met", file=sys.stderr)
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
