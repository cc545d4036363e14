from sqlalchemy import select, and_, or_, desc, func

from lab.db import next_reference
from lab.db.tables import (
    certificates,
    certificate_items,
    report_templates,
    report_deliveries,
    certificate_amendments,
)
from lab.lib.dates import utcnow, today
from lab.repositories import BaseRepository


class CertificateRepository(BaseRepository):
    table = certificates

    def next_number(self):
        return next_reference(self.conn, certificates.c.certificate_number,
                              "C%s-" % today().strftime("%y"), width=6)

    def create_draft(self, client_id, order_id, template_id, issued_by):
        number = self.next_number()
        cid = self.insert(certificate_number=number, client_id=client_id, order_id=order_id,
                          template_id=template_id, issued_by=issued_by, status="draft", version=1)
        return cid, number

    def add_item(self, certificate_id, sample_id, result_id, display_value, display_unit, sort_order=0):
        self.conn.execute(certificate_items.insert().values(
            certificate_id=certificate_id, sample_id=sample_id, result_id=result_id,
            display_value=display_value, display_unit=display_unit, sort_order=sort_order))

    def items(self, certificate_id):
        return self.conn.execute(select([certificate_items])
                                 .where(certificate_items.c.certificate_id == certificate_id)
                                 .order_by(certificate_items.c.sort_order)).fetchall()

    def mark_issued(self, certificate_id, signatory_id, pdf_path):
        self.update(certificate_id, status="issued", signatory_id=signatory_id,
                    issued_at=utcnow(), pdf_path=pdf_path)

    def for_order(self, order_id):
        return self.all(certificates.c.order_id == order_id, order_by=desc(certificates.c.version))

    def for_client(self, client_id, limit=200):
        q = (select([certificates]).where(certificates.c.client_id == client_id)
             .order_by(desc(certificates.c.issued_at)).limit(limit))
        return self.conn.execute(q).fetchall()

    def current_for_order(self, order_id):
        q = (select([certificates])
             .where(and_(certificates.c.order_id == order_id, certificates.c.status == "issued"))
             .order_by(desc(certificates.c.version)).limit(1))
        return self.conn.execute(q).first()


def get_template(conn, template_id=None, client_id=None):
    """Client specific template if there is one, else the default."""
    if template_id:
        return conn.execute(select([report_templates]).where(report_templates.c.id == template_id)).first()
    if client_id:
        row = conn.execute(select([report_templates]).where(and_(
            report_templates.c.client_id == client_id, report_templates.c.active == True))).first()  # noqa: E712
        if row is not None:
            return row
    return conn.execute(select([report_templates]).where(and_(
        report_templates.c.client_id == None, report_templates.c.active == True))  # noqa: E711,E712
        .order_by(report_templates.c.id)).first()


def list_templates(conn):
    return conn.execute(select([report_templates]).order_by(report_templates.c.name)).fetchall()


def save_template(conn, data, template_id=None):
    if template_id:
        conn.execute(report_templates.update().where(report_templates.c.id == template_id).values(**data))
        return template_id
    return conn.execute(report_templates.insert().values(**data)).inserted_primary_key[0]


def queue_delivery(conn, certificate_id, contact_id, channel, address):
    res = conn.execute(report_deliveries.insert().values(
        certificate_id=certificate_id, contact_id=contact_id, channel=channel,
        address=address, status="queued", attempts=0))
    return res.inserted_primary_key[0]


def deliveries_pending(conn, max_attempts=5):
    q = select([report_deliveries]).where(and_(
        report_deliveries.c.status.in_(["queued", "failed"]),
        report_deliveries.c.attempts < max_attempts))
    return conn.execute(q.order_by(report_deliveries.c.id)).fetchall()


def mark_delivery(conn, delivery_id, ok, error=None):
    values = {"attempts": report_deliveries.c.attempts + 1}
    if ok:
        values.update(status="sent", sent_at=utcnow(), last_error=None)
    else:
        values.update(status="failed", last_error=error)
    conn.execute(report_deliveries.update().where(report_deliveries.c.id == delivery_id).values(**values))


def deliveries_for_certificate(conn, certificate_id):
    return conn.execute(select([report_deliveries])
                        .where(report_deliveries.c.certificate_id == certificate_id)).fetchall()


def insert_amendment(conn, certificate_id, amended_by, reason, new_certificate_id=None):
    conn.execute(certificate_amendments.insert().values(
        certificate_id=certificate_id, amended_by=amended_by, reason=reason,
        new_certificate_id=new_certificate_id, amended_at=utcnow()))


def amendments_for(conn, certificate_id):
    return conn.execute(select([certificate_amendments])
                        .where(certificate_amendments.c.certificate_id == certificate_id)
                        .order_by(certificate_amendments.c.amended_at)).fetchall()
