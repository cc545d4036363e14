"""Sample reception, chain of custody, storage and disposal."""
import csv
import datetime
import hashlib
import io

from lab.db import transaction_scope
from lab.db.tables import valid_sample_status
from lab.lib import InvalidInput, StateError
from lab.lib.dates import utcnow, today, age_in_hours, format_datetime
from lab.lib.misc import generate_barcode, send_mail
from lab.repositories import samples as sample_repo
from lab.repositories import clients as client_repo
from lab.services import Service
from lab.services import order_service

# maximum hours between sampling and receipt, by matrix (ISO 5667-3 / client contracts)
MAX_HOLD_HOURS = {
    "water": 24,
    "wastewater": 24,
    "microbiology": 24,
    "soil": 72,
    "swab": 48,
    "blood": 48,
    "food": 72,
}

TEMPERATURE_LIMITS = {
    "water": (0.0, 8.0),
    "microbiology": (0.0, 8.0),
    "blood": (2.0, 25.0),
    "food": (-25.0, 8.0),
}

DEFAULT_RETENTION_DAYS = 30


def check_temperature_on_receipt(matrix, temperature):
    """Return None if ok, else a warning string for the custody note."""
    if temperature is None:
        return "temperature not recorded"
    limits = TEMPERATURE_LIMITS.get(matrix)
    if not limits:
        return None
    lo, hi = limits
    if temperature < lo or temperature > hi:
        return "received at %.1fC, outside %.0f-%.0fC" % (temperature, lo, hi)
    return None


def hold_time_exceeded(matrix, sampled_at, received_at=None):
    limit = MAX_HOLD_HOURS.get(matrix)
    if not limit or sampled_at is None:
        return False
    return age_in_hours(sampled_at, received_at or utcnow()) > limit


def custody_signature(sample_id, event_type, person, when):
    raw = "%s|%s|%s|%s" % (sample_id, event_type, person or "", when.isoformat())
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def validate_containers(containers):
    errors = []
    if not containers:
        errors.append("at least one container is required")
    for i, c in enumerate(containers or []):
        if not c.get("container_type"):
            errors.append("container %d: type missing" % (i + 1))
        if c.get("volume_ml") is not None and c["volume_ml"] <= 0:
            errors.append("container %d: volume must be positive" % (i + 1))
    return errors


