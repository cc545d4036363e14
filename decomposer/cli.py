"""Thin commands: parse flags, run the pipeline, render, map the outcome to an exit code.

Exit codes: 0 ok, 1 could not run, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from decomposer import __version__, pipeline
from decomposer.config import Config, load_config
from decomposer.errors import DecomposerError, UsageError
from decomposer.progress import progress_reporter
from reports import outputs
from reports import summary as summary_report

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class _Cli(click.Group):
    """Maps every failure to its exit code; only --debug shows a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except UsageError as exc:
            _fail(exc, _debug(ctx))
            ctx.exit(EXIT_USAGE)
        except DecomposerError as exc:
            _fail(exc, _debug(ctx))
            ctx.exit(EXIT_FAILED)
        except Exception as exc:  # a bug of ours: say so plainly, traceback under --debug
            if _debug(ctx):
                traceback.print_exc()
            click.echo(f"decomposer: internal error: {exc!r} (run with --debug for the "
                       "traceback, and please report it)", err=True)
            ctx.exit(EXIT_FAILED)


def _remember_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    # The flag belongs to the subcommand; ctx.meta is shared with the group, which reports.
    # (Reading sys.argv instead would miss arguments given to main() by a caller.)
    ctx.meta["decomposer.debug"] = value
    return value


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.meta.get("decomposer.debug"))


def _fail(exc: Exception, debug: bool) -> None:
    if debug:
        traceback.print_exc()
    click.echo(f"decomposer: error: {exc}", err=True)


@click.group(cls=_Cli, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="decomposer")
def main() -> None:
    """Split a legacy Python monolith into services, by static analysis only."""


def common_options(func: Callable) -> Callable:
    """Options every analysing command shares, declared once."""
    options = [
        click.argument("repo", type=click.Path(file_okay=False, path_type=Path)),
        click.option("-o", "--output", "output", type=click.Path(path_type=Path),
                     default=Path("decomposer-out"), show_default=True,
                     help="Folder for the results (never inside REPO)."),
        click.option("--exclude", multiple=True, help="Glob of paths to leave out (repeatable)."),
        click.option("--max-file-size", type=click.IntRange(0), default=None, metavar="BYTES",
                     help="Skip (and report) files bigger than this (default 2000000)."),
        click.option("--dialect", default=None, help="SQL dialect of the monolith (auto)."),
        click.option("--since", default=None, help='History window, e.g. "2 years ago".'),
        click.option("--no-history", is_flag=True, help="Do not read git history."),
        click.option("--contexts", type=click.IntRange(1, 200), default=None,
                     help="Ask for this number of bounded contexts."),
        click.option("--seed", type=int, default=None, help="Clustering seed (default 42)."),
        click.option("--jobs", "-j", type=click.IntRange(0, 256), default=None,
                     help="Processes that analyse files, this one included (0 = one per core)."),
        click.option("--cache-dir", type=click.Path(path_type=Path), default=None,
                     envvar="DECOMPOSER_CACHE_DIR",
                     help="Cache of per-file results [env DECOMPOSER_CACHE_DIR]."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the cache."),
        click.option("--json", "as_json", is_flag=True, help="Print JSON for machines."),
        click.option("--quiet", "-q", is_flag=True, help="No progress, only results."),
        click.option("--debug", is_flag=True, callback=_remember_debug,
                     help="Show tracebacks."),
    ]
    for option in reversed(options):
        func = option(func)

    @functools.wraps(func)
    def wrapper(**kwargs: Any) -> Any:
        kwargs["config"] = _config(kwargs)
        return func(**kwargs)

    return wrapper


def _config(flags: dict[str, Any]) -> Config:
    repo = flags["repo"]
    if not repo.exists():
        raise DecomposerError(f"{repo}: no such directory")
    config = load_config(repo)
    return config.with_flags(
        repo=str(repo),
        exclude=(config.exclude + tuple(flags["exclude"])) if flags["exclude"] else None,
        dialect=flags["dialect"], since=flags["since"], contexts=flags["contexts"],
        max_file_size=flags["max_file_size"],
        seed=flags["seed"], jobs=flags["jobs"],
        cache_dir=str(flags["cache_dir"]) if flags["cache_dir"] else None,
        use_cache=False if flags["no_cache"] else None,
        use_history=False if flags["no_history"] else None,
    )


def _emit(data: dict[str, Any], as_json: bool, text: Callable[[dict[str, Any]], None]) -> None:
    if as_json:
        click.echo(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False))
    else:
        text(data)


def _run(config: Config, upto: str, quiet: bool, out: Path | None = None,
         parts: tuple[str, ...] = outputs.EVERYTHING, skip: tuple[str, ...] = ()) -> pipeline.Run:
    with progress_reporter(enabled=not quiet) as progress:
        state = pipeline.run(config, upto=upto, progress=progress, out=out, parts=parts,
                             skip=skip)
    _LAST_RUN[:] = [state]
    return state


# The last run's results, alive to the end: a command that dropped them would free millions
# of facts one by one (0.5 s at 1 M lines) just before the process leaves (see ``run``).
_LAST_RUN: list[pipeline.Run] = []


@main.command()
@common_options
def graph(config: Config, output: Path, as_json: bool, quiet: bool, **_: Any) -> None:
    """Build the dependency graph: graph.json (node-link) and graph.graphml."""
    state = _analyse(config, output, quiet, "render", parts=(outputs.GRAPH,),
                     skip=("cluster", "context map", "score", "generate"))
    data = dict(state.values["graph_summary"])
    data["outputs"] = [str(p) for p in state.values["written"]]
    data["timings"] = state.values["timings"]
    _emit(data, as_json, summary_report.print_graph_summary)


