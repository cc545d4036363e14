from flask import Blueprint, jsonify, request

from errors import NotFound
from models.base import get_session
from repositories.permit_repo import PermitApplicationRepository, PermitRepository
from schemas.common import dump_page
from schemas.permits import ApplicationCreateSchema, ApplicationSchema, PermitSchema
from schemas.serializers import fee_to_dict, payment_to_dict
from services import documents, permit_service
from utils.auth import current_user, login_required, roles_required
from utils.pagination import paginate

bp = Blueprint("permits", __name__)


def _application(session, app_id):
    return PermitApplicationRepository(session).get_or_404(app_id)


@bp.route("/applications")
@login_required
def list_applications():
    session = get_session()
    page = paginate(permit_service.search_applications(session, request.args))
    return jsonify(dump_page(page, ApplicationSchema()))


@bp.route("/applications", methods=["POST"])
@login_required
def create_application():
    session = get_session()
    data = ApplicationCreateSchema().load(request.get_json())
    application = permit_service.create_application(session, data, current_user())
    session.commit()
    return jsonify(ApplicationSchema().dump(application)), 201


@bp.route("/applications/<int:app_id>")
@login_required
def get_application(app_id):
    return jsonify(ApplicationSchema().dump(_application(get_session(), app_id)))


@bp.route("/applications/<int:app_id>/submit", methods=["POST"])
@login_required
def submit(app_id):
    session = get_session()
    files = [(f.filename, f.read(), f.mimetype, request.form.get("sheet_" + key))
             for key, f in request.files.items()]
    application = permit_service.submit_application(session, _application(session, app_id), files, current_user())
    session.commit()
    return jsonify(ApplicationSchema().dump(application))


@bp.route("/applications/<int:app_id>/withdraw", methods=["POST"])
@login_required
def withdraw(app_id):
    session = get_session()
    permit_service.withdraw_application(session, _application(session, app_id),
                                        request.json.get("reason", ""), current_user())
    session.commit()
    return jsonify({"ok": True})


@bp.route("/applications/<int:app_id>/issue", methods=["POST"])
@roles_required("clerk", "supervisor")
def issue(app_id):
    session = get_session()
    permit = permit_service.issue_permit(session, _application(session, app_id), current_user())
    session.commit()
    return jsonify(PermitSchema().dump(permit)), 201


@bp.route("/applications/<int:app_id>/fees")
@login_required
def application_fees(app_id):
    session = get_session()
    application = _application(session, app_id)
    return jsonify({"fees": [fee_to_dict(f) for f in application.fees],
                    "payments": [payment_to_dict(p) for p in application.payments],
                    "balance_cents": application.balance_due_cents()})


@bp.route("/documents/<int:doc_id>/download")
@login_required
def download_document(doc_id):
    url = documents.download_url(get_session(), doc_id, request.args.get("version", type=int))
    return jsonify({"url": url})


@bp.route("/permits/<number>")
@login_required
def get_permit(number):
    session = get_session()
    permit = PermitRepository(session).by_number(number)
    if permit is None:
        raise NotFound("permit %s not found" % number)
    return jsonify(permit_service.permit_summary(session, permit))


@bp.route("/permits/<int:permit_id>/extend", methods=["POST"])
@roles_required("clerk", "supervisor")
def extend_permit(permit_id):
    session = get_session()
    permit = PermitRepository(session).get_or_404(permit_id)
    permit_service.extend_permit(session, permit, current_user())
    session.commit()
    return jsonify(PermitSchema().dump(permit))


@bp.route("/permits/<int:permit_id>/revoke", methods=["POST"])
@roles_required("supervisor")
def revoke_permit(permit_id):
    session = get_session()
    permit_service.revoke_permit(session, PermitRepository(session).get_or_404(permit_id),
                                 request.json["reason"], current_user())
    session.commit()
    return jsonify({"ok": True})
