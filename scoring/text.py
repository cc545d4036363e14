"""Small wording helpers shared by the roadmap's sentences."""

from __future__ import annotations

from collections.abc import Sequence


def listing(items: Sequence[str], limit: int = 6) -> str:
    """``a, b, c`` or ``a, b, c and 4 more``; ``none`` for nothing."""
    items = list(items)
    if not items:
        return "none"
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def pascal(name: str) -> str:
    """``order_items`` -> ``OrderItems``."""
    return "".join(part.capitalize() for part in name.replace("-", "_").split("_") if part)


def service(name: str) -> str:
    return f"{pascal(name)}Service"


def plural(count: int, word: str) -> str:
    """``1 symbol``, ``3 symbols``; ``1 HTTP route``."""
    return f"{count} {word}" + ("" if count == 1 else "s")


def possessive(name: str) -> str:
    """``orders'``, ``stock's``."""
    return name + ("'" if name.endswith("s") else "'s")
