import datetime

from sqlalchemy import select, and_, or_, func, desc

from lab.db.tables import (
    instruments,
    calibrations,
    maintenance_logs,
    reagent_lots,
    instrument_methods,
)
from lab.lib.dates import utcnow, today
from lab.repositories import BaseRepository


class InstrumentRepository(BaseRepository):
    table = instruments

    def by_asset_tag(self, tag):
        return self.conn.execute(select([instruments]).where(instruments.c.asset_tag == tag)).first()

    def in_service(self, department=None):
        crit = [instruments.c.status == "in_service"]
        if department:
            crit.append(instruments.c.department == department)
        return self.all(*crit, order_by=instruments.c.name)

    def set_status(self, instrument_id, status):
        self.update(instrument_id, status=status)

    def methods(self, instrument_id):
        return self.conn.execute(
            select([instrument_methods]).where(instrument_methods.c.instrument_id == instrument_id)
        ).fetchall()

    def add_method(self, instrument_id, analysis_id, validated_on=None):
        self.conn.execute(instrument_methods.insert().values(
            instrument_id=instrument_id, analysis_id=analysis_id, validated_on=validated_on or today()))


def last_calibration(conn, instrument_id, passed_only=True):
    q = select([calibrations]).where(calibrations.c.instrument_id == instrument_id)
    if passed_only:
        q = q.where(calibrations.c.passed == True)  # noqa: E712
    return conn.execute(q.order_by(desc(calibrations.c.performed_at)).limit(1)).first()


def calibration_history(conn, instrument_id, limit=50):
    q = (select([calibrations]).where(calibrations.c.instrument_id == instrument_id)
         .order_by(desc(calibrations.c.performed_at)).limit(limit))
    return conn.execute(q).fetchall()


def insert_calibration(conn, instrument_id, **values):
    values.setdefault("performed_at", utcnow())
    res = conn.execute(calibrations.insert().values(instrument_id=instrument_id, **values))
    return res.inserted_primary_key[0]


def calibrations_due(conn, within_days=14):
    """Instruments whose latest calibration is due within N days (or overdue)."""
    latest = (select([calibrations.c.instrument_id, func.max(calibrations.c.next_due).label("next_due")])
              .where(calibrations.c.passed == True)  # noqa: E712
              .group_by(calibrations.c.instrument_id).alias("latest"))
    horizon = today() + datetime.timedelta(days=within_days)
    q = (select([instruments, latest.c.next_due])
         .select_from(instruments.outerjoin(latest, latest.c.instrument_id == instruments.c.id))
         .where(instruments.c.status == "in_service")
         .where(or_(latest.c.next_due == None, latest.c.next_due <= horizon)))  # noqa: E711
    return conn.execute(q.order_by(latest.c.next_due)).fetchall()


def insert_maintenance(conn, instrument_id, staff_id, kind, description, downtime_hours=None):
    res = conn.execute(maintenance_logs.insert().values(
        instrument_id=instrument_id, staff_id=staff_id, kind=kind, description=description,
        downtime_hours=downtime_hours, logged_at=utcnow()))
    return res.inserted_primary_key[0]


def maintenance_history(conn, instrument_id):
    return conn.execute(select([maintenance_logs])
                        .where(maintenance_logs.c.instrument_id == instrument_id)
                        .order_by(desc(maintenance_logs.c.logged_at))).fetchall()


def get_reagent_lot(conn, lot_id):
    return conn.execute(select([reagent_lots]).where(reagent_lots.c.id == lot_id)).first()


def reagent_lots_for_instrument(conn, instrument_id, usable_only=True):
    q = select([reagent_lots]).where(reagent_lots.c.instrument_id == instrument_id)
    if usable_only:
        q = q.where(and_(reagent_lots.c.status == "in_use", reagent_lots.c.expires_on >= today()))
    return conn.execute(q.order_by(reagent_lots.c.expires_on)).fetchall()


def insert_reagent_lot(conn, **values):
    return conn.execute(reagent_lots.insert().values(**values)).inserted_primary_key[0]


def reagent_lots_expiring(conn, within_days=30):
    horizon = today() + datetime.timedelta(days=within_days)
    q = select([reagent_lots]).where(and_(reagent_lots.c.status == "in_use",
                                          reagent_lots.c.expires_on <= horizon))
    return conn.execute(q.order_by(reagent_lots.c.expires_on)).fetchall()


def mark_lots_expired(conn):
    res = conn.execute(reagent_lots.update()
                       .where(and_(reagent_lots.c.status == "in_use", reagent_lots.c.expires_on < today()))
                       .values(status="expired"))
    return res.rowcount


def instruments_for_analysis(conn, analysis_id):
    q = (select([instruments])
         .select_from(instruments.join(instrument_methods,
                                       instrument_methods.c.instrument_id == instruments.c.id))
         .where(instrument_methods.c.analysis_id == analysis_id)
         .where(instruments.c.status == "in_service"))
    return conn.execute(q).fetchall()
