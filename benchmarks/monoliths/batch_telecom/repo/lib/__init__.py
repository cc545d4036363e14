# -*- coding: utf-8 -*-
"""Shared library for the TelcoBSS batch jobs and admin UI.

Nothing clever happens here. Import the modules you need explicitly:

    from lib import dbutil
    from lib.money import round_money
"""

__version__ = "3.7.2"
