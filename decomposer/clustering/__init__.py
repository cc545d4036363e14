"""Bounded contexts from the dependency graph (filled in by the clustering work)."""

from decomposer.clustering.contexts import cluster

__all__ = ["cluster"]