class ReceptionService(Service):

    def open_receipt_batch(self, courier=None, cooler_temp=None, notes=None):
        return sample_repo.create_receipt_batch(self.conn, self.user_id, courier, cooler_temp, notes)

    def register_sample(self, data, batch_id=None):
        """Register one sample from the reception form.

        data keys: client_id, site_id, matrix, description, client_ref, sampled_at,
        temperature, containers (list), analyses (list of codes), panels (list of codes),
        order_id (optional, add to existing order)
        """
        errors = validate_containers(data.get("containers"))
        if errors:
            raise InvalidInput("invalid containers", errors=errors)
        client = client_repo.ClientRepository(self.conn).get_or_404(data["client_id"])
        if client.on_hold:
            # finance asked for a warning, not a block (2021-03)
            self.log.warning("receiving sample for client %s which is on hold", client.code)

        now = utcnow()
        warnings = []
        temp_warning = check_temperature_on_receipt(data.get("matrix"), data.get("temperature"))
        if temp_warning:
            warnings.append(temp_warning)
        if hold_time_exceeded(data.get("matrix"), data.get("sampled_at"), now):
            warnings.append("hold time exceeded")

        sample_id = sample_repo.insert_sample(
            self.conn,
            client_id=client.id,
            site_id=data.get("site_id"),
            matrix=data.get("matrix"),
            description=data.get("description"),
            client_ref=data.get("client_ref"),
            sampled_at=data.get("sampled_at"),
            received_at=now,
            received_by=self.user_id,
            receipt_batch_id=batch_id,
            temperature_on_receipt=data.get("temperature"),
            condition="compromised" if warnings else "ok",
            priority=1 if data.get("urgent") else 0,
            hold_until=today() + datetime.timedelta(days=data.get("retention_days") or DEFAULT_RETENTION_DAYS),
        )
        sample = sample_repo.get_sample(self.conn, sample_id)
        for n, c in enumerate(data.get("containers") or [], start=1):
            sample_repo.insert_container(
                self.conn, sample_id, container_type=c["container_type"], volume_ml=c.get("volume_ml"),
                preservative=c.get("preservative"), seal_intact=c.get("seal_intact", True),
                barcode=generate_barcode(sample.lab_number, n))
        self.conn.execute(sample_repo.samples.update().where(sample_repo.samples.c.id == sample_id)
                          .values(barcode=generate_barcode(sample.lab_number, 0)))

        self.log_custody(sample_id, "received", from_person=data.get("delivered_by"),
                         to_person=None, location="Reception",
                         note="; ".join(warnings) or None)
        if batch_id:
            sample_repo.bump_batch_count(self.conn, batch_id)

        # hand over to ordering: creates an order if there is none
        order_id = order_service.attach_sample_to_order(
            self.conn, sample_id, client.id, self.user_id,
            analysis_codes=data.get("analyses") or [], panel_codes=data.get("panels") or [],
            order_id=data.get("order_id"), tat_class=data.get("tat_class", "standard"),
            po_number=data.get("po_number"))
        return sample_id, order_id, warnings

    def log_custody(self, sample_id, event_type, from_person=None, to_person=None, location=None,
                    note=None):
        when = utcnow()
        return sample_repo.add_custody_event(
            self.conn, sample_id, event_type, staff_id=self.user_id, from_person=from_person,
            to_person=to_person, location=location, note=note, occurred_at=when,
            signature_hash=custody_signature(sample_id, event_type, to_person, when))

    def transfer(self, sample_id, to_person, location, note=None):
        sample = sample_repo.get_sample(self.conn, sample_id)
        if sample.disposed:
            raise StateError("sample %s has been disposed" % sample.lab_number)
        chain = sample_repo.get_custody_chain(self.conn, sample_id)
        from_person = chain[-1].to_person if chain else None
        return self.log_custody(sample_id, "transfer", from_person, to_person, location, note)

    def store(self, sample_id, location_code):
        loc = sample_repo.storage_location_by_code(self.conn, location_code)
        if loc is None:
            raise InvalidInput("unknown storage location %s" % location_code)
        sample_repo.assign_storage_location(self.conn, sample_id, loc.id)
        self.log_custody(sample_id, "stored", location=loc.code)

    def reject_sample(self, sample_id, reason, notify=True):
        sample = sample_repo.get_sample(self.conn, sample_id)
        sample_repo.update_sample_status(self.conn, sample_id, "rejected",
                                         expected=["registered", "received", "on_hold"])
        self.log_custody(sample_id, "rejected", note=reason)
        if sample.order_id:
            order_service.cancel_items_for_sample(self.conn, sample.order_id, sample_id)
        if notify:
            contacts = client_repo.get_client_contacts(self.conn, sample.client_id, role="results")
            for c in contacts:
                if c.email:
                    send_mail(c.email, "Sample %s rejected" % sample.lab_number,
                              rejection_notice_text(sample, reason))

    def set_status(self, sample_id, status):
        if not valid_sample_status(status):
            raise InvalidInput("bad status %s" % status)
        sample_repo.update_sample_status(self.conn, sample_id, status)

    def dispose(self, sample_ids, method, witness_id=None, certificate_ref=None):
        done = []
        for sid in sample_ids:
            sample = sample_repo.get_sample(self.conn, sid)
            if sample.disposed:
                continue
            if sample.hold_until and sample.hold_until >= today():
                raise StateError("sample %s is on hold until %s" % (sample.lab_number, sample.hold_until))
            if sample.storage_location_id:
                sample_repo.free_storage_location(self.conn, sample.storage_location_id)
            sample_repo.record_disposal(self.conn, sid, method, self.user_id, witness_id, certificate_ref)
            self.log_custody(sid, "disposed", note=method)
            done.append(sid)
        return done


def rejection_notice_text(sample, reason):
    return (
        "Dear customer,\n\n"
        "Sample %s (your ref: %s) received %s could not be accepted for analysis.\n"
        "Reason: %s\n\n"
        "Please contact the laboratory to arrange re-sampling.\n"
        % (sample.lab_number, sample.client_ref or "-", format_datetime(sample.received_at), reason)
    )


def import_samples_csv(conn, user_id, fileobj, client_id):
    """Bulk registration from the client's submission spreadsheet (CSV export)."""
    svc = ReceptionService(conn, user_id)
    batch_id, ref = svc.open_receipt_batch(notes="CSV import")
    created = []
    reader = csv.DictReader(io.TextIOWrapper(fileobj, encoding="utf-8-sig"))
    with transaction_scope(conn):
        for line_no, row in enumerate(reader, start=2):
            try:
                data = {
                    "client_id": client_id,
                    "matrix": (row.get("Matrix") or "").strip().lower() or None,
                    "client_ref": row.get("Sample Ref"),
                    "description": row.get("Description"),
                    "sampled_at": row.get("Sampled") or None,
                    "containers": [{"container_type": row.get("Container") or "bottle"}],
                    "analyses": [c.strip() for c in (row.get("Tests") or "").split(";") if c.strip()],
                }
                sid, _, _ = svc.register_sample(data, batch_id=batch_id)
                created.append(sid)
            except InvalidInput as exc:
                raise InvalidInput("line %d: %s" % (line_no, exc.message), **exc.details)
    return ref, created
