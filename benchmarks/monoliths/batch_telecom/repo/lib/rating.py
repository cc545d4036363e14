# -*- coding: utf-8 -*-
"""Rating engine: raw_cdrs -> rated_usage, including bundle consumption.

Rules (as agreed with Marketing, see Confluence "Rating rules v4"):
  * voice is rated per started minute (60/60), first 60s minimum
  * sms per message; MT sms free at home
  * data per started 100 KB, priced per MB
  * roaming: partner zone from roaming_partners + markup
  * bundles are consumed first (national + EU, "roam like at home")
"""
import decimal
import math

from psycopg2.extras import execute_values

from lib import dbutil
from lib.dates import first_of_month, last_of_month
from lib.jobbase import memoize_ttl
from lib.log import get_logger
from lib.money import D

log = get_logger("rating")

HOME_ZONE = "NATIONAL"
BUNDLE_ZONES = ("NATIONAL", "EU")
PREMIUM_PREFIXES = ("31900", "31906", "31909")
INTERNATIONAL_ZONE_BY_PREFIX = [
    # longest prefix first, see _zone_for_number
    ("3190", "PREMIUM"),
    ("31", "NATIONAL"),
    ("32", "EU"), ("33", "EU"), ("34", "EU"), ("49", "EU"), ("39", "EU"), ("351", "EU"),
    ("44", "ROW1"), ("41", "ROW1"), ("1", "ROW1"),
    ("", "ROW2"),
]

SERVICE_BY_TYPE = {
    "MOC": "voice", "MTC": "voice",
    "SMSMO": "sms", "SMSMT": "sms",
    "GPRS": "data",
}


class RatingError(Exception):
    pass


@memoize_ttl(900)
def roaming_partner(tadig):
    return dbutil.fetchone("""
        SELECT rp.*, z.code AS zone_code FROM roaming_partners rp
          JOIN tariff_zones z ON z.id = rp.zone_id WHERE rp.tadig_code = %s""", (tadig,))


@memoize_ttl(3600)
def is_home_cell(cell_id):
    # network team keeps this table up to date (mostly)
    if not cell_id:
        return True
    return dbutil.scalar("SELECT 1 FROM cells WHERE cell_id = %s", (cell_id,)) is not None


def _zone_for_number(number):
    n = (number or "").lstrip("+")
    for prefix, zone in sorted(INTERNATIONAL_ZONE_BY_PREFIX, key=lambda x: -len(x[0])):
        if n.startswith(prefix):
            return zone
    return "ROW2"


def units_for(service, cdr):
    if service == "voice":
        if cdr["duration_sec"] <= 0:
            return D(0)
        return D(max(1, int(math.ceil(cdr["duration_sec"] / 60.0))))
    if service == "sms":
        return D(1)
    if service == "data":
        hundred_kb = int(math.ceil(cdr["volume_kb"] / 100.0))
        return (D(hundred_kb) / 10).quantize(D("0.1"))
    raise RatingError("unknown service %s" % service)


