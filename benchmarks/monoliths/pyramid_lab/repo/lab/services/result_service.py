"""Result entry, validation, review/approval and QC.

This module grew a lot; QC was supposed to move to qc_service.py (never happened).
"""
import csv
import io
import logging

from lab.lib import InvalidInput, StateError, NotAuthorised
from lab.lib.dates import utcnow, today
from lab.lib.formatting import round_half_up
from lab.lib.misc import expanded_uncertainty, safe_decimal, std_dev
from lab.repositories import results as result_repo
from lab.repositories import orders as order_repo
from lab.repositories import samples as sample_repo
from lab.repositories import instruments as instrument_repo
from lab.services import Service
from lab.services import order_service

log = logging.getLogger(__name__)

# relative standard uncertainty by department until we have per-method values (TODO)
DEFAULT_REL_UNCERTAINTY = {"chemistry": 0.05, "metals": 0.08, "micro": 0.15, "organics": 0.12}

QC_RECOVERY_LIMITS = {"crm": (90.0, 110.0), "spike": (80.0, 120.0)}
DUPLICATE_RPD_LIMIT = 20.0


def parse_raw_value(raw):
    """'<0.5' -> ('<', 0.5); '12.3' -> ('', 12.3); 'ND' -> ('ND', None)."""
    if raw is None:
        raise InvalidInput("empty result")
    raw = str(raw).strip()
    if raw.upper() in ("ND", "N/D", "NOT DETECTED"):
        return "ND", None
    qualifier = ""
    if raw[:1] in ("<", ">"):
        qualifier, raw = raw[0], raw[1:].strip()
    value = safe_decimal(raw)
    if value is None:
        raise InvalidInput("not a number: %r" % raw)
    return qualifier, float(value)


class ResultValidator(object):
    """Plausibility checks run on entry.  Each check returns (code, message) or None."""

    def __init__(self, conn, analysis, sample):
        self.conn = conn
        self.analysis = analysis
        self.sample = sample

    def run(self, value, qualifier):
        flags = []
        for check in (self.check_negative, self.check_below_lod, self.check_previous,
                      self.check_hold_time):
            res = check(value, qualifier)
            if res:
                flags.append(res)
        return flags

    def check_negative(self, value, qualifier):
        if value is not None and value < 0:
            return ("NEG", "negative value")

    def check_below_lod(self, value, qualifier):
        if value is not None and self.analysis.lod is not None and value < self.analysis.lod:
            return ("LOD", "below limit of detection %s" % self.analysis.lod)

    def check_previous(self, value, qualifier):
        """Compare with the last result for the same client site and analysis."""
        if value is None or not self.sample.site_id:
            return None
        from sqlalchemy import select, and_, desc
        r, s = result_repo.results, result_repo.samples
        q = (select([r.c.value]).select_from(r.join(s, s.c.id == r.c.sample_id))
             .where(and_(s.c.site_id == self.sample.site_id, r.c.analysis_id == self.analysis.id,
                         r.c.status == "approved", r.c.sample_id != self.sample.id))
             .order_by(desc(r.c.approved_at)).limit(1))
        prev = self.conn.execute(q).scalar()
        if prev and prev > 0 and abs(value - prev) / prev > 1.0:
            return ("TREND", "more than 100%% different from previous result %s" % prev)

    def check_hold_time(self, value, qualifier):
        if self.sample.condition == "compromised":
            return ("COND", "sample received compromised")


class QCEvaluator(object):
    """Westgard-ish evaluation of a batch's QC checks against qc_limits."""

    def __init__(self, conn, batch):
        self.conn = conn
        self.batch = batch

    def evaluate(self):
        checks = result_repo.qc_checks_for_batch(self.conn, self.batch.id)
        if not checks:
            return "missing", ["no QC recorded"]
        problems = []
        for qc in checks:
            violations = self.rules_for(qc)
            if violations:
                problems.append("%s: %s" % (qc.qc_type, ",".join(violations)))
        if any("1-3s" in p or "R" in p.split(":")[-1] for p in problems):
            return "failed", problems
        return ("warning", problems) if problems else ("passed", [])

    def rules_for(self, qc):
        violations = []
        if qc.qc_type == "blank":
            if qc.measured is not None and self.batch_loq() is not None and qc.measured > self.batch_loq():
                violations.append("blank>LOQ")
            return violations
        if qc.qc_type == "duplicate":
            if qc.recovery is not None and qc.recovery > DUPLICATE_RPD_LIMIT:
                violations.append("RPD")
            return violations
        limits = result_repo.get_qc_limits(self.conn, self.batch.analysis_id, qc.qc_type)
        value = qc.recovery if qc.recovery is not None else qc.measured
        if limits is None:
            lo, hi = QC_RECOVERY_LIMITS.get(qc.qc_type, (None, None))
            if lo is not None and value is not None and not (lo <= value <= hi):
                violations.append("R")
            return violations
        if value < limits.lower_action or value > limits.upper_action:
            violations.append("1-3s")
        elif value < limits.lower_warning or value > limits.upper_warning:
            history = result_repo.qc_history(self.conn, self.batch.analysis_id, qc.qc_type, limit=2)
            prev = history[-2] if len(history) >= 2 else None
            prev_v = None if prev is None else (prev.recovery if prev.recovery is not None else prev.measured)
            if prev_v is not None and (prev_v < limits.lower_warning or prev_v > limits.upper_warning):
                violations.append("2-2s")
            else:
                violations.append("1-2s")
        return violations

    def batch_loq(self):
        return order_repo.get_analysis(self.conn, self.batch.analysis_id).loq


