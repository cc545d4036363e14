"""``gateway/krakend.json``: strangler-fig routing with KrakenD (configuration version 3).

Every HTTP route of the monolith gets an endpoint: routes whose handler now belongs to a
context go to that service (``http://<name>:8080``), the rest still go to the monolith.
Requests and answers pass through untouched (``no-op`` encoding), so services can be cut
over one route at a time. KrakenD endpoints take one method each and have no ``HEAD`` or
``OPTIONS``; those are left to the backends.
"""

from __future__ import annotations

import json

from decomposer.model import Analysis
from reports.stubs.naming import service_names
from reports.stubs.routes import http_routes

MONOLITH_HOST = "http://monolith:8000"
GATEWAY_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def render_gateway(analysis: Analysis) -> str:
    names = service_names([c.name for c in analysis.decomposition.contexts])
    endpoints = []
    for route in http_routes(analysis):
        if route.method not in GATEWAY_METHODS:
            continue
        host = (f"http://{names[route.context].slug}:8080" if route.context
                else MONOLITH_HOST)
        endpoints.append({
            "endpoint": route.gateway_path,
            "method": route.method,
            "output_encoding": "no-op",
            "input_headers": ["*"],
            "input_query_strings": ["*"],
            "backend": [{"url_pattern": route.gateway_path, "host": [host],
                         "encoding": "no-op"}],
        })
    config = {
        "$schema": "https://www.krakend.io/schema/krakend.json",
        "version": 3,
        "name": "decomposer strangler-fig gateway",
        "port": 8080,
        "timeout": "3000ms",
        "endpoints": endpoints,
    }
    return json.dumps(config, indent=2, ensure_ascii=True) + "\n"
