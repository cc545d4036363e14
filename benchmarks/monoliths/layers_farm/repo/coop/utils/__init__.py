"""Misc utilities.  Please keep business logic OUT of here (I know, I know)."""
import itertools


def chunked(iterable, size):
    """Yield lists of at most `size` items."""
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
