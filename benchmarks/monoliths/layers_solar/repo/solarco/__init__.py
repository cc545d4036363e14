"""SolarCo operations platform.

Internal system used by sales, field ops, permitting, finance and the
service desk.  See docs/ARCHITECTURE.md (out of date since 2021).
"""

__version__ = "3.14.2"