def compute_recovery(expected, measured):
    if not expected or measured is None:
        return None
    return float(round_half_up(measured / expected * 100.0, 1))


def compute_rpd(a, b):
    if a is None or b is None or (a + b) == 0:
        return None
    return float(round_half_up(abs(a - b) / ((a + b) / 2.0) * 100.0, 1))


def check_instrument_in_calibration(conn, instrument_id):
    """Raise StateError if the instrument cannot be used for reportable results."""
    inst = instrument_repo.InstrumentRepository(conn).get_or_404(instrument_id)
    if inst.status != "in_service":
        raise StateError("instrument %s is %s" % (inst.asset_tag, inst.status))
    cal = instrument_repo.last_calibration(conn, instrument_id)
    if cal is None or (cal.next_due and cal.next_due < today()):
        raise StateError("instrument %s calibration is overdue" % inst.asset_tag)
    return inst


def check_analyst_competent(conn, staff_id, analysis_id):
    level = result_repo.staff_competency_level(conn, staff_id, analysis_id)
    if level in (None, "expired"):
        raise NotAuthorised("analyst is not signed off for this test (%s)" % (level or "none"))
    return level


class ResultService(Service):

    def enter_result(self, sample_id, analysis_id, raw_value, instrument_id=None, batch_id=None,
                     reagent_lot_id=None, order_item_id=None, comment=None):
        sample = sample_repo.get_sample(self.conn, sample_id)
        if sample.status in ("rejected", "disposed"):
            raise StateError("sample %s is %s" % (sample.lab_number, sample.status))
        analysis = order_repo.get_analysis(self.conn, analysis_id)
        check_analyst_competent(self.conn, self.user_id, analysis_id)
        if instrument_id:
            check_instrument_in_calibration(self.conn, instrument_id)
        qualifier, value = parse_raw_value(raw_value)
        rel = DEFAULT_REL_UNCERTAINTY.get(analysis.department)
        result_id = result_repo.insert_result(
            self.conn, sample_id, analysis_id, order_item_id=order_item_id, batch_id=batch_id,
            instrument_id=instrument_id, reagent_lot_id=reagent_lot_id, analyst_id=self.user_id,
            raw_value=str(raw_value), value=value, qualifier=qualifier if qualifier != "ND" else "<",
            unit=analysis.unit, uncertainty=expanded_uncertainty(value, rel), comment=comment)
        for code, msg in ResultValidator(self.conn, analysis, sample).run(value, qualifier):
            result_repo.add_result_flag(self.conn, result_id, code, msg)
        if sample.status == "received":
            sample_repo.update_sample_status(self.conn, sample_id, "in_progress")
        if order_item_id:
            order_repo.update_item_status(self.conn, order_item_id, "in_progress")
        return result_id

    def review(self, result_id):
        result = result_repo.get_result(self.conn, result_id)
        if result.status != "entered":
            raise StateError("result %s is %s" % (result_id, result.status))
        if result.analyst_id == self.user_id:
            raise NotAuthorised("cannot review your own result")
        if result_repo.flags_for_result(self.conn, result_id):
            raise StateError("result has open flags")
        if result.batch_id:
            batch = result_repo.get_batch(self.conn, result.batch_id)
            if batch.qc_status == "failed":
                raise StateError("batch %s failed QC" % batch.batch_number)
        result_repo.set_result_status(self.conn, result_id, "reviewed", self.user_id)

    def approve(self, result_id):
        result = result_repo.get_result(self.conn, result_id)
        if result.status != "reviewed":
            raise StateError("result must be reviewed first")
        analysis = order_repo.get_analysis(self.conn, result.analysis_id)
        if not result_repo.staff_can_authorise(self.conn, self.user_id, analysis.department):
            raise NotAuthorised("not an authorised signatory for %s" % analysis.department)
        result_repo.set_result_status(self.conn, result_id, "approved", self.user_id)
        if result.order_item_id:
            order_service.mark_item_complete(self.conn, result.order_item_id)
        self._on_result_approved(result)

    def reject(self, result_id, reason, rerun=True):
        result = result_repo.get_result(self.conn, result_id)
        if result.status == "approved":
            raise StateError("approved results must be amended via the certificate")
        result_repo.set_result_status(self.conn, result_id, "rerun" if rerun else "rejected")
        result_repo.update_result(self.conn, result_id, comment=(result.comment or "") + " | " + reason)
        if rerun and result.order_item_id:
            order_repo.update_item_status(self.conn, result.order_item_id, "pending")

    def clear_flags(self, result_id, justification):
        result_repo.clear_flags(self.conn, result_id, self.user_id)
        result = result_repo.get_result(self.conn, result_id)
        result_repo.update_result(self.conn, result_id,
                                  comment=((result.comment or "") + " | flags cleared: " + justification))

    def _on_result_approved(self, result):
        if not result_repo.sample_results_complete(self.conn, result.sample_id):
            return
        sample_repo.update_sample_status(self.conn, result.sample_id, "complete")
        sample = sample_repo.get_sample(self.conn, result.sample_id)
        if sample.order_id:
            status = order_service.refresh_order_status(self.conn, sample.order_id)
            if status == "complete":
                # late import: certificate_service imports us
                from lab.services import certificate_service
                certificate_service.auto_issue_for_order(self.conn, sample.order_id, self.user_id)

    # -- batches ---------------------------------------------------------

    def open_batch(self, analysis_id, instrument_id, sample_ids):
        check_instrument_in_calibration(self.conn, instrument_id)
        batch_id, number = result_repo.create_analytical_batch(self.conn, analysis_id, instrument_id,
                                                               self.user_id)
        for sid in sample_ids:
            result_repo.add_sample_to_batch(self.conn, batch_id, sid)
        return batch_id, number

    def record_qc(self, batch_id, qc_type, expected, measured, duplicate_of=None):
        if qc_type == "duplicate":
            recovery = compute_rpd(duplicate_of, measured)
        elif qc_type in ("crm", "spike"):
            recovery = compute_recovery(expected, measured)
        else:
            recovery = None
        qc_id = result_repo.insert_qc_check(self.conn, batch_id, qc_type, expected, measured, recovery)
        batch = result_repo.get_batch(self.conn, batch_id)
        status, problems = QCEvaluator(self.conn, batch).evaluate()
        result_repo.set_batch_status(self.conn, batch_id, qc_status=status)
        return qc_id, status, problems

    def close_batch(self, batch_id):
        batch = result_repo.get_batch(self.conn, batch_id)
        status, problems = QCEvaluator(self.conn, batch).evaluate()
        if status == "missing":
            raise StateError("batch %s has no QC" % batch.batch_number)
        result_repo.set_batch_status(self.conn, batch_id, status="closed", qc_status=status)
        if status == "failed":
            # flag every result in the batch so nobody reviews them by accident
            rows = self.conn.execute(result_repo.results.select()
                                     .where(result_repo.results.c.batch_id == batch_id)).fetchall()
            for r in rows:
                result_repo.add_result_flag(self.conn, r.id, "QCFAIL", "; ".join(problems))
        return status, problems


