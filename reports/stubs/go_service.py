"""The Go skeleton of each service (Gin + gRPC) and the ``shared-utils`` module.

Per service: ``go.mod``, ``cmd/server/main.go`` (gRPC + Gin, health and readiness, graceful
shutdown, configuration from the environment), ``internal/domain`` (one struct per owned
table), ``internal/service`` (the generated gRPC interface, every method answering
``codes.Unimplemented`` with the monolith code to port), ``internal/httpapi`` (the
monolith's routes on Gin, answering 501 with the same pointer), a ``Makefile`` and a README.
"""

from __future__ import annotations

from decomposer.model import Analysis
from reports.stubs import go_templates as tpl
from reports.stubs.naming import SHARED_UTILS, comment_text, go_string
from reports.stubs.plan import ServicePlan

_GIN_METHODS = {"GET": "GET", "POST": "POST", "PUT": "PUT", "PATCH": "PATCH",
                "DELETE": "DELETE", "HEAD": "HEAD", "OPTIONS": "OPTIONS"}


def render_service(plan: ServicePlan) -> dict[str, str]:
    """Relative path (inside ``services/<name>/``) -> file text."""
    n = plan.names
    return {
        "go.mod": _go_mod(plan),
        "Makefile": tpl.MAKEFILE.substitute(slug=n.slug, proto_file=n.proto_file),
        "README.md": _readme(plan),
        "cmd/server/main.go": tpl.MAIN.substitute(
            slug=n.slug, module=n.module, go_package=n.go_package, api_import=n.api_import,
            service=n.service),
        "internal/config/config.go": _config(plan),
        "internal/domain/entities.go": _domain(plan),
        "internal/service/service.go": _service(plan),
        "internal/httpapi/routes.go": _routes(plan),
    }


def render_shared_utils(analysis: Analysis) -> dict[str, str]:
    """``services/shared-utils``: the shared kernel as a Go module (env helpers + port list)."""
    symbols = analysis.facts.symbol_map()
    lines = ["// Package kernel is where the monolith's shared kernel is ported: utilities every",
             "// context uses (formatting, db helpers, auth) that are a library, not a service.",
             "//", "// To port:"]
    for sid in sorted(analysis.decomposition.shared_kernel):
        s = symbols.get(sid)
        where = f" ({s.file}:{s.line})" if s else ""
        lines.append(f"//   - {comment_text(sid + where)}")
    lines += ["package kernel", ""]
    return {
        "go.mod": f"module {SHARED_UTILS}\n\ngo 1.19\n",
        "env/env.go": tpl.SHARED_ENV,
        "kernel/kernel.go": "\n".join(lines),
        "README.md": (f"# {SHARED_UTILS}\n\nThe shared kernel of the monolith as a Go module. "
                      "Services pull it in with\n`replace shared-utils => ../shared-utils` "
                      "while they live side by side.\n\n- `env`: settings from the "
                      "environment.\n- `kernel`: the list of shared Python code to port.\n"),
    }


def _go_mod(plan: ServicePlan) -> str:
    if plan.uses_kernel:
        return tpl.GO_MOD.substitute(
            module=plan.names.module, extra_require=f"\t{SHARED_UTILS} v0.0.0\n",
            replace=f"\nreplace {SHARED_UTILS} => ../{SHARED_UTILS}\n")
    return tpl.GO_MOD.substitute(module=plan.names.module, extra_require="", replace="")


def _config(plan: ServicePlan) -> str:
    if plan.uses_kernel:
        return tpl.CONFIG.substitute(
            imports=f'\t"time"\n\n\t"{SHARED_UTILS}/env"\n', schema=plan.names.schema,
            getenv="env.String", duration="env.Duration", local="")
    return tpl.CONFIG.substitute(imports='\t"os"\n\t"time"\n', schema=plan.names.schema,
                                 getenv="getenv", duration="duration",
                                 local=tpl.CONFIG_LOCAL)


