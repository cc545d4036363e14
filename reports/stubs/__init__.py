"""Generated artifacts per service: proto, Go skeleton, SQL schema, events, gateway, contracts.

Entry point: :func:`reports.stubs.registry.generate`.
"""

from reports.stubs.registry import GENERATORS, generate

__all__ = ["GENERATORS", "generate"]