@main.command()
@common_options
def contexts(config: Config, output: Path, as_json: bool, quiet: bool, **_: Any) -> None:
    """Find bounded contexts: decomposition.json, context-map.mmd, contexts/*.mmd."""
    state = _analyse(config, output, quiet, "render", skip=("score", "generate"),
                     parts=(outputs.DECOMPOSITION, outputs.MERMAID))
    _emit(_summary(state), as_json, summary_report.print_contexts)


@main.command()
@common_options
def score(config: Config, output: Path, as_json: bool, quiet: bool, **_: Any) -> None:
    """Score each context (priority matrix) and plan the split (roadmap)."""
    state = _analyse(config, output, quiet, "render", skip=("generate",),
                     parts=(outputs.DECOMPOSITION, outputs.MATRIX, outputs.ROADMAP))
    _emit(_summary(state), as_json, summary_report.print_matrix)


@main.command()
@common_options
@click.option("--target", default=None, metavar="TARGET",
              help="What to generate: go (the default, and the only one today).")
@click.option("--schema-dialect", type=click.Choice(["postgres", "mysql"]), default=None,
              help="SQL dialect of the generated schemas (default postgres).")
def generate(config: Config, output: Path, as_json: bool, quiet: bool, target: str | None,
             schema_dialect: str | None, **_: Any) -> None:
    """Generate per-service .proto, Go skeletons, SQL schemas, events, gateway, contracts."""
    from reports.stubs.registry import check_target

    config = config.with_flags(target=target, schema_dialect=schema_dialect)
    check_target(config.target)  # before the analysis, not after it
    state = _analyse(config, output, quiet, "generate")
    _emit(_summary(state), as_json, summary_report.print_artifacts)


@main.command()
@common_options
@click.option("--open", "open_report", is_flag=True, help="Open the report in a browser.")
def report(config: Config, output: Path, as_json: bool, quiet: bool, open_report: bool,
           **_: Any) -> None:
    """Write the self-contained HTML report (and the JSON it is built from)."""
    state = _analyse(config, output, quiet, "render", skip=("generate",),
                     parts=(outputs.DECOMPOSITION, outputs.REPORT))
    _finish(state, as_json, open_report)


@main.command()
@common_options
def mermaid(config: Config, output: Path, as_json: bool, quiet: bool, **_: Any) -> None:
    """Write the Mermaid context map and per-context diagrams; print the map."""
    state = _analyse(config, output, quiet, "render", skip=("score", "generate"),
                     parts=(outputs.MERMAID,))
    if as_json:
        _emit(_summary(state), True, summary_report.print_contexts)
    else:
        from reports.mermaid import context_map_mermaid

        click.echo(context_map_mermaid(state.values["decomposition"]), nl=False)


@main.command()
@common_options
@click.option("--open", "open_report", is_flag=True, help="Open the report in a browser.")
def analyze(config: Config, output: Path, as_json: bool, quiet: bool, open_report: bool,
            **_: Any) -> None:
    """Run everything: graph, contexts, scores, roadmap, generated services, report."""
    state = _analyse(config, output, quiet, "render")
    _finish(state, as_json, open_report)


@main.command()
@click.option("-o", "--output", type=click.Path(path_type=Path), default=Path("demo-out"),
              show_default=True, help="Folder for the demo repository and the results.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only results.")
@click.option("--open", "open_report", is_flag=True, help="Open the report in a browser.")
@click.option("--debug", is_flag=True, callback=_remember_debug, help="Show tracebacks.")
def demo(output: Path, as_json: bool, quiet: bool, open_report: bool, debug: bool) -> None:
    """Build the bundled legacy shop (with its git history) and analyse it."""
    from decomposer.demo import build_demo_repo

    repo = output / "legacy-shop-repo"
    if not repo.exists():
        if not quiet:
            click.echo(f"Building the demo monolith with its history in {repo} ...", err=True)
        build_demo_repo(repo)
    config = load_config(repo).with_flags(repo=str(repo))
    state = _analyse(config, output / "analysis", quiet, "render")
    _finish(state, as_json, open_report)


def _analyse(config: Config, output: Path, quiet: bool, upto: str,
             skip: tuple[str, ...] = (), parts: tuple[str, ...] = outputs.EVERYTHING,
             ) -> pipeline.Run:
    out = pipeline.output_dir(output, Path(config.repo).resolve())
    return _run(config, upto, quiet, out=out, parts=parts, skip=skip)


def _summary(state: pipeline.Run) -> dict[str, Any]:
    return summary_report.run_summary(pipeline.analysis_of(state),
                                      written=state.values.get("written", ()), out=state.out)


def _finish(state: pipeline.Run, as_json: bool, open_report: bool) -> None:
    _emit(_summary(state), as_json, summary_report.print_run)
    if open_report and state.out is not None:
        click.launch(str(state.out / "report.html"))


def run() -> None:
    """The console script. Once the results are out, leave at once: tearing down a heap of
    millions of facts object by object takes seconds and changes nothing (mypy does the same).
    The collector stays off to the end for the same reason: the pipeline runs without it,
    and switched back on, its first full pass walks those millions (1.2 s at 1 M lines)."""
    gc.disable()
    try:
        main()
    except SystemExit as done:
        code = done.code
        if code is not None and not isinstance(code, int):
            click.echo(code, err=True)
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or 0)


if __name__ == "__main__":
    run()
