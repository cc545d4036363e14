"""Data access layer.

Convention (mostly followed): one repository class per aggregate, holding the
request's Session.  Services own commits.
"""
