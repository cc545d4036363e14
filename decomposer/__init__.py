"""decomposer: split a legacy Python monolith into services, statically."""

__version__ = "0.1.0"