class RatingEngine(object):

    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.rated = []
        self.rejected = []
        self.stats = {"rated": 0, "rejected": 0, "zero": 0}
        self._sub_cache = {}
        self._bundle_cache = {}

    # -- lookups --------------------------------------------------------
    def subscriber_for(self, msisdn, when):
        key = msisdn
        if key not in self._sub_cache:
            self._sub_cache[key] = dbutil.fetchone("""
                SELECT id, status FROM subscribers
                 WHERE msisdn = %s AND (activated_at IS NULL OR activated_at <= %s)
                 ORDER BY id DESC LIMIT 1""", (msisdn, when))
        return self._sub_cache[key]

    def zone_for(self, cdr):
        markup = D(0)
        if cdr["roaming_tadig"]:
            partner = roaming_partner(cdr["roaming_tadig"])
            if partner is None:
                raise RatingError("unknown roaming partner %s" % cdr["roaming_tadig"])
            return partner["zone_code"], D(partner["markup_pct"])
        if not is_home_cell(cdr["cell_id"]):
            log.debug("cell %s not in inventory, rating as home anyway", cdr["cell_id"])
        if cdr["record_type"] in ("MOC", "SMSMO"):
            return _zone_for_number(cdr["other_party"]), markup
        return HOME_ZONE, markup

    # -- bundles --------------------------------------------------------
    def _bundle(self, subscriber_id, period, service):
        key = (subscriber_id, period, service)
        if key not in self._bundle_cache:
            row = dbutil.fetchone("""
                SELECT id, allowance, used FROM usage_bundles
                 WHERE subscriber_id = %s AND period = %s AND service = %s
                 FOR UPDATE""", (subscriber_id, period, service))
            self._bundle_cache[key] = row
        return self._bundle_cache[key]

    def consume_bundle(self, subscriber_id, usage_date, service, zone, units):
        """Returns free units consumed."""
        if zone not in BUNDLE_ZONES:
            return D(0)
        b = self._bundle(subscriber_id, first_of_month(usage_date), service)
        if b is None:
            return D(0)
        left = D(b["allowance"]) - D(b["used"])
        if left <= 0:
            return D(0)
        free = min(left, units)
        b["used"] = D(b["used"]) + free
        if not self.dry_run:
            dbutil.execute("UPDATE usage_bundles SET used = used + %s WHERE id = %s", (free, b["id"]))
        return free

    # -- rating ---------------------------------------------------------
    def rate(self, cdr):
        service = SERVICE_BY_TYPE.get(cdr["record_type"])
        if service is None:
            raise RatingError("unratable record type %s" % cdr["record_type"])
        sub = self.subscriber_for(cdr["msisdn"], cdr["start_time"])
        if sub is None:
            raise RatingError("no subscriber for %s" % cdr["msisdn"])
        if sub["status"] == "terminated":
            raise RatingError("subscriber terminated")
        usage_date = cdr["start_time"].date()
        plan = dbutil.get_active_subscription(sub["id"], usage_date)
        if plan is None:
            raise RatingError("no active plan on %s" % usage_date)
        zone, markup = self.zone_for(cdr)
        units = units_for(service, cdr)
        if cdr["record_type"] in ("MTC", "SMSMT") and zone == HOME_ZONE:
            return self._result(cdr, sub["id"], service, zone, units, units, D(0), usage_date)
        free = self.consume_bundle(sub["id"], usage_date, service, zone, units)
        rate = dbutil.get_tariff_rate(plan["plan_id"], zone, service, usage_date)
        if rate is None:
            raise RatingError("no tariff %s/%s/%s" % (plan["plan_code"], zone, service))
        amount = (units - free) * D(rate["unit_price"])
        if markup:
            amount = amount * (1 + markup / 100)
        amount = amount.quantize(D("0.0001"), rounding=decimal.ROUND_HALF_UP)
        return self._result(cdr, sub["id"], service, zone, units, free, amount, usage_date)

    def _result(self, cdr, subscriber_id, service, zone, units, free, amount, usage_date):
        if amount == 0:
            self.stats["zero"] += 1
        return (cdr["id"], subscriber_id, service, zone, units, free, amount, usage_date)

    def rate_batch(self, cdrs):
        ok_ids, rejects = [], []
        for cdr in cdrs:
            try:
                self.rated.append(self.rate(cdr))
                ok_ids.append(cdr["id"])
            except RatingError as e:
                rejects.append((cdr["id"], str(e)[:100]))
        self.stats["rated"] += len(ok_ids)
        self.stats["rejected"] += len(rejects)
        if not self.dry_run:
            self.flush(ok_ids, rejects)
        return len(ok_ids), len(rejects)

    def flush(self, ok_ids, rejects):
        with dbutil.cursor(dict_rows=False) as cur:
            if self.rated:
                execute_values(cur, """
                    INSERT INTO rated_usage (raw_cdr_id, subscriber_id, service, zone_code, units,
                                             free_units, amount, usage_date) VALUES %s""",
                               self.rated, page_size=2000)
            if rejects:
                execute_values(cur, "INSERT INTO rating_rejects (raw_cdr_id, reason) VALUES %s",
                               rejects)
        dbutil.mark_cdrs(ok_ids, "rated")
        dbutil.mark_cdrs([r[0] for r in rejects], "rejected")
        dbutil.commit()
        self.rated = []


def init_bundles(subscriber_id, period, replace=False):
    """Create this month's usage_bundles rows from plan + add-ons."""
    from lib.plans import included_allowances
    allow = included_allowances(subscriber_id, last_of_month(period))
    for service, units in allow.items():
        if replace:
            dbutil.execute("""
                INSERT INTO usage_bundles (subscriber_id, period, service, allowance)
                VALUES (%s, %s, %s, %s)
                ON CONFLICT (subscriber_id, period, service)
                DO UPDATE SET allowance = EXCLUDED.allowance""", (subscriber_id, period, service, units))
        else:
            dbutil.execute("""
                INSERT INTO usage_bundles (subscriber_id, period, service, allowance)
                VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING""", (subscriber_id, period, service, units))


def reset_all_bundles(period):
    subs = dbutil.fetchall("SELECT id FROM subscribers WHERE status IN ('active', 'barred')")
    for s in subs:
        init_bundles(s["id"], period)
    dbutil.commit()
    return len(subs)


def bundle_status(subscriber_id, period=None):
    period = period or first_of_month(dbutil.db_now().date())
    return dbutil.fetchall("""
        SELECT service, allowance, used, allowance - used AS remaining
          FROM usage_bundles WHERE subscriber_id = %s AND period = %s ORDER BY service""",
                           (subscriber_id, period))


def requeue_rejects(reason_like=None, older_than_days=0):
    """Put rejected CDRs back to 'new' (e.g. after a missing tariff was added)."""
    sql = """
        UPDATE raw_cdrs SET status = 'new'
         WHERE id IN (SELECT raw_cdr_id FROM rating_rejects
                       WHERE NOT reprocessed AND created_at < now() - (%s || ' days')::interval"""
    params = [older_than_days]
    if reason_like:
        sql += " AND reason LIKE %s"
        params.append(reason_like)
    sql += ")"
    n = dbutil.execute(sql, params)
    dbutil.execute("UPDATE rating_rejects SET reprocessed = true WHERE NOT reprocessed AND raw_cdr_id IN (SELECT id FROM raw_cdrs WHERE status = 'new')")
    dbutil.commit()
    return n


def usage_details(subscriber_id, date_from, date_to, limit=500):
    return dbutil.fetchall("""
        SELECT ru.usage_date, ru.service, ru.zone_code, ru.units, ru.free_units, ru.amount,
               rc.other_party, rc.start_time, rc.duration_sec, rc.volume_kb
          FROM rated_usage ru JOIN raw_cdrs rc ON rc.id = ru.raw_cdr_id
         WHERE ru.subscriber_id = %s AND ru.usage_date BETWEEN %s AND %s
         ORDER BY rc.start_time LIMIT %s""", (subscriber_id, date_from, date_to, limit))


def rate_single_call_legacy(duration, price_per_min):
    # pre-2020 per-second rating. Unused since RatingEngine; delete after audit.
    return D(duration) / 60 * D(price_per_min)
