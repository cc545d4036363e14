"""Generator registry and the one entry point that writes every artifact.

``GENERATORS`` maps a target language to the function producing its files; only ``go``
exists today, the registry keeps the door open for more. Every generator returns
``{relative path: (kind, context, text)}``; :func:`generate` writes them sorted and returns
the artifacts. Output is deterministic: same analysis, same bytes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from decomposer.errors import UsageError, did_you_mean
from decomposer.model import Analysis, Artifact
from reports.stubs.contracts import render_contracts
from reports.stubs.events import render_events
from reports.stubs.gateway import render_gateway
from reports.stubs.go_service import render_service, render_shared_utils
from reports.stubs.naming import SHARED_UTILS
from reports.stubs.plan import plan_services
from reports.stubs.proto import render_proto
from reports.stubs.sql_schema import DIALECTS, render_schema

Files = dict[str, tuple[str, str | None, str]]  # path -> (kind, context, text)


def check_target(target: str) -> None:
    if target not in GENERATORS:
        raise UsageError(f"unknown target {target!r}{did_you_mean(target, GENERATORS)}; "
                         f"known: {', '.join(sorted(GENERATORS))}")


def generate(analysis: Analysis, out: Path, *, target: str = "go",
             schema_dialect: str = "postgres") -> tuple[Artifact, ...]:
    """Write the artifacts of ``target`` under ``out``; return them sorted by path."""
    check_target(target)
    if schema_dialect not in DIALECTS:
        raise UsageError(f"unknown schema dialect {schema_dialect!r}"
                         f"{did_you_mean(schema_dialect, DIALECTS)}; known: "
                         f"{', '.join(DIALECTS)}")
    files = GENERATORS[target](analysis, schema_dialect)
    out = Path(out)
    artifacts = []
    for path in sorted(files):
        kind, context, text = files[path]
        target_file = out / path
        target_file.parent.mkdir(parents=True, exist_ok=True)
        target_file.write_text(text, encoding="utf-8", newline="\n")
        artifacts.append(Artifact(path=path, kind=kind, context=context))
    return tuple(artifacts)


def go_files(analysis: Analysis, schema_dialect: str) -> Files:
    """Proto, Go (Gin + gRPC), SQL, AsyncAPI, KrakenD and import-linter files."""
    files: Files = {}
    for plan in plan_services(analysis):
        n, context = plan.names, plan.context.name
        root = f"services/{n.slug}"
        files[f"{root}/{n.proto_file}"] = ("proto", context, render_proto(plan))
        for path, text in render_service(plan).items():
            files[f"{root}/{path}"] = ("go", context, text)
        files[f"schemas/{n.slug}.sql"] = ("sql", context, render_schema(
            analysis, plan.context, dialect=schema_dialect))
        events = render_events(analysis, plan.context, n)
        if events:
            files[f"events/{n.slug}.yaml"] = ("events", context, events)
    for path, text in render_shared_utils(analysis).items():
        files[f"services/{SHARED_UTILS}/{path}"] = ("go", None, text)
    files["gateway/krakend.json"] = ("gateway", None, render_gateway(analysis))
    files["contracts/.importlinter"] = ("contracts", None, render_contracts(analysis))
    return files


GENERATORS: dict[str, Callable[[Analysis, str], Files]] = {"go": go_files}
