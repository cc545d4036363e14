"""Misc helpers. Please put new stuff in the specific modules, not here."""
import itertools


def chunked(iterable, size):
    """Yield lists of ``size`` items from ``iterable``."""
    it = iter(iterable)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def first(iterable, default=None):
    for item in iterable:
        return item
    return default
