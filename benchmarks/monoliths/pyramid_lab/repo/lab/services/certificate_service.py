"""Certificates of analysis: building, rendering, issuing, amending, delivering."""
import logging
import os

from lab.lib import StateError, InvalidInput, NotAuthorised
from lab.lib.config import LabDetails, get_setting, asbool
from lab.lib.dates import utcnow, format_date, format_datetime
from lab.lib.formatting import format_result_value
from lab.lib.misc import send_mail
from lab.repositories import certificates as cert_repo
from lab.repositories import clients as client_repo
from lab.repositories import orders as order_repo
from lab.repositories import results as result_repo
from lab.repositories import samples as sample_repo
from lab.repositories import staff as staff_repo
from lab.services import Service

log = logging.getLogger(__name__)

ACCREDITATION_FOOTNOTE = ("Tests marked * are not included in the laboratory's scope of accreditation.")


class CertificateBuilder(object):
    """Collects everything the certificate template needs."""

    def __init__(self, conn, order_id, template=None):
        self.conn = conn
        self.order = order_repo.get_order(conn, order_id)
        self.client = client_repo.ClientRepository(conn).get_or_404(self.order.client_id)
        self.template = template or cert_repo.get_template(conn, client_id=self.client.id)
        self.samples = []

    def collect(self):
        q = sample_repo.samples.select().where(sample_repo.samples.c.order_id == self.order.id)
        for s in self.conn.execute(q.order_by(sample_repo.samples.c.lab_number)):
            if s.status in ("rejected",):
                continue
            rows = result_repo.results_for_sample(self.conn, s.id)
            lines = []
            for r in rows:
                if r.status != "approved":
                    raise StateError("sample %s has unapproved results" % s.lab_number)
                lines.append({
                    "result_id": r.id,
                    "code": r.analysis_code,
                    "name": r.analysis_name + ("" if r.accredited else " *"),
                    "value": format_result_value(r.value, r.qualifier, r.decimals, r.loq, r.lod),
                    "unit": r.unit or "",
                    "uncertainty": r.uncertainty if self.template and self.template.show_uncertainty else None,
                })
            self.samples.append({"sample": s, "lines": lines})
        return self

    def departments(self):
        deps = set()
        for entry in self.samples:
            for line in entry["lines"]:
                a = order_repo.get_analysis_by_code(self.conn, line["code"])
                deps.add(a.department)
        return deps

    def context(self, certificate_number, signatory=None, version=1):
        return {
            "lab": LabDetails().as_dict(),
            "certificate_number": certificate_number,
            "version": version,
            "client": dict(self.client),
            "order": dict(self.order),
            "samples": self.samples,
            "signatory": signatory,
            "issued": format_datetime(utcnow()),
            "received": format_date(self.order.received_at),
            "footnote": ACCREDITATION_FOOTNOTE,
            "template": dict(self.template) if self.template else {},
        }


def select_signatory(conn, departments, preferred_id=None):
    """A signatory must be authorised for every department on the certificate."""
    candidates = None
    for dep in departments:
        ids = {s.id for s in staff_repo.signatories_for_department(conn, dep)}
        candidates = ids if candidates is None else candidates & ids
    if not candidates:
        return None
    if preferred_id in candidates:
        return preferred_id
    return sorted(candidates)[0]


def render_certificate_pdf(context, template_filename):
    """Render via the jinja2 template + weasyprint. Returns the path written."""
    from jinja2 import Environment, FileSystemLoader
    from weasyprint import HTML

    tpl_dir = get_setting("certificates.template_dir", "lab/templates/certificates")
    out_dir = get_setting("certificates.output_dir", "/var/lib/lims/certificates")
    env = Environment(loader=FileSystemLoader(tpl_dir), autoescape=True)
    html = env.get_template(template_filename).render(**context)
    path = os.path.join(out_dir, "%s_v%d.pdf" % (context["certificate_number"], context["version"]))
    HTML(string=html).write_pdf(path)
    return path


