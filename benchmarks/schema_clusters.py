"""Do tables of a multi-schema database cluster into its schemas, once the names are gone?

    python benchmarks/schema_clusters.py SCHEMA.sql [--dialect postgres] [--drop-schema pe,hr]

Reads the tables with their schema (the truth), writes a copy of the file with every
schema qualifier and CREATE SCHEMA statement removed into a temporary repository, runs the
clustering on it and prints the ARI between the contexts found and the original schemas.
Schemas listed in ``--drop-schema`` (alias schemas holding only views of other schemas'
tables) are removed with their objects.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

from decomposer.clustering.leiden import adjusted_rand
from decomposer.config import Config
from decomposer.ingest.source import decode_sql
from decomposer.ingest.sql_facts import parse_sql_file
from decomposer.ingest.sql_split import split_statements


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("sql", type=Path)
    parser.add_argument("--dialect", default="postgres")
    parser.add_argument("--drop-schema", default="")
    parser.add_argument("--seed", type=int, default=42, help="clustering seed")
    parser.add_argument("--verbose", "-v", action="store_true", help="list each context")
    args = parser.parse_args()
    text = decode_sql(args.sql.read_bytes())  # SQL Server's samples are UTF-16
    dropped = {s.strip().lower() for s in args.drop_schema.split(",") if s.strip()}
    facts = parse_sql_file(text, str(args.sql), args.dialect)
    truth = {t.name: t.schema.lower() for t in facts.tables
             if t.schema and t.kind == "table" and t.schema.lower() not in dropped}
    schemas = sorted({t.schema for t in facts.tables if t.schema}, key=len, reverse=True)
    stripped = strip_schemas(text, schemas, dropped, batches=args.dialect == "tsql")
    from decomposer import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "schema.sql").write_text(stripped, encoding="utf-8")
        config = Config(repo=tmp, use_cache=False, use_history=False, dialect=args.dialect,
                        seed=args.seed)
        state = pipeline.run(config, upto="cluster")
    assignment = state.values["clusters"].assignment
    common = sorted(t for t in truth if f"table:{t}" in assignment)
    found = [assignment[f"table:{t}"] for t in common]
    if args.verbose:
        by_context: dict[str, list[str]] = {}
        for t in common:
            by_context.setdefault(assignment[f"table:{t}"], []).append(f"{t} ({truth[t]})")
        for name, tables in sorted(by_context.items()):
            print(f"{name}: {', '.join(tables)}")
    print(json.dumps({
        "tables_true": len(truth), "tables_clustered": len(common),
        "schemas": len(set(truth.values())), "contexts": len(set(found)),
        "ari": round(adjusted_rand([truth[t] for t in common], found), 3),
    }, indent=2))
    return 0


def strip_schemas(text: str, schemas: list[str], dropped: set[str], *,
                  batches: bool = False) -> str:
    """The script without CREATE SCHEMA, objects of dropped schemas and qualifiers.

    ``batches``: T-SQL, whose CREATE TRIGGER/VIEW/PROCEDURE must each be alone in a batch;
    the statements are joined with ``GO`` as in the original script, not with ``;`` alone
    (which let a trigger's body run on into every view after it)."""
    kept = []
    for stmt in split_statements(text):
        head = " ".join(stmt.text.split()[:6]).lower()
        if head.startswith("create schema") or any(
            re.search(rf"\b{re.escape(s)}\.", stmt.text, re.I) and head.startswith(
                ("create view", "create or replace view", "create table", "comment"))
            and re.search(rf"(view|table)\s+\"?{re.escape(s)}\"?\.", stmt.text, re.I)
            for s in dropped
        ):
            continue
        kept.append(stmt.text)
    out = (";\nGO\n\n" if batches else ";\n\n").join(kept) + ";\n"
    for schema in schemas:
        out = re.sub(rf'(?<![\w."]){re.escape(schema)}\.', "", out, flags=re.I)
        out = re.sub(rf'"{re.escape(schema)}"\.', "", out, flags=re.I)
        out = re.sub(rf'\[{re.escape(schema)}\]\.', "", out, flags=re.I)  # T-SQL
    return out


if __name__ == "__main__":
    raise SystemExit(main())
