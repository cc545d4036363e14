# Minimal MARC21 (ISO 2709) reader for the nightly BDS import.  Not a full parser!
import os
import logging

import config
import db
import dbaccess
import utils

log = logging.getLogger("rln.marc")

FT = b"\x1e"
RT = b"\x1d"
SF = b"\x1f"


class MarcRecord(object):
    def __init__(self, raw):
        self.raw = raw
        self.fields = {}
        self._parse()

    def _parse(self):
        leader = self.raw[:24]
        base = int(leader[12:17])
        directory = self.raw[24:base - 1]
        for i in range(0, len(directory), 12):
            tag = directory[i:i + 3].decode("ascii")
            length = int(directory[i + 3:i + 7])
            start = int(directory[i + 7:i + 12])
            data = self.raw[base + start:base + start + length].rstrip(FT)
            self.fields.setdefault(tag, []).append(data)

    def subfield(self, tag, code):
        for data in self.fields.get(tag, []):
            for part in data.split(SF)[1:]:
                if part[:1].decode("ascii") == code:
                    return part[1:].decode("utf-8", "replace").strip(" /:;,.")
        return None

    def subfields_all(self, tag, code):
        out = []
        for data in self.fields.get(tag, []):
            for part in data.split(SF)[1:]:
                if part[:1].decode("ascii") == code:
                    out.append(part[1:].decode("utf-8", "replace").strip(" /:;,."))
        return out


def read_records(path):
    with open(path, "rb") as fh:
        buf = fh.read()
    for chunk in buf.split(RT):
        if len(chunk) > 24:
            yield MarcRecord(chunk + RT)


def record_to_title(rec):
    year = rec.subfield("264", "c") or rec.subfield("260", "c")
    return {
        "isbn": utils.normalise_isbn(rec.subfield("020", "a") or ""),
        "title": rec.subfield("245", "a") or "[no title]",
        "subtitle": rec.subfield("245", "b"),
        "publisher": rec.subfield("264", "b") or rec.subfield("260", "b"),
        "pub_year": utils.to_int((year or "")[-4:]),
        "material_type": "book",
        "language": "eng",
        "dewey": rec.subfield("082", "a"),
        "marc": rec.raw.decode("utf-8", "replace"),
    }


def import_record(rec):
    data = record_to_title(rec)
    existing = dbaccess.find_title_by_isbn(data["isbn"]) if data["isbn"] else None
    if existing:
        data["suppressed"] = existing["suppressed"]
        dbaccess.update_title(existing["id"], data)
        title_id = existing["id"]
    else:
        title_id = dbaccess.insert_title(data)
    for name in rec.subfields_all("100", "a") + rec.subfields_all("700", "a"):
        dbaccess.link_author(title_id, dbaccess.get_or_create_author(name))
    dbaccess.set_subjects(title_id, rec.subfields_all("650", "a"))
    return title_id


def import_directory(directory=None):
    directory = directory or config.MARC_IMPORT_DIR
    n = 0
    for fn in sorted(os.listdir(directory)):
        if not fn.endswith(".mrc"):
            continue
        for rec in read_records(os.path.join(directory, fn)):
            try:
                import_record(rec)
                n += 1
            except Exception:
                log.exception("bad record in %s", fn)
                db.rollback()
        db.commit()
        os.rename(os.path.join(directory, fn), os.path.join(directory, fn + ".done"))
    return n
