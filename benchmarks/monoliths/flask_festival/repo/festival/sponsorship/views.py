from flask import Blueprint, flash, redirect, render_template, request, url_for

from festival.decorators import admin_only, json_view
from festival.extensions import db
from festival.helpers import current_festival_year, sponsor_tier_rank
from festival.models import Sponsor, Stage
from festival.sponsorship import services
from festival.sponsorship.models import Activation, SponsorDeliverable, SponsorshipDeal
from festival.utils.db_helpers import get_or_404

sponsorship_bp = Blueprint("sponsorship", __name__)


@sponsorship_bp.route("/")
@admin_only
def deal_board():
    year = int(request.args.get("year", current_festival_year()))
    deals = SponsorshipDeal.query.filter_by(year=year).all()
    deals.sort(key=lambda d: (sponsor_tier_rank(d.sponsor.tier), d.sponsor.name))
    return render_template("sponsorship/board.html", deals=deals, year=year,
                           pipeline=services.pipeline_value(year))


@sponsorship_bp.route("/sponsors", methods=["GET", "POST"])
@admin_only
def sponsors():
    if request.method == "POST":
        s = Sponsor(name=request.form["name"], tier=request.form.get("tier", "partner"),
                    category=request.form.get("category"),
                    contact_email=request.form.get("contact_email"))
        db.session.add(s)
        db.session.commit()
        return redirect(url_for("sponsorship.sponsors"))
    return render_template("sponsorship/sponsors.html",
                           sponsors=Sponsor.query.order_by(Sponsor.name).all())


@sponsorship_bp.route("/deals/new", methods=["POST"])
@admin_only
def create_deal():
    deal = SponsorshipDeal(sponsor_id=int(request.form["sponsor_id"]),
                           year=int(request.form.get("year", current_festival_year())),
                           title=request.form.get("title"),
                           cash_value_pence=int(request.form.get("cash_value_pence", 0)),
                           in_kind_value_pence=int(request.form.get("in_kind_value_pence", 0)),
                           exclusivity_category=request.form.get("exclusivity_category") or None,
                           naming_rights_stage_id=request.form.get("stage_id") or None,
                           hospitality_passes=int(request.form.get("hospitality_passes", 0)))
    db.session.add(deal)
    db.session.commit()
    return redirect(url_for("sponsorship.deal_detail", deal_id=deal.id))


@sponsorship_bp.route("/deals/<int:deal_id>")
@admin_only
def deal_detail(deal_id):
    deal = get_or_404(SponsorshipDeal, deal_id)
    return render_template("sponsorship/deal.html", deal=deal,
                           conflicts=services.exclusivity_conflicts(deal),
                           stages=Stage.query.filter_by(is_active=True).all())


@sponsorship_bp.route("/deals/<int:deal_id>/sign", methods=["POST"])
@admin_only
def sign(deal_id):
    deal = get_or_404(SponsorshipDeal, deal_id)
    try:
        services.sign_deal(deal, request.form.get("signed_by", "partnerships"))
        services.issue_hospitality_passes(deal)
        services.raise_invoice(deal)
    except services.DealError as exc:
        flash(str(exc), "error")
    return redirect(url_for("sponsorship.deal_detail", deal_id=deal.id))


@sponsorship_bp.route("/deals/<int:deal_id>/deliverables", methods=["POST"])
@admin_only
def add_deliverable(deal_id):
    deal = get_or_404(SponsorshipDeal, deal_id)
    db.session.add(SponsorDeliverable(deal_id=deal.id, description=request.form["description"],
                                      owed_by=request.form.get("owed_by", "us"),
                                      due_date=request.form.get("due_date") or None))
    db.session.commit()
    return redirect(url_for("sponsorship.deal_detail", deal_id=deal.id))


@sponsorship_bp.route("/deliverables/<int:deliverable_id>/done", methods=["POST"])
@admin_only
def deliverable_done(deliverable_id):
    d = get_or_404(SponsorDeliverable, deliverable_id)
    d.done = True
    d.evidence_url = request.form.get("evidence_url")
    db.session.commit()
    return redirect(url_for("sponsorship.deal_detail", deal_id=d.deal_id))


@sponsorship_bp.route("/deals/<int:deal_id>/activations", methods=["POST"])
@admin_only
def add_activation(deal_id):
    deal = get_or_404(SponsorshipDeal, deal_id)
    db.session.add(Activation(deal_id=deal.id, kind=request.form["kind"],
                              stage_id=request.form.get("stage_id") or None,
                              stall_pitch_id=request.form.get("stall_pitch_id") or None,
                              footprint_m2=request.form.get("footprint_m2") or None))
    db.session.commit()
    return redirect(url_for("sponsorship.deal_detail", deal_id=deal.id))


@sponsorship_bp.route("/api/footprint")
@admin_only
@json_view
def footprint_json():
    year = int(request.args.get("year", current_festival_year()))
    return {k: float(v or 0) for k, v in services.activation_footprint(year).items()}
