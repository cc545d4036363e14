"""FleetCo freight management backend."""

__version__ = "3.7.2"
