"""Shared fixtures of the real-build checks: generated outputs and a private PostgreSQL.

``generated`` holds three outputs: the small hostile Analysis of
tests/unit/test_stubs_inputs.py and, when the pipeline runs, the flask_godmodule and
django_lying benchmark monoliths. Each tool check skips with a reason only when its tool is
missing on the machine; CI installs them all.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest

from reports.stubs import generate

ROOT = Path(__file__).resolve().parents[2]
# Benchmark monoliths whose outputs are built for real: raw SQL and Django models (whose
# field classes must come out as SQL types, not TEXT).
BENCHMARKS = ("flask_godmodule", "django_lying")
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _tiny_analysis():
    spec = importlib.util.spec_from_file_location(
        "stub_inputs", ROOT / "tests" / "unit" / "test_stubs_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tiny_analysis()


def _benchmark_analysis(repo: Path):
    from decomposer import pipeline
    from decomposer.config import Config

    state = pipeline.run(Config(repo=str(repo), use_cache=False), upto="context map")
    return pipeline.analysis_of(state)


class Outputs(dict):
    """Output folders by name; a name whose analysis could not run skips, with the reason."""

    def __init__(self) -> None:
        super().__init__()
        self.reasons: dict[str, str] = {}

    def __missing__(self, name: str) -> Path:
        pytest.skip(self.reasons.get(name, f"no output named {name!r}"))


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> Outputs:
    """"tiny" (inline Analysis) always; the benchmarks when the lead's pipeline runs."""
    out = Outputs()
    tiny = tmp_path_factory.mktemp("tiny")
    generate(_tiny_analysis(), tiny)
    out["tiny"] = tiny
    for name in BENCHMARKS:
        repo = ROOT / "benchmarks" / "monoliths" / name / "repo"
        try:
            analysis = _benchmark_analysis(repo)
        except Exception as error:  # the pipeline is another team's work in progress
            out.reasons[name] = f"pipeline could not analyse {repo}: {error!r}"
        else:
            bench = tmp_path_factory.mktemp(name)
            generate(analysis, bench)
            out[name] = bench
    return out


def require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed on this machine (CI installs it)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Postgres:
    """A throw-away PostgreSQL cluster on a private port and socket directory."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.data = base / "data"
        self.port = _free_port()
        self.user = "postgres" if os.geteuid() == 0 else None  # initdb refuses root

    def run(self, *argv: str, check: bool = True, **kw) -> subprocess.CompletedProcess:
        cmd = list(argv)
        if self.user:
            cmd = ["runuser", "-u", self.user, "--"] + cmd
        return subprocess.run(cmd, check=check, capture_output=True, text=True, **kw)

    def start(self) -> None:
        self.base.mkdir(parents=True, exist_ok=True)
        if self.user:
            shutil.chown(self.base, self.user)
        self.run(str(PG_BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                 "--auth=trust", "-E", "UTF8", "--locale=C")
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-l",
                 str(self.base / "log"), "-o",
                 f"-p {self.port} -k {self.base} -c listen_addresses=''", "start")

    def stop(self) -> None:
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop",
                 check=False)

    def psql(self, database: str, *args: str, sql_file: Path | None = None,
             check: bool = True) -> subprocess.CompletedProcess:
        argv = [str(PG_BIN / "psql"), "-h", str(self.base), "-p", str(self.port), "-U",
                "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-X", "-q", *args]
        if sql_file is not None:
            copy = self.base / sql_file.name  # readable by the postgres user
            shutil.copy(sql_file, copy)
            if self.user:
                shutil.chown(copy, self.user)
            argv += ["-f", str(copy)]
        return self.run(*argv, check=check)

    def create_database(self, name: str) -> None:
        self.psql("postgres", "-c", f'CREATE DATABASE "{name}"')


@pytest.fixture(scope="session")
def postgres(tmp_path_factory):
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL 15 is not installed ({PG_BIN}/initdb missing; CI installs it)")
    base = Path("/tmp") / f"decomposer-pg-{os.getpid()}-{int(time.time())}"
    server = Postgres(base)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(base, ignore_errors=True)
