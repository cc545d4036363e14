"""Instrument calibration, maintenance and reagent control."""
import datetime

from lab.lib import InvalidInput, StateError
from lab.lib.dates import today, utcnow
from lab.lib.misc import send_mail
from lab.lib.config import get_setting
from lab.repositories import instruments as instrument_repo
from lab.services import Service

MIN_R_SQUARED = 0.995


class CalibrationCurve(object):
    """Least-squares straight line through calibration standards."""

    def __init__(self, points):
        # points: list of (concentration, response)
        if len(points) < 3:
            raise InvalidInput("at least 3 calibration standards are required")
        self.points = points
        self.slope, self.intercept, self.r_squared = self._fit(points)

    @staticmethod
    def _fit(points):
        n = float(len(points))
        sx = sum(p[0] for p in points)
        sy = sum(p[1] for p in points)
        sxx = sum(p[0] ** 2 for p in points)
        sxy = sum(p[0] * p[1] for p in points)
        syy = sum(p[1] ** 2 for p in points)
        denom = n * sxx - sx ** 2
        if denom == 0:
            raise InvalidInput("standards must have different concentrations")
        slope = (n * sxy - sx * sy) / denom
        intercept = (sy - slope * sx) / n
        r_num = n * sxy - sx * sy
        r_den = ((n * sxx - sx ** 2) * (n * syy - sy ** 2)) ** 0.5
        r2 = (r_num / r_den) ** 2 if r_den else 0.0
        return slope, intercept, r2

    def concentration(self, response):
        return (response - self.intercept) / self.slope

    @property
    def acceptable(self):
        return self.r_squared >= MIN_R_SQUARED


def next_due_date(instrument, performed_on=None):
    performed_on = performed_on or today()
    return performed_on + datetime.timedelta(days=instrument.calibration_interval_days or 365)


class CalibrationService(Service):

    def record_internal(self, instrument_id, points, notes=None):
        repo = instrument_repo.InstrumentRepository(self.conn)
        inst = repo.get_or_404(instrument_id)
        curve = CalibrationCurve(points)
        cal_id = instrument_repo.insert_calibration(
            self.conn, instrument_id, performed_by=self.user_id, cal_type="internal",
            passed=curve.acceptable, slope=curve.slope, intercept=curve.intercept,
            r_squared=curve.r_squared, next_due=next_due_date(inst) if curve.acceptable else None,
            notes=notes)
        if not curve.acceptable and inst.status == "in_service":
            repo.set_status(instrument_id, "out_of_service")
        return cal_id, curve

    def record_external(self, instrument_id, certificate_no, passed, performed_on=None, notes=None):
        repo = instrument_repo.InstrumentRepository(self.conn)
        inst = repo.get_or_404(instrument_id)
        if not certificate_no:
            raise InvalidInput("external calibration needs the certificate number")
        when = datetime.datetime.combine(performed_on or today(), datetime.time(12))
        cal_id = instrument_repo.insert_calibration(
            self.conn, instrument_id, performed_by=self.user_id, performed_at=when, cal_type="external",
            certificate_no=certificate_no, passed=passed,
            next_due=next_due_date(inst, when.date()) if passed else None, notes=notes)
        if passed and inst.status == "out_of_service":
            repo.set_status(instrument_id, "in_service")
        return cal_id

    def log_maintenance(self, instrument_id, kind, description, downtime_hours=None, take_out=False):
        repo = instrument_repo.InstrumentRepository(self.conn)
        repo.get_or_404(instrument_id)
        log_id = instrument_repo.insert_maintenance(self.conn, instrument_id, self.user_id, kind,
                                                    description, downtime_hours)
        if take_out:
            repo.set_status(instrument_id, "out_of_service")
        return log_id

    def return_to_service(self, instrument_id):
        cal = instrument_repo.last_calibration(self.conn, instrument_id)
        if cal is None or (cal.next_due and cal.next_due < today()):
            raise StateError("instrument needs a passing calibration first")
        instrument_repo.InstrumentRepository(self.conn).set_status(instrument_id, "in_service")


def calibration_status(conn, instrument_id):
    cal = instrument_repo.last_calibration(conn, instrument_id)
    if cal is None:
        return "never"
    if cal.next_due is None:
        return "unknown"
    days = (cal.next_due - today()).days
    if days < 0:
        return "overdue"
    if days <= 14:
        return "due"
    return "ok"


def reagent_in_date(conn, lot_id, on_date=None):
    lot = instrument_repo.get_reagent_lot(conn, lot_id)
    if lot is None:
        return False
    return lot.status == "in_use" and (lot.expires_on is None or lot.expires_on >= (on_date or today()))


def send_calibration_reminders(conn, within_days=14):
    due = instrument_repo.calibrations_due(conn, within_days)
    if not due:
        return 0
    lines = ["%-12s %-30s %s" % (i.asset_tag, i.name, i.next_due or "never calibrated") for i in due]
    send_mail(get_setting("instruments.reminder_to", "quality@example.invalid"),
              "%d instruments due for calibration" % len(due),
              "The following instruments are due for calibration:\n\n" + "\n".join(lines))
    return len(due)
