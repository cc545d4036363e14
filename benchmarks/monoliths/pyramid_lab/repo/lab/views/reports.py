"""Certificates and management reports."""
import os

from pyramid.httpexceptions import HTTPNotFound, HTTPFound
from pyramid.response import FileResponse
from pyramid.view import view_config
from sqlalchemy import text

from lab.lib.dates import parse_date, previous_month_range, working_days_between, today
from lab.lib.decorators import json_errors, timed
from lab.lib.formatting import format_percent
from lab.repositories import certificates as cert_repo
from lab.repositories import staff as staff_repo
from lab.services import service_for
from lab.services.certificate_service import CertificateService, CertificateBuilder
from lab.views.base import json_body, csv_response


@view_config(route_name="certificates", renderer="lab:templates/reports/certificates.jinja2", permission="view")
def certificate_list(request):
    repo = cert_repo.CertificateRepository(request.db)
    client_id = request.params.get("client_id")
    if client_id:
        rows = repo.for_client(int(client_id))
    else:
        rows = request.db.execute(text(
            "SELECT c.*, cl.name AS client_name FROM certificates c JOIN clients cl ON cl.id = c.client_id "
            "ORDER BY c.issued_at DESC LIMIT 200")).fetchall()
    return {"certificates": rows}


@view_config(route_name="certificate_detail", renderer="lab:templates/reports/certificate.jinja2",
             permission="view")
def certificate_detail(request):
    repo = cert_repo.CertificateRepository(request.db)
    cert = repo.get_or_404(int(request.matchdict["certificate_id"]))
    names = staff_repo.staff_names(request.db, {cert.issued_by, cert.signatory_id})
    return {
        "certificate": cert,
        "items": repo.items(cert.id),
        "deliveries": cert_repo.deliveries_for_certificate(request.db, cert.id),
        "amendments": cert_repo.amendments_for(request.db, cert.id),
        "names": names,
    }


@view_config(route_name="certificate_preview", renderer="lab:templates/certificates/default.html",
             permission="view")
def certificate_preview(request):
    builder = CertificateBuilder(request.db, int(request.matchdict["order_id"])).collect()
    return builder.context("PREVIEW", signatory="(not signed)")


@view_config(route_name="certificate_issue", request_method="POST", renderer="json", permission="sign")
@json_errors
def certificate_issue(request):
    body = json_body(request)
    cert_id, number = service_for(request, CertificateService).issue(
        int(request.matchdict["order_id"]), signatory_id=body.get("signatory_id"),
        template_id=body.get("template_id"))
    return {"id": cert_id, "certificate_number": number}


@view_config(route_name="certificate_pdf", permission="view")
def certificate_pdf(request):
    cert = cert_repo.CertificateRepository(request.db).get_or_404(int(request.matchdict["certificate_id"]))
    if not cert.pdf_path or not os.path.exists(cert.pdf_path):
        return HTTPNotFound("PDF not generated")
    return FileResponse(cert.pdf_path, request=request, content_type="application/pdf")


@view_config(route_name="certificate_amend", request_method="POST", renderer="json", permission="sign")
@json_errors
def certificate_amend(request):
    body = json_body(request)
    new_id = service_for(request, CertificateService).amend(
        int(request.matchdict["certificate_id"]), body.get("reason"), body.get("signatory_id"))
    return {"id": new_id}


@view_config(route_name="deliveries", renderer="lab:templates/reports/deliveries.jinja2", permission="view")
def delivery_queue(request):
    return {"pending": cert_repo.deliveries_pending(request.db, max_attempts=99)}


@view_config(route_name="report_templates", renderer="lab:templates/reports/templates.jinja2", permission="admin")
def templates_admin(request):
    if request.method == "POST":
        data = {k: request.POST.get(k) for k in ("name", "filename", "logo_path")}
        data["client_id"] = request.POST.get("client_id") or None
        data["show_uncertainty"] = request.POST.get("show_uncertainty") == "on"
        data["show_method"] = request.POST.get("show_method") == "on"
        cert_repo.save_template(request.db, data, template_id=request.POST.get("id") or None)
        return HTTPFound(request.route_url("report_templates"))
    return {"templates": cert_repo.list_templates(request.db)}


DASHBOARD_SQL = """
SELECT
  (SELECT COUNT(*) FROM samples WHERE received_at >= :start AND received_at < :end) AS samples_received,
  (SELECT COUNT(*) FROM results WHERE approved_at >= :start AND approved_at < :end) AS results_approved,
  (SELECT COUNT(*) FROM certificates WHERE issued_at >= :start AND issued_at < :end
       AND status IN ('issued', 'superseded')) AS certificates_issued,
  (SELECT COUNT(*) FROM analytical_batches WHERE created_at >= :start AND created_at < :end
       AND qc_status = 'failed') AS batches_failed_qc,
  (SELECT COALESCE(SUM(net_total), 0) FROM invoices WHERE issued_on >= :start AND issued_on < :end
       AND status <> 'void') AS invoiced_net,
  (SELECT COUNT(*) FROM test_orders WHERE status IN ('open', 'in_progress') AND due_date < :today) AS overdue
"""


@view_config(route_name="home", renderer="lab:templates/reports/dashboard.jinja2", permission="view")
@view_config(route_name="dashboard", renderer="lab:templates/reports/dashboard.jinja2", permission="view")
@timed("dashboard")
def dashboard(request):
    start = parse_date(request.params.get("from")) or previous_month_range()[0]
    end = parse_date(request.params.get("to")) or today()
    row = request.db.execute(text(DASHBOARD_SQL), start=start, end=end, today=today()).first()
    return {"kpi": dict(row), "start": start, "end": end}


@view_config(route_name="tat_report", renderer="lab:templates/reports/tat.jinja2", permission="view")
def tat_report(request):
    """Turnaround: sample received -> first certificate issued, per client."""
    start = parse_date(request.params.get("from")) or previous_month_range()[0]
    end = parse_date(request.params.get("to")) or today()
    sql = text(
        """
        SELECT cl.code, cl.name, o.order_number, o.tat_class, o.received_at, o.due_date,
               MIN(c.issued_at) AS first_issued
        FROM test_orders o
        JOIN clients cl ON cl.id = o.client_id
        LEFT JOIN certificates c ON c.order_id = o.id AND c.version = 1
        WHERE o.received_at >= :start AND o.received_at < :end
        GROUP BY cl.code, cl.name, o.order_number, o.tat_class, o.received_at, o.due_date
        ORDER BY cl.code, o.received_at
        """
    )
    rows = request.db.execute(sql, start=start, end=end).fetchall()
    out, late = [], 0
    for r in rows:
        days = working_days_between(r.received_at, r.first_issued) if r.first_issued else None
        is_late = r.first_issued is not None and r.first_issued.date() > r.due_date
        late += 1 if is_late else 0
        out.append(dict(r, working_days=days, late=is_late))
    if request.params.get("format") == "csv":
        return csv_response(["Client", "Order", "TAT class", "Received", "Due", "Issued", "Days", "Late"],
                            [(o["code"], o["order_number"], o["tat_class"], o["received_at"], o["due_date"],
                              o["first_issued"], o["working_days"], o["late"]) for o in out], "tat.csv")
    on_time = format_percent(100.0 * (len(out) - late) / len(out)) if out else "-"
    return {"rows": out, "on_time": on_time, "start": start, "end": end}
