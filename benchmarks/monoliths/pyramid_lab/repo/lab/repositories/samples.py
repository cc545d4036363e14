"""Sample and custody data access.  (Some order lookups crept in here too.)"""
from sqlalchemy import select, and_, or_, func, desc, text

from lab.db import next_reference
from lab.db.tables import (
    samples,
    sample_containers,
    custody_events,
    receipt_batches,
    storage_locations,
    disposals,
    test_orders,
    clients,
)
from lab.lib import RecordNotFound, StateError
from lab.lib.dates import utcnow, today


def get_sample(conn, sample_id):
    row = conn.execute(select([samples]).where(samples.c.id == sample_id)).first()
    if row is None:
        raise RecordNotFound("sample %s not found" % sample_id)
    return row


def get_sample_by_barcode(conn, code):
    code = (code or "").strip()
    q = select([samples]).where(or_(samples.c.barcode == code, samples.c.lab_number == code.upper()))
    row = conn.execute(q).first()
    if row is None:
        # container barcodes are different to the sample barcode
        c = conn.execute(select([sample_containers.c.sample_id])
                         .where(sample_containers.c.barcode == code)).first()
        if c is not None:
            row = get_sample(conn, c.sample_id)
    return row


def next_lab_number(conn):
    prefix = "S%s" % today().strftime("%y")
    return next_reference(conn, samples.c.lab_number, prefix, width=6)


def insert_sample(conn, **values):
    values.setdefault("lab_number", next_lab_number(conn))
    values.setdefault("status", "received")
    res = conn.execute(samples.insert().values(**values))
    return res.inserted_primary_key[0]


def insert_container(conn, sample_id, **values):
    res = conn.execute(sample_containers.insert().values(sample_id=sample_id, **values))
    return res.inserted_primary_key[0]


def containers_for(conn, sample_id):
    return conn.execute(select([sample_containers])
                        .where(sample_containers.c.sample_id == sample_id)).fetchall()


def update_sample_status(conn, sample_id, status, expected=None):
    q = samples.update().where(samples.c.id == sample_id)
    if expected:
        q = q.where(samples.c.status.in_(expected))
    res = conn.execute(q.values(status=status))
    if expected and res.rowcount == 0:
        raise StateError("sample %s is not in %s" % (sample_id, ",".join(expected)))


def list_samples(conn, client_id=None, status=None, received_from=None, received_to=None,
                 search=None):
    q = (select([samples, clients.c.name.label("client_name")])
         .select_from(samples.join(clients, clients.c.id == samples.c.client_id)))
    if client_id:
        q = q.where(samples.c.client_id == client_id)
    if status:
        q = q.where(samples.c.status == status)
    if received_from:
        q = q.where(samples.c.received_at >= received_from)
    if received_to:
        q = q.where(samples.c.received_at < received_to)
    if search:
        like = "%%%s%%" % search
        q = q.where(or_(samples.c.lab_number.ilike(like), samples.c.client_ref.ilike(like),
                        samples.c.description.ilike(like)))
    return q.order_by(desc(samples.c.received_at))


def add_custody_event(conn, sample_id, event_type, staff_id=None, **kw):
    kw.setdefault("occurred_at", utcnow())
    res = conn.execute(custody_events.insert().values(
        sample_id=sample_id, event_type=event_type, staff_id=staff_id, **kw))
    return res.inserted_primary_key[0]


def get_custody_chain(conn, sample_id):
    q = (select([custody_events])
         .where(custody_events.c.sample_id == sample_id)
         .order_by(custody_events.c.occurred_at, custody_events.c.id))
    return conn.execute(q).fetchall()


def create_receipt_batch(conn, received_by, courier=None, cooler_temp=None, notes=None):
    ref = next_reference(conn, receipt_batches.c.reference, "RB", width=7)
    res = conn.execute(receipt_batches.insert().values(
        reference=ref, courier=courier, received_at=utcnow(), received_by=received_by,
        cooler_temp=cooler_temp, notes=notes, sample_count=0))
    return res.inserted_primary_key[0], ref


def bump_batch_count(conn, batch_id, n=1):
    conn.execute(receipt_batches.update().where(receipt_batches.c.id == batch_id)
                 .values(sample_count=receipt_batches.c.sample_count + n))


def get_receipt_batch(conn, batch_id):
    return conn.execute(select([receipt_batches]).where(receipt_batches.c.id == batch_id)).first()


def storage_location_by_code(conn, code):
    return conn.execute(select([storage_locations])
                        .where(storage_locations.c.code == code)).first()


def assign_storage_location(conn, sample_id, location_id):
    loc = conn.execute(select([storage_locations])
                       .where(storage_locations.c.id == location_id)).first()
    if loc is None:
        raise RecordNotFound("storage location %s not found" % location_id)
    if loc.occupied >= loc.capacity:
        raise StateError("storage location %s is full" % loc.code)
    old = conn.execute(select([samples.c.storage_location_id])
                       .where(samples.c.id == sample_id)).scalar()
    if old:
        free_storage_location(conn, old)
    conn.execute(samples.update().where(samples.c.id == sample_id)
                 .values(storage_location_id=location_id))
    conn.execute(storage_locations.update().where(storage_locations.c.id == location_id)
                 .values(occupied=storage_locations.c.occupied + 1))
    return loc


def free_storage_location(conn, location_id):
    conn.execute(storage_locations.update()
                 .where(and_(storage_locations.c.id == location_id, storage_locations.c.occupied > 0))
                 .values(occupied=storage_locations.c.occupied - 1))


def storage_summary(conn):
    return conn.execute(select([storage_locations]).order_by(storage_locations.c.code)).fetchall()


def record_disposal(conn, sample_id, method, authorised_by, witness_id=None, certificate_ref=None):
    conn.execute(disposals.insert().values(
        sample_id=sample_id, disposed_at=utcnow(), method=method,
        authorised_by=authorised_by, witness_id=witness_id, certificate_ref=certificate_ref))
    conn.execute(samples.update().where(samples.c.id == sample_id)
                 .values(disposed=True, status="disposed", storage_location_id=None))


def samples_due_for_disposal(conn, on_date=None):
    on_date = on_date or today()
    q = select([samples]).where(and_(
        samples.c.hold_until != None,  # noqa: E711
        samples.c.hold_until < on_date,
        samples.c.disposed == False,  # noqa: E712
        samples.c.status.in_(["reported", "rejected"]),
    ))
    return conn.execute(q).fetchall()


def get_order_for_sample(conn, sample_id):
    # TODO move to orders repo
    q = (select([test_orders])
         .select_from(test_orders.join(samples, samples.c.order_id == test_orders.c.id))
         .where(samples.c.id == sample_id))
    return conn.execute(q).first()


def samples_received_between(conn, start, end):
    sql = text("SELECT id, lab_number, client_id, received_at, status FROM samples "
               "WHERE received_at >= :s AND received_at < :e ORDER BY received_at")
    return conn.execute(sql, s=start, e=end).fetchall()
