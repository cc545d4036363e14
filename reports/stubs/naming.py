"""Names and text from the analysed repository, made safe for Go, protobuf, SQL and YAML.

Everything that comes from the monolith (context names, symbol names, docstrings, paths,
column names) passes through here before it lands in generated code: identifiers become
ASCII and never collide with keywords; free text becomes one printable ASCII line that
cannot close a comment or a string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from decomposer.words import singular  # noqa: F401 - part of this module's API

SHARED_UTILS = "shared-utils"  # the shared kernel's Go module and folder


def ascii_text(text: str) -> str:
    """``text`` folded to printable ASCII on one line (accents dropped, controls to spaces)."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join("".join(c if c.isprintable() else " " for c in folded).split())


def comment_text(text: str | None, *, limit: int = 160) -> str:
    """One safe comment line: ASCII, no ``*/`` or ``/*``, at most ``limit`` characters."""
    line = ascii_text(text or "").replace("*/", "* /").replace("/*", "/ *")
    return line if len(line) <= limit else line[: limit - 3].rstrip() + "..."


def first_line(doc: str | None) -> str:
    """The docstring's summary line (its first non-blank line)."""
    return next((s.strip() for s in (doc or "").splitlines() if s.strip()), "")


def words(name: str) -> list[str]:
    """``"getOrderItems2"`` / ``"get-order_items"`` -> ``["get", "order", "items2"]``."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", ascii_text(name))
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return [w.lower() for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


def slug(name: str) -> str:
    """A folder/topic name: lower-case ASCII words joined by ``-``, never empty."""
    out = "-".join(words(name)) or "context"
    return out if out[0].isalpha() else "c-" + out


def snake(name: str, *, fallback: str = "field") -> str:
    """A proto field / SQL-ish name: ``lower_snake``, starting with a letter."""
    out = "_".join(words(name)) or fallback
    return out if out[0].isalpha() else f"{fallback}_{out}"


def pascal(name: str, *, fallback: str = "Item") -> str:
    """``PascalCase`` that ``protoc-gen-go`` keeps unchanged (a letter after a digit is upper)."""
    out = "".join(w[:1].upper() + w[1:] for w in words(name)) or fallback
    out = re.sub(r"(\d)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out if out[0].isalpha() else fallback + out


def go_field(name: str) -> str:
    """An exported Go field name; ``id``/``url``... words become initialisms (``OwnerID``)."""
    initialisms = {"id", "url", "uri", "http", "json", "sql", "api", "ip", "uuid", "html"}
    parts = [w.upper() if w in initialisms else w[:1].upper() + w[1:] for w in words(name)]
    out = "".join(parts) or "Field"
    return out if out[0].isalpha() else "F" + out


def go_string(text: str) -> str:
    """A Go interpreted string literal holding ``text`` (non-ASCII as ``\\u`` escapes)."""
    out = []
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif " " <= c <= "~":
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    return '"' + "".join(out) + '"'


def unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name2``, ``name3``... the first not in ``taken`` (which is updated)."""
    out, n = name, 2
    while out.lower() in taken:
        out, n = f"{name}{n}", n + 1
    taken.add(out.lower())
    return out


@dataclass(frozen=True)
class ServiceNames:
    """Every name derived from one context, decided once so all generators agree."""

    context: str  # the context's name as the analysis spells it
    slug: str  # folder, topic prefix, gateway host: "order-items"
    module: str  # Go module path: "order-items-service"
    go_package: str  # Go package of the generated API: "orderitemsv1"
    proto_package: str  # "order_items.v1"
    proto_file: str  # "api/order-items/v1/order-items.proto" inside the service folder
    service: str  # gRPC service: "OrderItemsService"
    schema: str  # SQL schema: "order_items"

    @property
    def api_import(self) -> str:
        return f"{self.module}/api/{self.slug}/v1"


def service_names(contexts: list[str] | tuple[str, ...]) -> dict[str, ServiceNames]:
    """Names for every context; slugs made unique and kept clear of ``shared-utils``."""
    taken = {SHARED_UTILS, "gateway", "monolith"}
    out: dict[str, ServiceNames] = {}
    for context in sorted(contexts):
        base = slug(context)
        name, n = base, 2
        while name in taken:
            name, n = f"{base}-{n}", n + 1
        taken.add(name)
        ident = name.replace("-", "_")
        out[context] = ServiceNames(
            context=context, slug=name, module=f"{name}-service",
            go_package=name.replace("-", "") + "v1", proto_package=f"{ident}.v1",
            proto_file=f"api/{name}/v1/{name}.proto", service=pascal(name) + "Service",
            schema=ident)
    return out
