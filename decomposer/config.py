"""Configuration: defaults, then the analysed repository's file, then flags.

The repository's settings live in ``[tool.decomposer]`` of its ``pyproject.toml`` or at the
top level of a ``decomposer.toml`` (which wins when both exist). Unknown keys and bad values
are errors that name the file, the key and, where one is close, the key that was meant.

Example::

    [tool.decomposer]
    exclude = ["legacy/**", "scripts/*"]
    read = ["lib/**"]       # our code, though the scan would set it aside as vendored
    dialect = "postgres"

    [tool.decomposer.clustering]
    contexts = 8            # ask for a number of contexts; omit to let quality decide

    [tool.decomposer.weights]
    cochange = 1.5          # trust history more

    [tool.decomposer.pins]  # pins win; the rest is clustered around them
    billing = ["shop.core.*", "table:invoices"]

    [tool.decomposer.rename]
    invoices = "billing"

    [tool.decomposer.importance]
    orders = 5
    "report*" = 2
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from decomposer.errors import ConfigError, did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

# Signal weights of the clustering graph. Each multiplies a normalised edge strength in
# [0, 1]; see decomposer/clustering/signals.py for how each strength is measured.
DEFAULT_WEIGHTS: dict[str, float] = {
    "call": 1.0,  # calls and attribute references between symbols
    "inherit": 0.6,  # a subclass and its base
    "data": 3.0,  # symbol-table reads and writes: the strongest evidence (DESIGN.md)
    "fk": 0.8,  # tables joined by a foreign key
    "cochange": 1.2,  # symbols changed together in history
    "lexical": 0.5,  # shared domain vocabulary
    "layout": 0.5,  # same module, scaled by 1/sqrt(module size): a prior that cannot dominate
}

SCORE_CRITERIA = ("business_importance", "change_frequency", "technical_debt")


@dataclass(frozen=True)
class Config:
    repo: str = "."
    exclude: tuple[str, ...] = ()
    # Folders to read though the scan would set them aside (vendored, docs/, examples/).
    read: tuple[str, ...] = ()
    max_file_size: int = 2_000_000  # bytes; bigger files are skipped with a reason
    dialect: str | None = None  # SQL dialect of the monolith; None = auto
    jobs: int = 0  # processes that analyse files, the main one included; 0 = one per core
    cache_dir: str | None = None
    use_cache: bool = True
    # history
    since: str | None = None
    max_commits: int | None = None
    max_files_per_commit: int = 50
    half_life_days: float = 180.0
    use_history: bool = True
    # clustering
    contexts: int | None = None
    resolution: float | None = None
    seed: int = 42
    min_context_size: int = 3
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    pins: dict[str, tuple[str, ...]] = field(default_factory=dict)
    apart: tuple[tuple[str, str], ...] = ()
    rename: dict[str, str] = field(default_factory=dict)
    # scoring
    importance: dict[str, int] = field(default_factory=dict)
    score_weights: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(SCORE_CRITERIA, 1.0)
    )
    # generation
    target: str = "go"
    schema_dialect: str = "postgres"

    def with_flags(self, **flags: Any) -> Config:
        """Flags given on the command line (None = not given) override the file."""
        if flags.get("dialect") is not None:
            _check_dialect(flags["dialect"], "--dialect")
        return replace(self, **{k: v for k, v in flags.items() if v is not None})


def default_cache_dir() -> Path:
    env = os.environ.get("DECOMPOSER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "decomposer"


def load_config(repo: str | Path) -> Config:
    """Read the repository's settings (if any) on top of the defaults."""
    repo = Path(repo)
    found = _read_settings(repo)
    if found is None:
        return Config(repo=str(repo))
    source, table = found
    return _from_table(table, source=source, repo=str(repo))


def _read_settings(repo: Path) -> tuple[str, dict[str, Any]] | None:
    dedicated = repo / "decomposer.toml"
    if dedicated.is_file():
        return str(dedicated), _load_toml(dedicated)
    pyproject = repo / "pyproject.toml"
    if pyproject.is_file():
        table = _load_toml(pyproject).get("tool", {}).get("decomposer")
        if table is not None:
            return f"{pyproject} [tool.decomposer]", table
    return None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read settings: {exc}", source=str(path)) from exc


_SECTIONS = {
    "history": {"since", "max_commits", "max_files_per_commit", "half_life_days", "enabled"},
    "clustering": {"contexts", "resolution", "seed", "min_context_size"},
    "generate": {"target", "schema_dialect"},
}
_TOP = {"exclude", "read", "max_file_size", "dialect", "jobs", "apart"}
# Keys an earlier release accepted and ignored: why they are gone.
_RETIRED = {"include_tests": "test code is always read (for what it calls and the missing-tests "
                             "figure) and never placed in a context"}
_MAPPINGS = {"weights", "pins", "rename", "importance", "scoring"}


def _from_table(table: dict[str, Any], *, source: str, repo: str) -> Config:
    known = _TOP | set(_SECTIONS) | _MAPPINGS
    values: dict[str, Any] = {"repo": repo}
    for key, value in table.items():
        if key in _RETIRED:
            raise ConfigError(f"{key!r} is no longer a setting: {_RETIRED[key]}; remove it",
                              source=source)
        if key not in known:
            raise ConfigError(f"unknown key {key!r}{did_you_mean(key, known)}", source=source)
        if key in _SECTIONS:
            values.update(_section(key, value, source))
        elif key in _MAPPINGS:
            values.update(_mapping(key, value, source))
        else:
            values[key] = value
    values = _coerce(values, source)
    return Config(**values)


