"""gateway/krakend.json follows KrakenD's documented configuration version 3.

Checked: ``version: 3``; every endpoint has ``endpoint`` (absolute path, ``{param}``
placeholders only as whole segments), a ``method`` KrakenD accepts, and a ``backend`` list
whose entries have ``url_pattern`` (same placeholders) and ``host`` URLs; no endpoint+method
twice; and no two endpoints name a parameter differently at the same place (KrakenD's
router panics at start-up on that).
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}
SEGMENT = re.compile(r"^(\{[A-Za-z_][A-Za-z0-9_]*\}|[A-Za-z0-9._~-]+)$")


def check_krakend(config: dict) -> list[str]:
    problems = []
    if config.get("version") != 3:
        problems.append("version must be 3")
    endpoints = config.get("endpoints")
    if not isinstance(endpoints, list) or not endpoints:
        return problems + ["endpoints must be a non-empty list"]
    seen, params_at = set(), {}
    for e in endpoints:
        path, method = e.get("endpoint", ""), e.get("method", "GET")
        if not path.startswith("/") or not all(SEGMENT.match(s) for s in path.split("/")[1:]
                                               if s):
            problems.append(f"bad endpoint path {path!r}")
        if method not in METHODS:
            problems.append(f"{path}: bad method {method!r}")
        if (path, method) in seen:
            problems.append(f"duplicate {method} {path}")
        seen.add((path, method))
        prefix = ()
        for segment in [s for s in path.split("/") if s]:
            if segment.startswith("{"):
                other = params_at.setdefault(prefix, segment)
                if other != segment:
                    problems.append(f"{path}: {segment} conflicts with {other}")
                prefix += ("{}",)
            else:
                prefix += (segment,)
        placeholders = set(re.findall(r"\{(\w+)\}", path))
        backends = e.get("backend")
        if not isinstance(backends, list) or not backends:
            problems.append(f"{path}: no backend")
            continue
        for b in backends:
            pattern = b.get("url_pattern", "")
            if not pattern.startswith("/") or not set(re.findall(r"\{(\w+)\}", pattern)) <= (
                    placeholders):
                problems.append(f"{path}: bad url_pattern {pattern!r}")
            hosts = b.get("host")
            if not isinstance(hosts, list) or not hosts or not all(
                    urlparse(h).scheme in ("http", "https") and urlparse(h).netloc
                    for h in hosts):
                problems.append(f"{path}: bad host {hosts!r}")
    return problems


@pytest.mark.parametrize("name", ("tiny", "flask_godmodule", "django_lying"))
def test_gateway_follows_krakend_v3(generated, name):
    config = json.loads((generated[name] / "gateway" / "krakend.json").read_text())
    assert check_krakend(config) == []


def test_gateway_routes_owned_paths_to_services_and_the_rest_to_the_monolith(generated):
    config = json.loads((generated["tiny"] / "gateway" / "krakend.json").read_text())
    hosts = {(e["method"], e["endpoint"]): e["backend"][0]["host"][0]
             for e in config["endpoints"]}
    assert hosts[("GET", "/orders/{id}")] == "http://orders:8080"
    assert hosts[("GET", "/")] == "http://monolith:8000"
    assert ("DELETE", "/items/{pk}") in hosts  # Django route without methods: all of them


def test_the_check_catches_conflicting_parameters():
    config = {"version": 3, "endpoints": [
        {"endpoint": "/a/{id}", "method": "GET",
         "backend": [{"url_pattern": "/a/{id}", "host": ["http://x:1"]}]},
        {"endpoint": "/a/{key}/b", "method": "GET",
         "backend": [{"url_pattern": "/a/{key}/b", "host": ["http://x:1"]}]}]}
    assert check_krakend(config) == ["/a/{key}/b: {key} conflicts with {id}"]
