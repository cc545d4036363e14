"""Helpers from the migration off the old PermitTrax system (2021).
The import ran once; kept around because the clerks still type old numbers."""
import re

OLD_NUMBER_RE = re.compile(r"^(\d{2})([A-Z])(\d{4,6})$")
OLD_TYPE_LETTERS = {"B": "BLD", "E": "ELE", "P": "PLM", "M": "MEC", "D": "DEM", "S": "SGN"}


def old_permit_number_to_new(old):
    """'19B01234' -> 'BLD-2019-01234'"""
    m = OLD_NUMBER_RE.match((old or "").strip().upper())
    if not m:
        return None
    year, letter, seq = m.groups()
    prefix = OLD_TYPE_LETTERS.get(letter)
    if not prefix:
        return None
    return "%s-%d-%05d" % (prefix, 2000 + int(year), int(seq))


def permittrax_status(code):
    return {"A": "issued", "P": "submitted", "H": "in_review", "X": "withdrawn",
            "F": "issued", "D": "denied"}.get(code, "submitted")
