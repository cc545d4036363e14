"""The shop backend."""

__version__ = "3.14.2"
