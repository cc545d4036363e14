"""Admin screens: staff, training, competencies, signatories.  Also portal users
(should really be on the client page)."""
import hashlib
import hmac

from pyramid.httpexceptions import HTTPFound
from pyramid.security import remember, forget
from pyramid.view import view_config, forbidden_view_config

from lab.lib.dates import parse_date
from lab.lib.decorators import json_errors
from lab.repositories import clients as client_repo
from lab.repositories import staff as staff_repo
from lab.repositories import orders as order_repo
from lab.schemas import load_or_raise
from lab.schemas.results import TrainingRecordSchema, CompetencySchema
from lab.services import service_for
from lab.services.staff_service import StaffService, CompetencyMatrix
from lab.views.base import json_body


def _check_password(row, password):
    if not row or not row.password_hash:
        return False
    salt, _, digest = row.password_hash.partition("$")
    calc = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt.encode("utf-8"), 100000).hex()
    return hmac.compare_digest(calc, digest)


@view_config(route_name="login", renderer="lab:templates/login.jinja2")
@forbidden_view_config(renderer="lab:templates/login.jinja2")
def login_view(request):
    error = None
    if request.method == "POST":
        row = staff_repo.get_staff_by_login(request.db, request.POST.get("login", ""))
        if row is not None and row.active and _check_password(row, request.POST.get("password", "")):
            headers = remember(request, row.login)
            return HTTPFound(request.params.get("came_from") or request.route_url("home"), headers=headers)
        error = "Invalid login"
    return {"error": error}


@view_config(route_name="logout")
def logout_view(request):
    return HTTPFound(request.route_url("login"), headers=forget(request))


@view_config(route_name="staff", renderer="lab:templates/admin/staff.jinja2", permission="admin")
def staff_list(request):
    return {"staff": staff_repo.list_active_staff(request.db, request.params.get("department"))}


@view_config(route_name="staff_detail", renderer="lab:templates/admin/staff_detail.jinja2", permission="admin")
def staff_detail(request):
    sid = int(request.matchdict["staff_id"])
    return {
        "person": staff_repo.get_staff(request.db, sid),
        "competencies": staff_repo.competencies_for(request.db, sid),
        "training": staff_repo.training_records_for(request.db, sid),
        "authorisations": staff_repo.authorisations_for(request.db, sid, current_only=False),
        "analyses": order_repo.list_analyses(request.db),
    }


@view_config(route_name="staff_save", request_method="POST", renderer="json", permission="admin")
@json_errors
def staff_save(request):
    body = json_body(request)
    data = {k: body.get(k) for k in ("login", "full_name", "initials", "email", "department", "job_title")
            if k in body}
    if "started_on" in body:
        data["started_on"] = parse_date(body["started_on"])
    if body.get("leaver"):
        service_for(request, StaffService).leaver(int(request.matchdict["staff_id"]))
        return {"ok": True}
    sid = staff_repo.save_staff(request.db, data, staff_id=request.matchdict.get("staff_id"))
    return {"id": sid}


@view_config(route_name="staff_competency", request_method="POST", renderer="json", permission="training")
@json_errors
def competency_submit(request):
    data = load_or_raise(CompetencySchema(), json_body(request))
    cid = service_for(request, StaffService).sign_off(int(request.matchdict["staff_id"]), data["analysis_id"],
                                                      data["level"])
    return {"id": cid}


@view_config(route_name="staff_training", request_method="POST", renderer="json", permission="training")
@json_errors
def training_submit(request):
    data = load_or_raise(TrainingRecordSchema(), json_body(request))
    rid = service_for(request, StaffService).record_training(int(request.matchdict["staff_id"]), **data)
    return {"id": rid}


@view_config(route_name="staff_signatory", request_method="POST", renderer="json", permission="admin")
@json_errors
def signatory_grant(request):
    aid = service_for(request, StaffService).grant_signatory(int(request.matchdict["staff_id"]),
                                                             json_body(request)["department"])
    return {"id": aid}


@view_config(route_name="staff_signatory_revoke", request_method="POST", renderer="json", permission="admin")
def signatory_revoke(request):
    staff_repo.revoke_authorisation(request.db, int(request.matchdict["authorisation_id"]))
    return {"ok": True}


@view_config(route_name="competency_matrix", renderer="lab:templates/admin/matrix.jinja2", permission="view")
def competency_matrix_view(request):
    people, tests, grid = CompetencyMatrix(request.db, request.params.get("department")).build()
    return {"people": people, "tests": tests, "grid": grid}


@view_config(route_name="portal_users", renderer="lab:templates/admin/portal_users.jinja2", permission="admin")
def portal_users_admin(request):
    client_id = int(request.params["client_id"])
    rows = request.db.execute(client_repo.portal_users.select()
                              .where(client_repo.portal_users.c.client_id == client_id)).fetchall()
    return {"users": rows, "client_id": client_id,
            "contacts": client_repo.get_client_contacts(request.db, client_id)}


@view_config(route_name="portal_user_create", request_method="POST", renderer="json", permission="admin")
@json_errors
def portal_user_create(request):
    body = json_body(request)
    uid = client_repo.create_portal_user(request.db, int(body["client_id"]), body["login"], body["password"],
                                         contact_id=body.get("contact_id"))
    return {"id": uid}