def _domain(plan: ServicePlan) -> str:
    uses_time = any(c.type.go == "time.Time" for e in plan.entities for c in e.columns)
    out = [f"// Package domain holds the {plan.names.slug} context's entities: one struct per",
           "// table it owns (nullable columns are pointers).", "package domain", ""]
    if uses_time:
        out += ['import "time"', ""]
    for e in plan.entities:
        where = f" ({comment_text(e.source)})" if e.source else ""
        out.append(f"// {e.message} is a row of table {comment_text(e.table)}{where}.")
        out.append(f"type {e.message} struct {{")
        rows = [(c.go, _go_column_type(c), _go_tag(c.name)) for c in e.columns]
        name_width = max((len(r[0]) for r in rows), default=0)
        type_width = max((len(r[1]) for r in rows), default=0)
        for name, go_type, tag in rows:  # aligned as gofmt would
            out.append(f"\t{name:<{name_width}} {go_type:<{type_width}} {tag}")
        out += ["}", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _go_column_type(c) -> str:
    """Nullable columns are pointers (slices and maps are nil already)."""
    if c.nullable and not c.primary_key and not c.type.go.startswith(("[]", "map")):
        return "*" + c.type.go
    return c.type.go


def _go_tag(column: str) -> str:
    """Every field has a tag (a line without one ends gofmt's alignment of the others); a
    name with nothing a tag can hold maps to nothing: ``-``."""
    tag = "".join(ch for ch in column if ch.isprintable() and ch not in '"`\\ ') or "-"
    return f'`db:"{tag}" json:"{tag}"`'


def _service(plan: ServicePlan) -> str:
    n = plan.names
    out = [f"// Package service implements {n.service}; every method still has to be ported",
           "// from the monolith and answers codes.Unimplemented until then.",
           "package service", "", "import ("]
    if plan.rpcs:
        out += ['\t"context"', "", '\t"google.golang.org/grpc/codes"',
                '\t"google.golang.org/grpc/status"', ""]
    out += [f'\t{n.go_package} "{n.api_import}"', ")", "",
            f"// Server implements {n.go_package}.{n.service}Server.",
            "type Server struct {", f"\t{n.go_package}.Unimplemented{n.service}Server", "}", "",
            f"var _ {n.go_package}.{n.service}Server = (*Server)(nil)", "",
            "// New returns the service implementation.", "func New() *Server {",
            "\treturn &Server{}", "}"]
    for rpc in plan.rpcs:
        todo = (f"port {rpc.ports} ({rpc.where})" if rpc.ports
                else f"aggregate: {rpc.summary}")
        out += ["", f"// {rpc.name}: {comment_text(todo)}.",
                f"func (s *Server) {rpc.name}(ctx context.Context, req *{n.go_package}."
                f"{rpc.request.name}) (*{n.go_package}.{rpc.response.name}, error) {{",
                f"\treturn nil, status.Error(codes.Unimplemented, {go_string(todo)})", "}"]
    return "\n".join(out) + "\n"


def _routes(plan: ServicePlan) -> str:
    out = ["// Package httpapi mirrors the monolith's HTTP routes of this context on Gin; each",
           "// answers 501 Not Implemented with the Python handler to port.",
           "package httpapi", "", "import ("]
    if plan.routes:
        out += ['\t"net/http"', ""]
    out += ['\t"github.com/gin-gonic/gin"', ")", "",
            "// Register adds the context's routes to the router.",
            "func Register(router *gin.Engine) {"]
    for r in plan.routes:
        todo = f"port {r.handler} ({r.source}): {r.method} {r.original}"
        out.append(f"\t// {comment_text(todo)}")
        out.append(f"\trouter.Handle({go_string(_GIN_METHODS[r.method])}, "
                   f"{go_string(r.gin_path)}, notImplemented({go_string(todo)}))")
    if not plan.routes:
        out.append("\t_ = router")
    out += ["}"]
    if plan.routes:
        out += ["", "func notImplemented(todo string) gin.HandlerFunc {",
                "\treturn func(c *gin.Context) {",
                '\t\tc.JSON(http.StatusNotImplemented, gin.H{"error": "not implemented", '
                '"todo": todo})', "\t}", "}"]
    return "\n".join(out) + "\n"


def _readme(plan: ServicePlan) -> str:
    n = plan.names
    tables = ", ".join(f"`{comment_text(t)}`" for t in plan.context.tables) or "none"
    shared = ", ".join(f"`{comment_text(t)}`" for t in plan.context.shared_tables) or "none"
    lines = [f"# {n.slug} service", "",
             f"Generated by decomposer from the `{comment_text(n.context)}` bounded context.",
             "", f"- gRPC service `{n.proto_package}.{n.service}` in `{n.proto_file}` "
             f"({len(plan.rpcs)} RPCs)",
             f"- HTTP routes mirrored from the monolith: {len(plan.routes)}",
             f"- owned tables (schema `{n.schema}`, see `schemas/{n.slug}.sql`): {tables}",
             f"- read from other contexts (replicated by events): {shared}", "",
             "## Build", "", "```sh", "make proto   # protoc + protoc-gen-go + protoc-gen-go-grpc",
             "make build   # go build -o bin/server ./cmd/server", "make run", "```", "",
             "Settings: `HTTP_ADDR` (:8080), `GRPC_ADDR` (:9090), `DATABASE_URL`, `GIN_MODE`, "
             "`SHUTDOWN_TIMEOUT`.", "Health: `GET /healthz`, readiness: `GET /readyz`, and the "
             "standard gRPC health service.", "", "## To port", ""]
    for rpc in plan.rpcs:
        lines.append(f"- `{rpc.name}`: " + (f"`{comment_text(rpc.ports)}` ({rpc.where})"
                                           if rpc.ports else comment_text(rpc.summary)))
    return "\n".join(lines) + "\n"
