"""Control room screens. Staff only."""
import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for

from festival.decorators import json_view, require_api_key
from festival.extensions import db
from festival.forms import IncidentForm
from festival.helpers import flash_form_errors
from festival.models import Incident, LostPropertyItem
from festival.security import incidents as incident_service
from festival.security.models import Ejection, GuardDeployment, SecurityPost
from festival.utils.db_helpers import get_or_404, paginate_query

security_bp = Blueprint("security", __name__, template_folder="templates")


@security_bp.route("/incidents")
@require_api_key
def incident_log():
    q = Incident.query.order_by(Incident.occurred_at.desc())
    if request.args.get("open"):
        q = q.filter_by(resolved=False)
    if request.args.get("category"):
        q = q.filter_by(category=request.args["category"])
    page = paginate_query(q, request.args.get("page", 1))
    return render_template("security/incidents.html", page=page)


@security_bp.route("/incidents/new", methods=["GET", "POST"])
@require_api_key
def new_incident():
    form = IncidentForm()
    if form.validate_on_submit():
        incident = incident_service.log_incident(
            form.location.data, form.category.data, form.severity.data, form.description.data,
            reported_by=form.reported_by.data, stage_id=form.stage_id.data or None,
            rfid_uid=form.rfid_uid.data or None)
        flash("Incident %s logged" % incident.reference, "success")
        return redirect(url_for("security.incident_detail", incident_id=incident.id))
    flash_form_errors(form)
    return render_template("security/incident_form.html", form=form)


@security_bp.route("/incidents/<int:incident_id>")
@require_api_key
def incident_detail(incident_id):
    incident = get_or_404(Incident, incident_id)
    return render_template("security/incident_detail.html", incident=incident,
                           score=incident_service.severity_score(incident))


@security_bp.route("/incidents/<int:incident_id>/escalate", methods=["POST"])
@require_api_key
def escalate_incident(incident_id):
    incident = get_or_404(Incident, incident_id)
    incident_service.escalate(incident, request.form["severity"], request.form.get("note"))
    return redirect(url_for("security.incident_detail", incident_id=incident.id))


@security_bp.route("/incidents/<int:incident_id>/resolve", methods=["POST"])
@require_api_key
def resolve_incident(incident_id):
    incident = get_or_404(Incident, incident_id)
    incident_service.resolve(incident, request.form.get("police_ref"))
    flash("Resolved", "success")
    return redirect(url_for("security.incident_log", open=1))


@security_bp.route("/incidents/<int:incident_id>/eject", methods=["POST"])
@require_api_key
def eject(incident_id):
    incident = get_or_404(Incident, incident_id)
    incident_service.eject_attendee(incident, request.form["reason"],
                                    request.form.get("authorised_by", "control"),
                                    int(request.form.get("banned_years", 0)),
                                    bool(request.form.get("police")))
    flash("Ejection recorded, wristband deactivated", "warning")
    return redirect(url_for("security.incident_detail", incident_id=incident.id))


@security_bp.route("/posts")
@require_api_key
def posts_board():
    posts = SecurityPost.query.order_by(SecurityPost.zone, SecurityPost.name).all()
    understaffed = {p.id: n for p, n in incident_service.understaffed_posts()}
    return render_template("security/posts.html", posts=posts, understaffed=understaffed)


@security_bp.route("/posts/<int:post_id>/deploy", methods=["POST"])
@require_api_key
def deploy_guard(post_id):
    post = get_or_404(SecurityPost, post_id)
    dep = GuardDeployment(post_id=post.id, guard_name=request.form["guard_name"],
                          sia_licence=request.form.get("sia_licence"),
                          contractor=request.form.get("contractor"),
                          is_supervisor=bool(request.form.get("is_supervisor")),
                          starts_at=datetime.datetime.strptime(request.form["starts_at"], "%Y-%m-%dT%H:%M"),
                          ends_at=datetime.datetime.strptime(request.form["ends_at"], "%Y-%m-%dT%H:%M"))
    db.session.add(dep)
    db.session.commit()
    return redirect(url_for("security.posts_board"))


@security_bp.route("/ejections")
@require_api_key
def ejection_list():
    ejections = Ejection.query.order_by(Ejection.ejected_at.desc()).all()
    return render_template("security/ejections.html", ejections=ejections)


@security_bp.route("/lost-property", methods=["GET", "POST"])
@require_api_key
def lost_property():
    if request.method == "POST":
        item = LostPropertyItem(description=request.form["description"],
                                category=request.form.get("category", "other"),
                                found_location=request.form.get("found_location"),
                                reported_lost=bool(request.form.get("reported_lost")),
                                contact_email=request.form.get("contact_email"))
        db.session.add(item)
        db.session.commit()
        if item.reported_lost:
            incident_service.match_lost_property(item)
        return redirect(url_for("security.lost_property"))
    items = LostPropertyItem.query.filter(LostPropertyItem.status != "disposed") \
        .order_by(LostPropertyItem.found_at.desc()).all()
    return render_template("security/lost_property.html", items=items)


@security_bp.route("/api/open-incidents")
@require_api_key
@json_view
def open_incidents_json():
    rows = Incident.query.filter_by(resolved=False).all()
    return [{"ref": i.reference, "severity": i.severity, "location": i.location,
             "score": incident_service.severity_score(i)} for i in rows]