def _section(name: str, value: Any, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"[{name}] must be a table", source=source)
    out = {}
    for key, item in value.items():
        if key not in _SECTIONS[name]:
            hint = did_you_mean(key, _SECTIONS[name])
            raise ConfigError(f"unknown key {name}.{key!r}{hint}", source=source)
        out["use_history" if (name, key) == ("history", "enabled") else key] = item
    return out


def _mapping(name: str, value: Any, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"[{name}] must be a table", source=source)
    if name == "weights":
        for key, weight in value.items():
            if key not in DEFAULT_WEIGHTS:
                hint = did_you_mean(key, DEFAULT_WEIGHTS)
                raise ConfigError(f"unknown weight {key!r}{hint}", source=source)
            if not _is_number(weight) or weight < 0:
                raise ConfigError(f"weight {key!r} must be a number >= 0", source=source)
        return {"weights": {**DEFAULT_WEIGHTS, **{k: float(v) for k, v in value.items()}}}
    if name == "pins":
        pins = {}
        for ctx, patterns in value.items():
            patterns = [patterns] if isinstance(patterns, str) else patterns
            if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
                raise ConfigError(f"pins.{ctx} must be a list of glob patterns", source=source)
            for pattern in patterns:
                _check_pattern(pattern, f"pins.{ctx}", source)
            pins[ctx] = tuple(patterns)
        return {"pins": pins}
    if name == "rename":
        if not all(isinstance(v, str) and v for v in value.values()):
            raise ConfigError("rename values must be non-empty names", source=source)
        return {"rename": dict(value)}
    if name == "importance":
        for key, level in value.items():
            if not _is_int(level) or not 1 <= level <= 5:
                raise ConfigError(f"importance.{key} must be an integer 1..5", source=source)
        return {"importance": dict(value)}
    # scoring
    unknown = set(value) - {"weights"}
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"unknown key scoring.{key!r}{did_you_mean(key, ['weights'])}",
                          source=source)
    weights = value.get("weights", {})
    for key, weight in weights.items():
        if key not in SCORE_CRITERIA:
            hint = did_you_mean(key, SCORE_CRITERIA)
            raise ConfigError(f"unknown scoring weight {key!r}{hint}", source=source)
        if not _is_number(weight) or weight < 0:
            raise ConfigError(f"scoring weight {key!r} must be a number >= 0", source=source)
    return {"score_weights": {**dict.fromkeys(SCORE_CRITERIA, 1.0), **weights}}


def _check_pattern(pattern: str, where: str, source: str) -> None:
    if not pattern.strip():
        raise ConfigError(f"{where}: empty pattern", source=source)
    if pattern.count("[") != pattern.count("]"):
        raise ConfigError(f"{where}: bad glob pattern {pattern!r} (unbalanced '[')",
                          source=source)


def _coerce(values: dict[str, Any], source: str) -> dict[str, Any]:
    types = {f.name: f.type for f in fields(Config)}
    if "exclude" in values:
        values["exclude"] = tuple(_str_list(values["exclude"], "exclude", source))
    if "read" in values:
        values["read"] = tuple(_str_list(values["read"], "read", source))
        for pattern in values["read"]:
            _check_pattern(pattern, "read", source)
    if "apart" in values:
        pairs = values["apart"]
        if not isinstance(pairs, list) or not all(
            isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p)
            for p in pairs
        ):
            raise ConfigError('apart must be a list of pattern pairs: [["a.*", "b.*"]]',
                              source=source)
        for a, b in pairs:
            _check_pattern(a, "apart", source)
            _check_pattern(b, "apart", source)
        values["apart"] = tuple((a, b) for a, b in pairs)
    for key in ("max_file_size", "jobs", "max_commits", "max_files_per_commit", "contexts",
                "seed", "min_context_size"):
        if key in values and values[key] is not None and (
            not _is_int(values[key]) or values[key] < 0
        ):
            raise ConfigError(f"{key} must be a non-negative integer ({types[key]})",
                              source=source)
    for key, (kind, said) in _SCALARS.items():
        value = values.get(key)
        if key in values and (not isinstance(value, kind)
                              or (kind is not bool and isinstance(value, bool))):
            shown = "history.enabled" if key == "use_history" else key  # as written
            raise ConfigError(f"{shown} must be {said}", source=source)
    if "dialect" in values:
        _check_dialect(values["dialect"], source)
    return values


# Settings whose value has one plain type: (accepted types, how to say it to a person).
_SCALARS: dict[str, tuple[type | tuple[type, ...], str]] = {
    "use_history": (bool, "true or false"),
    "dialect": (str, "a SQL dialect name"), "since": (str, 'a date or "2 years ago"'),
    "target": (str, "a generator name"), "schema_dialect": (str, "a SQL dialect name"),
    "resolution": ((int, float), "a number"), "half_life_days": ((int, float), "a number"),
}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # TOML true is not 1


def _check_dialect(name: str, source: str) -> None:
    # A wrong name would otherwise fail every SQL file, one by one, as an internal error.
    from sqlglot.dialects.dialect import Dialect  # deferred: sqlglot is slow to import

    try:
        Dialect.get_or_raise(name)
    except ValueError as exc:
        raise ConfigError(str(exc), source=source) from None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _str_list(value: Any, key: str, source: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{key} must be a list of strings", source=source)
    return value
