"""Relations between contexts, table ownership and communication modes."""

from decomposer.context_map.build import build_context_map
from decomposer.context_map.relations import GATEWAY, SHARED_KERNEL

__all__ = ["GATEWAY", "SHARED_KERNEL", "build_context_map"]