def import_instrument_export(conn, user_id, batch_id, fileobj, fmt="generic"):
    """Import an instrument CSV export into a batch.

    Supported formats: generic (LabNumber,Analyte,Result), icp (Sample Name, Element, Conc).
    """
    batch = result_repo.get_batch(conn, batch_id)
    svc = ResultService(conn, user_id)
    analysis = order_repo.get_analysis(conn, batch.analysis_id)
    positions = {r.lab_number: r.id for r in result_repo.batch_sample_rows(conn, batch_id)}
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8-sig"))
    created, skipped = [], []
    for row in reader:
        if fmt == "icp":
            lab_no, analyte, raw = row.get("Sample Name"), row.get("Element"), row.get("Conc")
        else:
            lab_no, analyte, raw = row.get("LabNumber"), row.get("Analyte"), row.get("Result")
        lab_no = (lab_no or "").strip().upper()
        if lab_no.startswith(("QC", "BLK", "CAL")):
            continue  # QC lines are entered by hand (for now)
        if analyte and analyte.strip().upper() != analysis.code:
            skipped.append((lab_no, "analyte %s" % analyte))
            continue
        sid = positions.get(lab_no)
        if sid is None:
            skipped.append((lab_no, "not in batch"))
            continue
        item = next((i for i in order_repo.items_for_sample(conn, sid)
                     if i.analysis_id == analysis.id), None)
        created.append(svc.enter_result(sid, analysis.id, raw, instrument_id=batch.instrument_id,
                                        batch_id=batch_id, order_item_id=item.id if item else None))
    return created, skipped


def recalculate_qc_limits(conn, analysis_id, qc_type, n=20):
    """Recalculate control chart limits from the last n points (quarterly review)."""
    history = result_repo.qc_history(conn, analysis_id, qc_type, limit=n)
    values = [h.recovery if h.recovery is not None else h.measured for h in history]
    values = [v for v in values if v is not None]
    if len(values) < 10:
        raise InvalidInput("need at least 10 QC points, have %d" % len(values))
    mean = sum(values) / len(values)
    sd = std_dev(values)
    result_repo.upsert_qc_limits(conn, analysis_id, qc_type, mean, sd)
    return mean, sd


def _flag_outliers_grubbs(values):  # pragma: no cover - old QC module, unused since 2021
    if len(values) < 3:
        return []
    mean = sum(values) / len(values)
    sd = std_dev(values)
    return [v for v in values if sd and abs(v - mean) / sd > 2.5]
