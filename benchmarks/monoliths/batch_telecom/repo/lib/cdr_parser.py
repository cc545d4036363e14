# -*- coding: utf-8 -*-
"""Parsers for the CDR files the switches drop on the SFTP box.

MSC and SMSC files are ';' separated text (the ASN.1 decoder runs on the
mediation box, not here).  SGSN files are '|' separated.  TAP files from
roaming partners arrive pre-converted to CSV by the clearing house.
"""
import collections
import gzip
import io
import os
import re

from lib import dbutil
from lib.dates import parse_timestamp
from lib.log import get_logger
from lib.validators import normalize_msisdn

log = get_logger("cdr_parser")

CdrRecord = collections.namedtuple(
    "CdrRecord",
    "record_type msisdn other_party start_time duration_sec volume_kb cell_id roaming_tadig")

FILENAME_PATTERNS = [
    (re.compile(r"^MSC\d*_.*\.cdr(\.gz)?$"), "msc"),
    (re.compile(r"^SGSN\d*_.*\.dat(\.gz)?$"), "sgsn"),
    (re.compile(r"^SMSC_.*\.txt(\.gz)?$"), "smsc"),
    (re.compile(r"^TAP_[A-Z0-9]{5}_.*\.csv$"), "tap"),
]

MSC_TYPES = {"0": "MOC", "1": "MTC", "6": "MOC"}   # 6 = call forwarding, rated as MOC


class CdrParseError(Exception):
    pass


def detect_source(filename):
    base = os.path.basename(filename)
    for rx, source in FILENAME_PATTERNS:
        if rx.match(base):
            return source
    return None


def _open(path):
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="latin-1")
    return open(path, "r", encoding="latin-1")


def parse_msc_line(line):
    f = line.rstrip("\n").split(";")
    if len(f) < 8:
        raise CdrParseError("short MSC record (%d fields)" % len(f))
    rtype = MSC_TYPES.get(f[0])
    if rtype is None:
        return None  # not billable (e.g. location update)
    return CdrRecord(rtype, normalize_msisdn(f[1]), f[2], parse_timestamp(f[3]),
                     int(f[4] or 0), 0, f[5] or None, f[7] or None)


def parse_sgsn_line(line):
    f = line.rstrip("\n").split("|")
    if len(f) < 7:
        raise CdrParseError("short SGSN record")
    up, down = int(f[4] or 0), int(f[5] or 0)
    return CdrRecord("GPRS", normalize_msisdn(f[0]), f[1], parse_timestamp(f[2]),
                     int(f[3] or 0), (up + down + 1023) // 1024, f[6] or None,
                     f[7] if len(f) > 7 and f[7] else None)


def parse_smsc_line(line):
    f = line.rstrip("\n").split(";")
    if len(f) < 4:
        raise CdrParseError("short SMSC record")
    rtype = "SMSMO" if f[0] == "MO" else "SMSMT"
    return CdrRecord(rtype, normalize_msisdn(f[1]), f[2], parse_timestamp(f[3]), 0, 0,
                     f[4] if len(f) > 4 else None, None)


def parse_tap_line(line, tadig):
    # clearing house CSV: type,imsi,msisdn,other,start,dur,kb
    f = line.rstrip("\n").split(",")
    if f[0] == "type":
        return None
    rtype = {"V": "MOC", "T": "MTC", "S": "SMSMO", "D": "GPRS"}.get(f[0])
    if rtype is None:
        return None
    return CdrRecord(rtype, normalize_msisdn(f[2]), f[3],
                     parse_timestamp(f[4], "%Y-%m-%d %H:%M:%S"),
                     int(f[5] or 0), int(f[6] or 0), None, tadig)


def iter_records(path, source):
    tadig = None
    if source == "tap":
        tadig = os.path.basename(path).split("_")[1]
    parser = {"msc": parse_msc_line, "sgsn": parse_sgsn_line, "smsc": parse_smsc_line}.get(source)
    errors = 0
    with _open(path) as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            try:
                rec = parse_tap_line(line, tadig) if source == "tap" else parser(line)
            except (CdrParseError, ValueError, IndexError) as e:
                errors += 1
                log.warning("%s:%d: %s", path, lineno, e)
                if errors > 1000:
                    raise CdrParseError("too many bad records in %s" % path)
                continue
            if rec is not None:
                yield rec


def register_file(filename, source):
    """Returns file id, or None if we've already loaded this file."""
    existing = dbutil.fetchone("SELECT id, status FROM cdr_files WHERE filename = %s", (filename,))
    if existing:
        if existing["status"] == "error":
            dbutil.execute("DELETE FROM raw_cdrs WHERE file_id = %s", (existing["id"],))
            dbutil.execute("UPDATE cdr_files SET status = 'loading', error = NULL WHERE id = %s",
                           (existing["id"],))
            return existing["id"]
        return None
    return dbutil.scalar("INSERT INTO cdr_files (filename, source) VALUES (%s, %s) RETURNING id",
                         (filename, source))


def _tsv(value):
    if value is None:
        return "\\N"
    return str(value).replace("\t", " ").replace("\n", " ")


def load_records(file_id, records):
    """COPY the records into raw_cdrs. Much faster than execute_values for 1M rows."""
    buf = io.StringIO()
    n = 0
    for r in records:
        buf.write("\t".join(_tsv(v) for v in (
            file_id, r.record_type, r.msisdn, r.other_party, r.start_time.isoformat(),
            r.duration_sec, r.volume_kb, r.cell_id, r.roaming_tadig)) + "\n")
        n += 1
    buf.seek(0)
    dbutil.copy_rows("raw_cdrs", ("file_id", "record_type", "msisdn", "other_party", "start_time",
                                  "duration_sec", "volume_kb", "cell_id", "roaming_tadig"), buf)
    dbutil.execute("UPDATE cdr_files SET record_count = %s, status = 'loaded' WHERE id = %s",
                   (n, file_id))
    return n


def mark_file_error(file_id, error):
    dbutil.execute("UPDATE cdr_files SET status = 'error', error = %s WHERE id = %s",
                   (str(error)[:2000], file_id), commit_now=True)
