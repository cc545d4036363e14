import datetime
import logging

from sqlalchemy import func

from ..dal.operations import LiftRepository, latest_snow_report, trails_groomed_since
from ..lib.dates import local_today, parse_date
from ..lib.decorators import memoize_for
from ..models import DBSession
from ..models.mountain import GroomingLog, SnowReport, Trail, WeatherReading
from . import notifications

log = logging.getLogger(__name__)

POWDER_ALERT_CM = 15


def save_snow_report(data, user=None):
    day = parse_date(data.get('report_date')) or local_today()
    report = DBSession.query(SnowReport).filter(SnowReport.report_date == day).first()
    if report is None:
        report = SnowReport(report_date=day)
        DBSession.add(report)
    for field in ('base_cm', 'summit_cm', 'new_snow_24h', 'new_snow_7d'):
        if data.get(field) not in (None, ''):
            setattr(report, field, int(data[field]))
    report.surface = data.get('surface') or report.surface
    report.comments = data.get('comments')
    report.author_id = user.id if user else None
    if report.new_snow_24h in (None, 0):
        report.new_snow_24h = compute_new_snow(day)
    return report


def publish_snow_report(report):
    report.published = True
    report.published_at = datetime.datetime.utcnow()
    conditions_summary.cache_clear()
    if (report.new_snow_24h or 0) >= POWDER_ALERT_CM:
        notifications.send_snow_alerts(report)
    return report


def record_grooming(trail, machine, operator, pass_type='full', hours=None, when=None):
    entry = GroomingLog(trail_id=trail.id, machine=machine, operator=operator,
                        pass_type=pass_type, hours=hours,
                        groomed_at=when or datetime.datetime.utcnow())
    DBSession.add(entry)
    return entry


def store_weather_readings(readings):
    n = 0
    for r in readings:
        exists = DBSession.query(WeatherReading.id).filter(
            WeatherReading.station == r['station'],
            WeatherReading.read_at == r['read_at']).first()
        if exists:
            continue
        DBSession.add(WeatherReading(**r))
        n += 1
    return n


def compute_new_snow(day):
    """new snow = max depth rise at the MID station over the last 24h"""
    end = datetime.datetime.combine(day, datetime.time(6, 0))
    start = end - datetime.timedelta(hours=24)
    lo, hi = DBSession.query(func.min(WeatherReading.snow_depth_cm),
                             func.max(WeatherReading.snow_depth_cm)).filter(
        WeatherReading.station == 'MID',
        WeatherReading.read_at.between(start, end)).one()
    if lo is None or hi is None:
        return 0
    return max(hi - lo, 0)


@memoize_for(120)
def conditions_summary():
    report = latest_snow_report()
    lifts = LiftRepository().query().all()
    since = datetime.datetime.combine(local_today(), datetime.time.min) - datetime.timedelta(hours=8)
    trails = DBSession.query(Trail).all()
    return {
        'report': report,
        'lifts_open': len([l for l in lifts if l.is_open()]),
        'lifts_total': len(lifts),
        'trails_open': len([t for t in trails if t.status == 'open']),
        'trails_total': len(trails),
        'groomed': [t.name for t in trails_groomed_since(since)],
    }