class CertificateService(Service):

    def issue(self, order_id, signatory_id=None, template_id=None):
        repo = cert_repo.CertificateRepository(self.conn)
        if repo.current_for_order(order_id) is not None:
            raise StateError("order already has an issued certificate; amend it instead")
        template = cert_repo.get_template(self.conn, template_id=template_id) if template_id else None
        builder = CertificateBuilder(self.conn, order_id, template).collect()
        sig = select_signatory(self.conn, builder.departments(), signatory_id or self.user_id)
        if sig is None:
            raise NotAuthorised("no authorised signatory covers all departments on this order")
        cert_id, number = repo.create_draft(builder.client.id, order_id,
                                            builder.template.id if builder.template else None, self.user_id)
        self._write_items(repo, cert_id, builder)
        signatory = staff_repo.get_staff(self.conn, sig)
        path = render_certificate_pdf(builder.context(number, signatory.full_name),
                                      builder.template.filename if builder.template else "default.html")
        repo.mark_issued(cert_id, sig, path)
        self._after_issue(order_id, cert_id, builder)
        return cert_id, number

    def _write_items(self, repo, cert_id, builder):
        n = 0
        for entry in builder.samples:
            for line in entry["lines"]:
                n += 1
                repo.add_item(cert_id, entry["sample"].id, line["result_id"], line["value"], line["unit"], n)

    def _after_issue(self, order_id, cert_id, builder):
        order_repo.update_order_status(self.conn, order_id, "reported")
        for entry in builder.samples:
            sample_repo.update_sample_status(self.conn, entry["sample"].id, "reported")
        queue_deliveries(self.conn, cert_id, builder.client.id)
        if asbool(get_setting("invoicing.on_certificate", "true")):
            from lab.services import invoice_service
            try:
                invoice_service.invoice_order(self.conn, order_id, self.user_id)
            except StateError as exc:
                log.warning("could not invoice order %s: %s", order_id, exc)

    def amend(self, certificate_id, reason, signatory_id=None):
        if not reason or len(reason.strip()) < 10:
            raise InvalidInput("a meaningful amendment reason is required")
        repo = cert_repo.CertificateRepository(self.conn)
        old = repo.get_or_404(certificate_id)
        if old.status != "issued":
            raise StateError("only issued certificates can be amended")
        builder = CertificateBuilder(self.conn, old.order_id).collect()
        sig = select_signatory(self.conn, builder.departments(), signatory_id or self.user_id)
        if sig is None:
            raise NotAuthorised("no authorised signatory")
        number = old.certificate_number
        new_id = repo.insert(certificate_number="%s-A%d" % (number, old.version), client_id=old.client_id,
                             order_id=old.order_id, template_id=old.template_id, issued_by=self.user_id,
                             status="draft", version=old.version + 1, supersedes_id=old.id)
        self._write_items(repo, new_id, builder)
        ctx = builder.context(number, staff_repo.get_staff(self.conn, sig).full_name, old.version + 1)
        ctx["amendment_reason"] = reason
        path = render_certificate_pdf(ctx, builder.template.filename if builder.template else "default.html")
        repo.mark_issued(new_id, sig, path)
        repo.update(old.id, status="superseded")
        cert_repo.insert_amendment(self.conn, old.id, self.user_id, reason, new_id)
        queue_deliveries(self.conn, new_id, old.client_id)
        return new_id

    def withdraw(self, certificate_id, reason):
        repo = cert_repo.CertificateRepository(self.conn)
        repo.get_or_404(certificate_id)
        repo.update(certificate_id, status="withdrawn")
        cert_repo.insert_amendment(self.conn, certificate_id, self.user_id, "WITHDRAWN: " + reason)


def auto_issue_for_order(conn, order_id, user_id):
    """Called when the last result of an order is approved."""
    if not asbool(get_setting("certificates.auto_issue", "false")):
        return None
    try:
        return CertificateService(conn, user_id).issue(order_id)
    except (StateError, NotAuthorised) as exc:
        log.info("auto issue skipped for order %s: %s", order_id, exc)
        return None


def queue_deliveries(conn, certificate_id, client_id):
    n = 0
    for contact in client_repo.certificate_recipients(conn, client_id):
        if contact.email:
            cert_repo.queue_delivery(conn, certificate_id, contact.id, "email", contact.email)
            n += 1
    return n


def send_pending_deliveries(conn, max_attempts=5):
    sent = failed = 0
    repo = cert_repo.CertificateRepository(conn)
    for d in cert_repo.deliveries_pending(conn, max_attempts):
        cert = repo.get(d.certificate_id)
        if cert is None or cert.status not in ("issued",):
            cert_repo.mark_delivery(conn, d.id, False, "certificate not issued")
            failed += 1
            continue
        try:
            with open(cert.pdf_path, "rb") as fh:
                payload = fh.read()
            send_mail(d.address, "Certificate of analysis %s" % cert.certificate_number,
                      "Please find attached certificate %s.\n" % cert.certificate_number,
                      attachments=[(os.path.basename(cert.pdf_path), payload)])
            cert_repo.mark_delivery(conn, d.id, True)
            sent += 1
        except Exception as exc:  # noqa - smtp errors are many and varied
            log.exception("delivery %s failed", d.id)
            cert_repo.mark_delivery(conn, d.id, False, str(exc))
            failed += 1
    return sent, failed
