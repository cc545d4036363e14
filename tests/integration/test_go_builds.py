"""Every generated Go service builds with the Debian toolchain (GOPATH mode, offline), is
gofmt-clean, and its server starts, answers /healthz and /readyz, and stops on SIGTERM.

Layout that makes GOPATH mode work: each service is copied to ``$GOPATH/src/<module path>``
(``orders-service``), ``shared-utils`` to ``$GOPATH/src/shared-utils`` (the import path the
``replace`` directive gives in module mode); protoc writes the generated code next to the
.proto (``paths=source_relative``), whose ``go_package`` is ``<module>/api/<name>/v1``.
Debian's protoc-gen-go is golang/protobuf 1.3.5 (no proto3 ``optional``), grpc is 1.33.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import require

GOCODE = "/usr/share/gocode"


def _module(service: Path) -> str:
    return (service / "go.mod").read_text().splitlines()[0].split()[1]


def _gopath(generated: Path, tmp: Path) -> list[Path]:
    """Copy every service under tmp/src/<module>; return the service folders there."""
    out = []
    for service in sorted((generated / "services").iterdir()):
        target = tmp / "src" / _module(service)
        shutil.copytree(service, target)
        out.append(target)
    return out


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "GO111MODULE": "off", "GOPATH": f"{tmp}:{GOCODE}",
            "GOFLAGS": "", "CGO_ENABLED": "0"}


@pytest.fixture(scope="module")
def toolchain():
    for tool in ("go", "protoc", "protoc-gen-go", "protoc-gen-go-grpc", "gofmt"):
        require(tool)
    if not Path(GOCODE, "src/github.com/gin-gonic/gin").exists():
        pytest.skip(f"Debian Go libraries are not installed under {GOCODE} (CI installs them)")


@pytest.mark.parametrize("name", ("tiny", "flask_godmodule", "django_lying"))
def test_every_service_builds_and_serves(toolchain, generated, tmp_path, name):
    env = _env(tmp_path)
    services = _gopath(generated[name], tmp_path)
    gofmt = subprocess.run(["gofmt", "-l", str(tmp_path / "src")], capture_output=True,
                           text=True, check=True)
    assert gofmt.stdout == "", f"not gofmt-clean:\n{gofmt.stdout}"
    timings = {}
    for service in services:
        started = time.monotonic()
        for proto in sorted(service.glob("api/*/v1/*.proto")):
            _run(["protoc", "-I.", "-I/usr/include", "--go_out=.",
                  "--go_opt=paths=source_relative", "--go-grpc_out=.",
                  "--go-grpc_opt=paths=source_relative",
                  proto.relative_to(service).as_posix()], service, env)
        _run(["go", "build", "./..."], service, env)
        if (service / "cmd" / "server").exists():
            _run(["go", "build", "-o", str(tmp_path / "bin" / service.name), "./cmd/server"],
                 service, env)
            _serve(tmp_path / "bin" / service.name)
        timings[service.name] = round(time.monotonic() - started, 1)
    print(f"\n{name}: go build seconds per service: {timings}")


def _run(argv: list[str], cwd: Path, env: dict[str, str]) -> None:
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"{' '.join(argv)} in {cwd}:\n{result.stderr}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(binary: Path) -> None:
    """Start the server, expect /healthz and /readyz to answer 200, then a clean SIGTERM."""
    http_port, grpc_port = _free_port(), _free_port()
    env = {**os.environ, "HTTP_ADDR": f"127.0.0.1:{http_port}",
           "GRPC_ADDR": f"127.0.0.1:{grpc_port}", "GIN_MODE": "release"}
    process = subprocess.Popen([str(binary)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        for path in ("/healthz", "/readyz"):
            assert _get(f"http://127.0.0.1:{http_port}{path}", process) == 200
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0, process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _get(url: str, process: subprocess.Popen) -> int:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"server exited early ({process.returncode}):\n{process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    pytest.fail(f"no answer from {url}")
