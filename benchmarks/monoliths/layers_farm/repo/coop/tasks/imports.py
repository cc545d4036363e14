"""File drops from outside systems.

 * weighbridge PCs at the satellite sites (no network to the app, they export CSV)
 * soil lab results (CSV over SFTP)
 * buyer price feed (JSON over https)
"""
import csv
import glob
import json
import logging
import os
import shutil

import requests

from coop.config import get_config
from coop.extensions import celery
from coop.models import IntakeTicket, Member
from coop.services import ServiceError
from coop.services import field_ops
from coop.services.grain_handling import open_intake_ticket, record_weights
from coop.services.marketing import capture_quote
from coop.utils.db import session_scope
from coop.utils.helpers import safe_int, strip_or_none

log = logging.getLogger(__name__)
_cfg = get_config()


def _read_csv(path, encoding="utf-8-sig"):
    with open(path, newline="", encoding=encoding) as fh:
        return list(csv.DictReader(fh))


def _archive(path, ok=True):
    dest = os.path.join(os.path.dirname(path), "done" if ok else "failed")
    os.makedirs(dest, exist_ok=True)
    shutil.move(path, os.path.join(dest, os.path.basename(path)))


@celery.task(name="coop.tasks.imports.import_weighbridge_exports")
def import_weighbridge_exports():
    """Satellite scale exports: one CSV per shift; site code is the file prefix."""
    done = 0
    for path in sorted(glob.glob(os.path.join(_cfg.WEIGHBRIDGE_EXPORT_DIR, "*.csv"))):
        site_code = os.path.basename(path).split("_")[0].upper()
        try:
            with session_scope() as s:
                for row in _read_csv(path, encoding="latin-1"):
                    ext_ref = strip_or_none(row.get("TicketRef"))
                    if ext_ref and s.query(IntakeTicket).filter_by(truck_plate=ext_ref).first():
                        continue  # already imported (we stash the ext ref in truck_plate, sorry)
                    t = open_intake_ticket(site_code, row["Grower"], row["Commodity"],
                                           truck_plate=ext_ref, user="wb-import")
                    record_weights(t.id, safe_int(row.get("Gross")), safe_int(row.get("Tare")))
            _archive(path, ok=True)
            done += 1
        except (ServiceError, KeyError, ValueError):
            log.exception("weighbridge import failed: %s", path)
            _archive(path, ok=False)
    return done


@celery.task(name="coop.tasks.imports.import_lab_results")
def import_lab_results():
    n = 0
    for path in sorted(glob.glob(os.path.join(_cfg.LAB_IMPORT_DIR, "*.csv"))):
        ok = True
        with session_scope():
            for row in _read_csv(path):
                try:
                    field_ops.record_soil_results(row["SampleID"], {
                        "ph": row.get("pH"), "organic_matter_pct": row.get("OM%"),
                        "nitrate_n_ppm": row.get("NO3-N"), "phosphorus_ppm": row.get("P"),
                        "potassium_ppm": row.get("K"), "sulphur_ppm": row.get("SO4-S"),
                        "ec_ds_m": row.get("EC"),
                    }, raw=json.dumps(row))
                    n += 1
                except ServiceError:
                    log.warning("unknown lab sample %s in %s", row.get("SampleID"), path)
                    ok = False
        _archive(path, ok=ok)
    return n


@celery.task(name="coop.tasks.imports.import_buyer_price_feed")
def import_buyer_price_feed(url="https://prices.example/api/v2/bids?region=SK-C"):
    resp = requests.get(url, timeout=20)
    resp.raise_for_status()
    n = 0
    with session_scope():
        for bid in resp.json().get("bids", []):
            capture_quote(bid["commodity"].lower(), bid["price_cad_t"], bid.get("grade"),
                          bid.get("buyer_code"), bid.get("month"), bid.get("basis"), source="feed")
            n += 1
    return n


def import_member_roll(path):
    """One-off import from the old Access database (2016).  Kept for reference."""
    with session_scope() as s:
        for row in _read_csv(path, encoding="cp1252"):
            if s.query(Member).filter_by(grower_code=row["GROWER_NO"]).first():
                continue
            s.add(Member(grower_code=row["GROWER_NO"], last_name=row["SURNAME"],
                         first_name=row.get("GIVEN"), farm_name=row.get("FARM"),
                         phone=row.get("PHONE"), status="active"))
