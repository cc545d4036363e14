from flask import flash, jsonify, redirect, render_template, request, session, url_for

from carshare import auth, services
from carshare.blueprints.members import bp
from carshare.blueprints.members.forms import LicenceForm, LoginForm, ProfileForm, RegistrationForm
from carshare.db import fetch_all
from carshare import queries as Q
from carshare.errors import ValidationError
from carshare.lib.decorators import json_view, login_required


def _zone_choices():
    return [(0, "-")] + [(z["id"], "%s (%s)" % (z["name"], z["city"])) for z in services.list_zones()]


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        member = auth.authenticate(form.email.data, form.password.data)
        if member:
            auth.login_member(member)
            return redirect(request.args.get("next") or url_for("reservations.search"))
        flash("Wrong email or password", "error")
    return render_template("members/login.html", form=form)


@bp.route("/logout")
def logout():
    auth.logout_member()
    return redirect(url_for("members.login"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegistrationForm()
    form.home_zone_id.choices = _zone_choices()
    if form.validate_on_submit():
        try:
            member_id = services.register_member(
                form.email.data, form.password.data, form.first_name.data, form.last_name.data,
                phone=form.phone.data, dob=form.date_of_birth.data,
                home_zone_id=form.home_zone_id.data or None, ip_address=request.remote_addr,
                marketing=form.marketing.data,
            )
        except ValidationError as e:
            flash(e.message, "error")
        else:
            auth.login_member(services.get_member(member_id))
            return redirect(url_for("members.licence"))
    return render_template("members/register.html", form=form)


@bp.route("/me", methods=["GET", "POST"])
@login_required
def profile():
    member = auth.current_member()
    form = ProfileForm(data=member)
    form.home_zone_id.choices = _zone_choices()
    if form.validate_on_submit():
        services.update_member_profile(member["id"], form.first_name.data, form.last_name.data,
                                       form.phone.data, form.home_zone_id.data or None)
        flash("Saved")
        return redirect(url_for("members.profile"))
    can_drive, reason = services.member_can_drive(member["id"])
    return render_template("members/profile.html", form=form, member=member,
                           licence=services.get_latest_licence(member["id"]),
                           can_drive=can_drive, reason=reason,
                           consents=services.member_consents(member["id"]),
                           tickets=fetch_all(Q.TICKETS_FOR_MEMBER, (member["id"],)))


@bp.route("/me/licence", methods=["GET", "POST"])
@login_required
def licence():
    form = LicenceForm()
    if form.validate_on_submit():
        try:
            services.submit_licence(auth.current_member_id(), form.licence_number.data, form.country.data,
                                    form.category.data, form.issued_on.data, form.expires_on.data)
        except ValidationError as e:
            flash(e.message, "error")
        else:
            flash("Thanks - we are checking your licence")
            return redirect(url_for("members.profile"))
    return render_template("members/licence.html", form=form)


@bp.route("/me/documents", methods=["POST"])
@login_required
def upload_document():
    doc_type = request.form.get("doc_type")
    f = request.files.get("file")
    if not f or doc_type not in ("licence_front", "licence_back", "selfie", "proof_of_address"):
        flash("Please choose a file", "error")
        return redirect(url_for("members.profile"))
    key = store_upload(f, "members/%s" % auth.current_member_id())
    services.upload_member_document(auth.current_member_id(), doc_type, key)
    flash("Uploaded")
    return redirect(url_for("members.profile"))


def store_upload(file_storage, prefix):
    """Put an upload in the bucket, return its key. (used by damage too)"""
    import uuid
    import boto3
    from flask import current_app
    key = "%s/%s-%s" % (prefix, uuid.uuid4().hex, file_storage.filename)
    boto3.client("s3").upload_fileobj(file_storage, current_app.config["UPLOAD_BUCKET"], key)
    return key


@bp.route("/me/consents", methods=["POST"])
@login_required
def consents():
    for ctype in ("marketing", "telematics"):
        if ctype in request.form:
            services.record_consent(auth.current_member_id(), ctype, request.form.get(ctype) == "1",
                                    request.remote_addr)
    return redirect(url_for("members.profile"))


@bp.route("/me/delete", methods=["POST"])
@login_required
def delete_account():
    try:
        services.anonymise_member(auth.current_member_id())
    except ValidationError as e:
        flash(e.message, "error")
        return redirect(url_for("members.profile"))
    auth.logout_member()
    return redirect("/")


# --- mobile API -----------------------------------------------------------

@bp.route("/api/token", methods=["POST"])
@json_view
def api_token():
    data = request.get_json(force=True)
    member = auth.authenticate(data.get("email"), data.get("password"))
    if not member:
        return {"error": "invalid credentials"}, 401
    return {"token": auth.issue_api_token(member["id"]), "member_id": member["id"]}


@bp.route("/api/me")
@login_required
@json_view
def api_me():
    m = auth.current_member()
    ok, reason = services.member_can_drive(m["id"])
    return {"id": m["id"], "email": m["email"], "status": m["status"], "can_drive": ok, "reason": reason}
