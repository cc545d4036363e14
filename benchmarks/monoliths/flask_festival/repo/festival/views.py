# -*- coding: utf-8 -*-
"""
Views. All of them (except sponsorship/ and security/ which were done properly).

Blueprints defined here:
    public_bp   - public website (line-up, tickets, crew/trader applications, camping)
    admin_bp    - the back office (everything)
    gate_bp     - gate scanners + crew check-in kiosks (JSON)

Please don't add more to this file. (Everyone has added more to this file.)
"""
import datetime
import json
import logging

from flask import (Blueprint, abort, current_app, flash, jsonify, redirect, render_template,
                   request, Response, url_for)
from sqlalchemy import func, or_, text

from festival import camping_alloc, contracts, pricing, rota, scheduling, vendor_fees, wristbands
from festival.decorators import admin_only, json_view, log_timing, require_api_key
from festival.emails import (send_camping_confirmation, send_deposit_refunded,
                             send_offer_to_agent, send_order_confirmation,
                             send_refund_confirmation, send_ticket_transfer_notice,
                             send_vendor_decision, send_volunteer_welcome)
from festival.extensions import cache, db
from festival.forms import (ArtistForm, BookingOfferForm, CampingBookingForm, CheckoutForm,
                            PerformanceSlotForm, ShiftSlotForm, TicketTypeForm,
                            VendorApplicationForm, VolunteerSignupForm)
from festival.helpers import (current_festival_year, day_choices, flash_form_errors,
                              format_pence, order_reference_hash, stage_choices)
from festival.models import (Agent, Artist, ArtistBooking, ArtistPayment, Campsite,
                             CampingBooking, FestivalDay, GateScan, GlampingUnit,
                             GuestListEntry, HygieneCertificate, Incident, LineupAnnouncement,
                             PerformanceContract, PerformanceSlot, PromoCode, RiderItem,
                             ShiftSignup, ShiftSlot, Soundcheck, Stage, StallPitch, Ticket,
                             TicketOrder, TicketType, Vendor, VendorApplication, VendorTakings,
                             Volunteer, VolunteerDeposit, VolunteerTeam, Wristband)
from festival.payments import GatewayError, get_gateway, verify_webhook_signature
from festival.utils.dates import combine, utcnow
from festival.utils.db_helpers import commit_or_rollback, get_or_404, paginate_query, raw_rows
from festival.utils.money import to_pence
from festival.utils.text import normalise_email, random_reference, slugify

log = logging.getLogger(__name__)

public_bp = Blueprint("public", __name__)
admin_bp = Blueprint("admin", __name__)
gate_bp = Blueprint("gate", __name__)


def _current_year():
    # TODO use helpers.current_festival_year everywhere
    return int(request.args.get("year") or current_app.config["FESTIVAL_YEAR"])


# ===========================================================================
# PUBLIC SITE
# ===========================================================================

@public_bp.route("/")
@cache.cached(timeout=60)
def index():
    year = current_festival_year()
    headliners = db.session.query(Artist).join(ArtistBooking).join(
        PerformanceSlot, PerformanceSlot.booking_id == ArtistBooking.id).filter(
        Artist.is_headliner == True, ArtistBooking.festival_year == year,
        PerformanceSlot.status == "published").all()
    announcements = LineupAnnouncement.query.filter_by(published=True) \
        .order_by(LineupAnnouncement.publish_at.desc()).limit(3).all()
    on_sale = [t for t in TicketType.query.filter_by(is_hidden=False).all() if t.on_sale()]
    return render_template("public/index.html", headliners=headliners,
                           announcements=announcements, on_sale=on_sale)


@public_bp.route("/line-up")
@public_bp.route("/line-up/<day_label>")
def lineup_page(day_label=None):
    year = current_festival_year()
    days = FestivalDay.query.filter_by(year=year).order_by(FestivalDay.date).all()
    if not days:
        return render_template("public/lineup_tba.html")
    day = days[0]
    if day_label:
        day = next((d for d in days if d.label.lower() == day_label.lower()), None) or abort(404)
    stages = Stage.query.filter_by(is_active=True).order_by(Stage.display_order).all()
    order = scheduling.running_order(day.id)
    return render_template("public/lineup.html", days=days, day=day, stages=stages, order=order)


@public_bp.route("/artists/<slug>")
def public_artist_profile(slug):
    artist = Artist.query.filter_by(slug=slug).first_or_404()
    booking = artist.current_booking(current_festival_year())
    slots = []
    if booking is not None:
        slots = booking.slots.filter_by(status="published").all()
    return render_template("public/artist.html", artist=artist, slots=slots)


@public_bp.route("/tickets")
def tickets_page():
    types = TicketType.query.filter_by(is_hidden=False).order_by(TicketType.tier, TicketType.price_pence).all()
    return render_template("public/tickets.html", ticket_types=types,
                           fee=pricing.booking_fee_for, fmt=format_pence)


@public_bp.route("/tickets/quote")
@json_view
def ticket_quote():
    tt = get_or_404(TicketType, int(request.args["ticket_type_id"]))
    try:
        return pricing.quote(tt, int(request.args.get("quantity", 1)), request.args.get("promo"))
    except pricing.PricingError as exc:
        return {"error": str(exc)}, 400


@public_bp.route("/checkout", methods=["GET", "POST"])
@log_timing(1500)
def checkout():
    form = CheckoutForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return render_template("public/checkout.html", form=form)
    tt = get_or_404(TicketType, form.ticket_type_id.data)
    try:
        q = pricing.quote(tt, form.quantity.data, form.promo_code.data)
    except pricing.PricingError as exc:
        flash(str(exc), "error")
        return render_template("public/checkout.html", form=form)
    # FIXME: banned list check - see security.incidents.banned_buyer_emails (never wired up)
    order = TicketOrder(reference=random_reference("HM"), buyer_name=form.buyer_name.data,
                        buyer_email=normalise_email(form.buyer_email.data),
                        buyer_postcode=form.buyer_postcode.data.upper(),
                        total_pence=q["total_pence"], fees_pence=q["fees_pence"],
                        promo_code_id=q["promo_code_id"], instalment_plan=form.instalments.data)
    db.session.add(order)
    db.session.flush()
    for _ in range(form.quantity.data):
        db.session.add(Ticket(order_id=order.id, ticket_type_id=tt.id,
                              holder_name=form.buyer_name.data))
    # reserve stock now, released by jobs.expire_unpaid_orders if not paid
    tt.sold = (tt.sold or 0) + form.quantity.data
    db.session.commit()
    amount = q["total_pence"]
    if order.instalment_plan:
        amount = pricing.instalment_schedule(q["total_pence"], datetime.date.today())[0]["amount_pence"]
    try:
        checkout_session = get_gateway().create_checkout(
            amount, order.reference, "%d x %s" % (form.quantity.data, tt.name),
            url_for("public.checkout_return", reference=order.reference, _external=True),
            metadata={"kind": "tickets"})
    except GatewayError as exc:
        flash("Payment provider error: %s" % exc, "error")
        return render_template("public/checkout.html", form=form)
    order.payment_ref = checkout_session["id"]
    db.session.commit()
    return redirect(checkout_session["url"])


@public_bp.route("/checkout/return/<reference>")
def checkout_return(reference):
    order = TicketOrder.by_reference(reference) or abort(404)
    return render_template("public/checkout_return.html", order=order,
                           link_hash=order_reference_hash(order.reference, order.buyer_email))


def _mark_order_paid(order):
    if order.status == "paid":
        return
    order.status = "paid"
    order.paid_at = utcnow()
    if order.promo_code is not None:
        order.promo_code.used = (order.promo_code.used or 0) + 1
    db.session.commit()
    for tt_id, in db.session.query(Ticket.ticket_type_id).filter_by(order_id=order.id).distinct():
        tt = TicketType.query.get(tt_id)
        pricing.TierRoller(tt.code.split("-")[0]).roll()
    send_order_confirmation(order)


@public_bp.route("/webhooks/payments", methods=["POST"])
def payment_webhook():
    """One webhook for everything that takes money. Dispatches on reference
    prefix: HM=tickets, C=camping, VD=volunteer deposit."""
    if not verify_webhook_signature(request.get_data(), request.headers.get("X-Signature")):
        abort(400)
    event = request.get_json(force=True)
    ref = event.get("reference", "")
    if event.get("type") != "checkout.completed":
        return "", 204
    if ref.startswith("HM"):
        order = TicketOrder.by_reference(ref)
        if order is not None:
            _mark_order_paid(order)
    elif ref.startswith("C"):
        booking = CampingBooking.query.filter_by(reference=ref).first()
        if booking is not None and booking.status == "pending":
            booking.status = "paid"
            booking.payment_ref = event.get("charge_id")
            db.session.commit()
            send_camping_confirmation(booking)
    elif ref.startswith("VD"):
        volunteer_id = int(ref[2:].split("-")[0])
        deposit = VolunteerDeposit.query.filter_by(volunteer_id=volunteer_id).first()
        if deposit is None:
            deposit = VolunteerDeposit(volunteer_id=volunteer_id,
                                       amount_pence=event.get("amount", 0),
                                       payment_ref=event.get("charge_id"))
            db.session.add(deposit)
            db.session.commit()
    else:
        log.warning("webhook for unknown reference %s", ref)
    return "", 204


@public_bp.route("/orders/<reference>/<h>")
def view_order(reference, h):
    order = TicketOrder.by_reference(reference) or abort(404)
    if h != order_reference_hash(order.reference, order.buyer_email):
        abort(404)
    return render_template("public/order.html", order=order, tickets=order.tickets.all())


@public_bp.route("/orders/<reference>/<h>/transfer/<int:ticket_id>", methods=["POST"])
def transfer_ticket(reference, h, ticket_id):
    order = TicketOrder.by_reference(reference) or abort(404)
    if h != order_reference_hash(order.reference, order.buyer_email):
        abort(404)
    old = Ticket.query.filter_by(id=ticket_id, order_id=order.id).first_or_404()
    if old.status != "valid" or old.wristband is not None:
        flash("This ticket can't be transferred (wristband already issued)", "error")
        return redirect(url_for("public.view_order", reference=reference, h=h))
    new_email = normalise_email(request.form["email"])
    new = Ticket(order_id=order.id, ticket_type_id=old.ticket_type_id,
                 holder_name=request.form["name"], transferred_from_id=old.id)
    old.status = "transferred"
    db.session.add(new)
    db.session.commit()
    send_ticket_transfer_notice(new, order.buyer_email, new_email)
    flash("Ticket transferred", "success")
    return redirect(url_for("public.view_order", reference=reference, h=h))


@public_bp.route("/crew/apply", methods=["GET", "POST"])
def volunteer_apply():
    form = VolunteerSignupForm()
    form.team_id.choices = [(t.id, t.name) for t in VolunteerTeam.query.order_by(VolunteerTeam.name)]
    if form.validate_on_submit():
        email = normalise_email(form.email.data)
        if Volunteer.query.filter_by(email=email, year=current_festival_year()).first():
            flash("You've already applied this year", "info")
            return redirect(url_for("public.volunteer_apply"))
        v = Volunteer(first_name=form.first_name.data, last_name=form.last_name.data,
                      email=email, phone=form.phone.data, dob=form.dob.data,
                      team_id=form.team_id.data, tshirt_size=form.tshirt_size.data,
                      emergency_contact=form.emergency_contact.data,
                      year=current_festival_year())
        db.session.add(v)
        db.session.commit()
        return redirect(url_for("public.volunteer_deposit", volunteer_id=v.id))
    flash_form_errors(form)
    return render_template("public/crew_apply.html", form=form)


@public_bp.route("/crew/<int:volunteer_id>/deposit")
def volunteer_deposit(volunteer_id):
    v = get_or_404(Volunteer, volunteer_id)
    amount = current_app.config["VOLUNTEER_DEPOSIT_PENCE"]
    session = get_gateway().create_checkout(
        amount, "VD%d-%s" % (v.id, random_reference(length=4)), "Crew deposit",
        url_for("public.index", _external=True), metadata={"kind": "volunteer_deposit"})
    return redirect(session["url"])


@public_bp.route("/traders/apply", methods=["GET", "POST"])
def trader_apply():
    form = VendorApplicationForm()
    if form.validate_on_submit():
        email = normalise_email(form.contact_email.data)
        vendor = Vendor.query.filter_by(contact_email=email).first()
        if vendor is not None and vendor.banned:
            # don't tell them
            flash("Thanks, we'll be in touch", "success")
            return redirect(url_for("public.index"))
        if vendor is None:
            vendor = Vendor(name=form.name.data, contact_name=form.contact_name.data,
                            contact_email=email, category=form.category.data,
                            vat_number=form.vat_number.data)
            db.session.add(vendor)
            db.session.flush()
        app_ = VendorApplication(vendor_id=vendor.id, year=current_festival_year(),
                                 menu=form.menu.data, pitch_preference=form.pitch_preference.data,
                                 needs_power_amps=form.needs_power_amps.data)
        db.session.add(app_)
        db.session.commit()
        flash("Thanks, we'll be in touch", "success")
        return redirect(url_for("public.index"))
    flash_form_errors(form)
    return render_template("public/trader_apply.html", form=form)


@public_bp.route("/camping/book", methods=["GET", "POST"])
def camping_book():
    form = CampingBookingForm()
    form.campsite_id.choices = [(c.id, c.name) for c in Campsite.query.filter(
        Campsite.kind != "general").order_by(Campsite.name)]
    if form.validate_on_submit():
        try:
            booking = camping_alloc.allocate(
                normalise_email(form.email.data), form.campsite_id.data, form.ticket_barcode.data,
                nights=form.nights.data, people=form.people.data,
                glamping_kind=form.glamping_kind.data or None,
                vehicle_reg=form.vehicle_reg.data or None)
        except (ValueError, camping_alloc.CampsiteFull) as exc:
            flash(str(exc), "error")
            return render_template("public/camping_book.html", form=form)
        if booking.total_pence == 0:
            booking.status = "paid"
            db.session.commit()
            send_camping_confirmation(booking)
            return redirect(url_for("public.camping_booking_view", reference=booking.reference))
        session = get_gateway().create_checkout(
            booking.total_pence, booking.reference, "Camping",
            url_for("public.camping_booking_view", reference=booking.reference, _external=True),
            metadata={"kind": "camping"})
        return redirect(session["url"])
    flash_form_errors(form)
    return render_template("public/camping_book.html", form=form,
                           glamping=camping_alloc.glamping_available())


@public_bp.route("/camping/<reference>")
def camping_booking_view(reference):
    booking = CampingBooking.query.filter_by(reference=reference).first_or_404()
    return render_template("public/camping_booking.html", booking=booking)


# ===========================================================================
# BACK OFFICE - box office
# ===========================================================================

@admin_bp.route("/")
@require_api_key
def box_office_dashboard():
    year = _current_year()
    sold = db.session.query(TicketType.name, TicketType.sold, TicketType.quota).all()
    revenue = db.session.query(func.sum(TicketOrder.total_pence)).filter(
        TicketOrder.status == "paid").scalar() or 0
    today = db.session.query(func.count(TicketOrder.id)).filter(
        TicketOrder.status == "paid",
        func.date(TicketOrder.paid_at) == datetime.date.today()).scalar()
    camping = CampingBooking.query.filter_by(status="paid").count()
    return render_template("admin/dashboard.html", sold=sold, revenue=format_pence(revenue),
                           orders_today=today, camping_bookings=camping, year=year)


def _ticket_type_choices():
    return [(t.id, "%s (%s)" % (t.name, t.code)) for t in TicketType.query.order_by(TicketType.code)]


@admin_bp.route("/ticket-types", methods=["GET", "POST"])
@admin_only
def admin_ticket_types():
    form = TicketTypeForm()
    if form.validate_on_submit():
        tt = TicketType(name=form.name.data, code=form.code.data.upper(),
                        price_pence=to_pence(form.price.data), tier=form.tier.data,
                        quota=form.quota.data, includes_camping=form.includes_camping.data,
                        wristband_colour=form.wristband_colour.data)
        db.session.add(tt)
        if commit_or_rollback():
            flash("Ticket type created", "success")
        else:
            flash("Code already exists", "error")
        return redirect(url_for("admin.admin_ticket_types"))
    types = TicketType.query.order_by(TicketType.code, TicketType.tier).all()
    return render_template("admin/ticket_types.html", types=types, form=form)


@admin_bp.route("/ticket-types/<int:tt_id>", methods=["POST"])
@admin_only
def admin_edit_ticket_type(tt_id):
    tt = get_or_404(TicketType, tt_id)
    for field in ("quota", "tier"):
        if request.form.get(field):
            setattr(tt, field, int(request.form[field]))
    if request.form.get("price"):
        tt.price_pence = to_pence(request.form["price"])
    tt.is_hidden = bool(request.form.get("is_hidden"))
    db.session.commit()
    return redirect(url_for("admin.admin_ticket_types"))


@admin_bp.route("/promo-codes", methods=["GET", "POST"])
@admin_only
def admin_promo_codes():
    if request.method == "POST":
        code = PromoCode(code=request.form["code"].strip().upper(),
                         discount_pct=int(request.form.get("discount_pct") or 0),
                         discount_pence=to_pence(request.form.get("discount") or 0),
                         max_uses=int(request.form["max_uses"]) if request.form.get("max_uses") else None,
                         ticket_type_id=request.form.get("ticket_type_id") or None,
                         partner=request.form.get("partner"))
        db.session.add(code)
        commit_or_rollback()
        return redirect(url_for("admin.admin_promo_codes"))
    return render_template("admin/promo_codes.html", codes=PromoCode.query.all(),
                           ticket_types=_ticket_type_choices())


@admin_bp.route("/orders")
@require_api_key
def admin_orders():
    q = TicketOrder.query.order_by(TicketOrder.created_at.desc())
    search = request.args.get("q")
    if search:
        like = "%%%s%%" % search
        q = q.filter(or_(TicketOrder.reference.ilike(like), TicketOrder.buyer_email.ilike(like),
                         TicketOrder.buyer_name.ilike(like)))
    return render_template("admin/orders.html", page=paginate_query(q, request.args.get("page")))


def _void_order_tickets(order, status="refunded"):
    for ticket in order.tickets:
        ticket.status = status
        if ticket.wristband is not None:
            ticket.wristband.deactivated = True
            ticket.wristband.deactivated_reason = "order %s" % status
        tt = ticket.ticket_type
        tt.sold = max((tt.sold or 0) - 1, 0)


@admin_bp.route("/orders/<int:order_id>/refund", methods=["POST"])
@admin_only
def admin_refund_order(order_id):
    order = get_or_404(TicketOrder, order_id)
    if order.status != "paid":
        flash("Only paid orders can be refunded", "error")
        return redirect(url_for("admin.admin_orders"))
    amount = order.total_pence
    if not request.form.get("include_fees"):
        amount -= order.fees_pence or 0
    try:
        get_gateway().refund(order.payment_ref, amount, reason=request.form.get("reason"))
    except GatewayError as exc:
        flash("Refund failed: %s" % exc, "error")
        return redirect(url_for("admin.admin_orders"))
    order.status = "refunded"
    _void_order_tickets(order)
    # camping bookings attached to these tickets are cancelled too
    ticket_ids = [t.id for t in order.tickets]
    if ticket_ids:
        CampingBooking.query.filter(CampingBooking.ticket_id.in_(ticket_ids)).update(
            {"status": "cancelled"}, synchronize_session=False)
    db.session.commit()
    send_refund_confirmation(order, amount)
    flash("Refunded %s" % format_pence(amount), "success")
    return redirect(url_for("admin.admin_orders"))


@admin_bp.route("/guest-list", methods=["GET", "POST"])
@require_api_key
def admin_guest_list():
    if request.method == "POST":
        wristbands.issue_for_guest(request.form["name"], request.form["category"],
                                   request.form.get("source_ref", "manual"),
                                   email=request.form.get("email"),
                                   day_id=request.form.get("day_id") or None,
                                   allocated_by=request.form.get("allocated_by"))
        return redirect(url_for("admin.admin_guest_list"))
    entries = GuestListEntry.query.order_by(GuestListEntry.category, GuestListEntry.name).all()
    return render_template("admin/guest_list.html", entries=entries, days=day_choices())


@admin_bp.route("/wristbands/batch/<code>", methods=["POST"])
@admin_only
def admin_wristband_batch(code):
    issued = wristbands.WristbandBatch(code, limit=int(request.form.get("limit", 1000))).run()
    flash("%d wristbands issued" % len(issued), "success")
    return redirect(url_for("admin.admin_ticket_types"))


# ===========================================================================
# BACK OFFICE - artists & bookings
# ===========================================================================

def _booking_or_404(booking_id):
    booking = ArtistBooking.query.get(booking_id)
    if booking is None:
        abort(404)
    return booking


@admin_bp.route("/artists")
@require_api_key
def admin_artists():
    year = _current_year()
    status = request.args.get("status")
    q = db.session.query(Artist, ArtistBooking).outerjoin(
        ArtistBooking, (ArtistBooking.artist_id == Artist.id) & (ArtistBooking.festival_year == year))
    if status:
        q = q.filter(ArtistBooking.status == status)
    rows = q.order_by(Artist.name).all()
    return render_template("admin/artists.html", rows=rows, year=year, status=status)


@admin_bp.route("/artists/new", methods=["GET", "POST"])
@require_api_key
def admin_artist_new():
    form = ArtistForm()
    form.agent_id.choices = [(0, "-- none --")] + [(a.id, "%s (%s)" % (a.name, a.agency))
                                                   for a in Agent.query.order_by(Agent.name)]
    if form.validate_on_submit():
        artist = Artist(name=form.name.data, slug=slugify(form.name.data), genre=form.genre.data,
                        country=(form.country.data or "").upper() or None,
                        agent_id=form.agent_id.data or None, spotify_id=form.spotify_id.data,
                        is_headliner=form.is_headliner.data, bio=form.bio.data)
        db.session.add(artist)
        if not commit_or_rollback():
            flash("An artist with that name already exists", "error")
            return render_template("admin/artist_form.html", form=form)
        return redirect(url_for("admin.admin_artist_detail", artist_id=artist.id))
    return render_template("admin/artist_form.html", form=form)


@admin_bp.route("/artists/<int:artist_id>")
@require_api_key
def admin_artist_detail(artist_id):
    artist = get_or_404(Artist, artist_id)
    bookings = artist.bookings.order_by(ArtistBooking.festival_year.desc()).all()
    return render_template("admin/artist_detail.html", artist=artist, bookings=bookings,
                           offer_form=BookingOfferForm())


@admin_bp.route("/artists/<int:artist_id>/edit", methods=["POST"])
@require_api_key
def admin_artist_edit(artist_id):
    artist = get_or_404(Artist, artist_id)
    for field in ("genre", "country", "spotify_id", "bio", "image_url", "notes"):
        if field in request.form:
            setattr(artist, field, request.form[field] or None)
    artist.is_headliner = bool(request.form.get("is_headliner"))
    db.session.commit()
    return redirect(url_for("admin.admin_artist_detail", artist_id=artist.id))


@admin_bp.route("/agents", methods=["GET", "POST"])
@require_api_key
def admin_agents():
    if request.method == "POST":
        db.session.add(Agent(name=request.form["name"], agency=request.form.get("agency"),
                             email=normalise_email(request.form["email"]),
                             phone=request.form.get("phone")))
        db.session.commit()
        return redirect(url_for("admin.admin_agents"))
    return render_template("admin/agents.html", agents=Agent.query.order_by(Agent.agency).all())


@admin_bp.route("/artists/<int:artist_id>/offer", methods=["POST"])
@require_api_key
def admin_booking_offer(artist_id):
    artist = get_or_404(Artist, artist_id)
    form = BookingOfferForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("admin.admin_artist_detail", artist_id=artist.id))
    year = _current_year()
    booking = artist.current_booking(year) or ArtistBooking(artist_id=artist.id, festival_year=year)
    booking.fee_pence = to_pence(form.fee.data)
    booking.currency = form.currency.data
    booking.set_length_mins = form.set_length_mins.data
    booking.preferred_day = form.preferred_day.data or None
    booking.exclusivity_radius_km = form.exclusivity_radius_km.data
    booking.exclusivity_days = form.exclusivity_days.data
    booking.status = "offer"
    booking.offered_at = utcnow()
    db.session.add(booking)
    db.session.commit()
    send_offer_to_agent(booking)
    flash("Offer sent to agent", "success")
    return redirect(url_for("admin.admin_artist_detail", artist_id=artist.id))


@admin_bp.route("/bookings/<int:booking_id>/confirm", methods=["POST"])
@require_api_key
def admin_confirm_booking(booking_id):
    booking = _booking_or_404(booking_id)
    if booking.status != "offer":
        flash("Only offers can be confirmed", "error")
    else:
        booking.status = "confirmed"
        booking.confirmed_at = utcnow()
        # held performance slots for this booking become confirmed
        for slot in booking.slots.filter_by(status="held"):
            slot.status = "confirmed"
        db.session.commit()
        contracts.issue_contract(booking)
        flash("Booking confirmed and contract sent", "success")
    return redirect(url_for("admin.admin_artist_detail", artist_id=booking.artist_id))


@admin_bp.route("/bookings/<int:booking_id>/cancel", methods=["POST"])
@admin_only
def admin_cancel_booking(booking_id):
    booking = _booking_or_404(booking_id)
    booking.status = "cancelled"
    booking.cancelled_at = utcnow()
    booking.cancellation_reason = request.form.get("reason")
    # pull them from the line-up
    for slot in booking.slots:
        slot.status = "pulled"
    # and their guest list
    GuestListEntry.query.filter_by(source_ref="booking:%d" % booking.id).delete()
    db.session.commit()
    scheduling.invalidate_running_order_cache()
    flash("Booking cancelled. Check the running order for gaps!", "warning")
    return redirect(url_for("admin.admin_artist_detail", artist_id=booking.artist_id))


@admin_bp.route("/bookings/<int:booking_id>/contracts")
@require_api_key
def admin_booking_contracts(booking_id):
    booking = _booking_or_404(booking_id)
    return render_template("admin/contracts.html", booking=booking,
                           contracts=booking.contracts.all(),
                           conflicts=contracts.radius_conflicts(booking))


@admin_bp.route("/contracts/<int:contract_id>/signed", methods=["POST"])
@require_api_key
def admin_contract_signed(contract_id):
    contract = get_or_404(PerformanceContract, contract_id)
    contracts.mark_signed(contract, request.form.get("signatory_name", ""),
                          by=request.form.get("by", "artist"))
    return redirect(url_for("admin.admin_booking_contracts", booking_id=contract.booking_id))


@admin_bp.route("/contracts/<int:contract_id>/pdf")
@require_api_key
def admin_contract_pdf(contract_id):
    contract = get_or_404(PerformanceContract, contract_id)
    with open(contract.pdf_path, "rb") as fh:
        data = fh.read()
    return Response(data, mimetype="application/pdf")


@admin_bp.route("/bookings/<int:booking_id>/rider", methods=["GET", "POST"])
@require_api_key
def admin_rider(booking_id):
    booking = _booking_or_404(booking_id)
    if request.method == "POST":
        db.session.add(RiderItem(booking_id=booking.id, category=request.form.get("category", "hospitality"),
                                 description=request.form["description"],
                                 quantity=int(request.form.get("quantity", 1)),
                                 est_cost_pence=to_pence(request.form.get("est_cost") or 0)))
        db.session.commit()
        return redirect(url_for("admin.admin_rider", booking_id=booking.id))
    return render_template("admin/rider.html", booking=booking, items=booking.rider_items.all(),
                           total=format_pence(booking.rider_cost_pence()))


@admin_bp.route("/rider-items/<int:item_id>/supplied", methods=["POST"])
@require_api_key
def admin_rider_item_supplied(item_id):
    item = get_or_404(RiderItem, item_id)
    item.supplied = not item.supplied
    db.session.commit()
    return redirect(url_for("admin.admin_rider", booking_id=item.booking_id))


@admin_bp.route("/artist-payments")
@admin_only
def admin_artist_payments():
    year = _current_year()
    payments = ArtistPayment.query.join(ArtistBooking).filter(
        ArtistBooking.festival_year == year).order_by(ArtistPayment.due_date).all()
    return render_template("admin/artist_payments.html", payments=payments,
                           overdue=[p for p in payments if p.overdue])


@admin_bp.route("/artist-payments/<int:payment_id>/paid", methods=["POST"])
@admin_only
def admin_artist_payment_paid(payment_id):
    payment = get_or_404(ArtistPayment, payment_id)
    payment.paid_at = utcnow()
    payment.bank_reference = request.form.get("bank_reference")
    payment.withholding_tax_pence = contracts.withholding_tax_for(payment.booking) \
        if payment.kind == "balance" else 0
    db.session.commit()
    return redirect(url_for("admin.admin_artist_payments"))


@admin_bp.route("/bookings/<int:booking_id>/guests", methods=["POST"])
@require_api_key
def admin_artist_guest_list(booking_id):
    booking = _booking_or_404(booking_id)
    existing = GuestListEntry.query.filter_by(source_ref="booking:%d" % booking.id).count()
    names = [n.strip() for n in request.form.get("names", "").splitlines() if n.strip()]
    allowed = (booking.guest_list_allocation or 0) - existing
    if len(names) > allowed:
        flash("Only %d guest places left for %s" % (allowed, booking.artist.name), "error")
        names = names[:max(allowed, 0)]
    for name in names:
        wristbands.issue_for_guest(name, "artist", "booking:%d" % booking.id,
                                   allocated_by=booking.artist.name)
    return redirect(url_for("admin.admin_artist_detail", artist_id=booking.artist_id))


# ===========================================================================
# BACK OFFICE - line-up / stages
# ===========================================================================

def _load_slot_form_choices(form):
    form.stage_id.choices = stage_choices()
    form.day_id.choices = day_choices()
    return form


@admin_bp.route("/running-order/<int:day_id>")
@require_api_key
def admin_running_order(day_id):
    day = get_or_404(FestivalDay, day_id)
    stages = Stage.query.filter_by(is_active=True).order_by(Stage.display_order).all()
    grid = {s.id: scheduling.slots_for_stage_day(s.id, day.id) for s in stages}
    problems = {s.id: scheduling.check_changeovers(s.id, day.id) for s in stages}
    unplaced = ArtistBooking.query.filter_by(festival_year=day.year, status="confirmed") \
        .filter(~ArtistBooking.id.in_(db.session.query(PerformanceSlot.booking_id)
                                      .filter(PerformanceSlot.booking_id.isnot(None)))).all()
    form = _load_slot_form_choices(PerformanceSlotForm())
    return render_template("admin/running_order.html", day=day, stages=stages, grid=grid,
                           problems=problems, unplaced=unplaced, form=form)


@admin_bp.route("/slots", methods=["POST"])
@require_api_key
def admin_add_slot():
    form = _load_slot_form_choices(PerformanceSlotForm())
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(request.referrer or url_for("admin.box_office_dashboard"))
    try:
        if form.booking_id.data:
            scheduling.place_booking(form.booking_id.data, form.stage_id.data, form.day_id.data,
                                     form.start.data, form.length_mins.data,
                                     force=bool(request.form.get("force")))
        else:
            day = FestivalDay.query.get(form.day_id.data)
            start = combine(day.date, form.start.data)
            db.session.add(PerformanceSlot(stage_id=form.stage_id.data, day_id=day.id,
                                           placeholder_name=form.placeholder_name.data or "TBA",
                                           start_time=start,
                                           end_time=start + datetime.timedelta(minutes=form.length_mins.data),
                                           is_secret_set=form.is_secret_set.data))
            db.session.commit()
    except scheduling.ScheduleConflict as exc:
        flash("%s: %s" % (exc, ", ".join(s.act_name for s in exc.slots)), "error")
    scheduling.invalidate_running_order_cache()
    return redirect(url_for("admin.admin_running_order", day_id=form.day_id.data))


@admin_bp.route("/slots/<int:slot_id>/move", methods=["POST"])
@require_api_key
def admin_move_slot(slot_id):
    slot = get_or_404(PerformanceSlot, slot_id)
    try:
        scheduling.move_slot(slot, request.form["start"])
    except scheduling.ScheduleConflict as exc:
        flash(str(exc), "error")
    return redirect(url_for("admin.admin_running_order", day_id=slot.day_id))


@admin_bp.route("/slots/<int:slot_id>/pull", methods=["POST"])
@require_api_key
def admin_pull_slot(slot_id):
    slot = get_or_404(PerformanceSlot, slot_id)
    slot.status = "pulled"
    db.session.commit()
    scheduling.invalidate_running_order_cache()
    return redirect(url_for("admin.admin_running_order", day_id=slot.day_id))


@admin_bp.route("/slots/<int:slot_id>/soundcheck", methods=["POST"])
@require_api_key
def admin_soundcheck(slot_id):
    slot = get_or_404(PerformanceSlot, slot_id)
    if request.form.get("auto"):
        scheduling.auto_soundcheck(slot)
    else:
        db.session.add(Soundcheck(slot_id=slot.id,
                                  start_time=combine(slot.day.date, request.form["start"]),
                                  duration_mins=int(request.form.get("duration", 30)),
                                  engineer=request.form.get("engineer"),
                                  line_check_only=bool(request.form.get("line_check_only"))))
        db.session.commit()
    return redirect(url_for("admin.admin_running_order", day_id=slot.day_id))


@admin_bp.route("/days/<int:day_id>/publish", methods=["POST"])
@admin_only
def admin_publish_day(day_id):
    count = scheduling.publish_day(day_id)
    flash("%d sets published" % count, "success")
    return redirect(url_for("admin.admin_running_order", day_id=day_id))


@admin_bp.route("/stages", methods=["GET", "POST"])
@admin_only
def admin_stages():
    if request.method == "POST":
        stage = Stage(name=request.form["name"], slug=slugify(request.form["name"]),
                      capacity=int(request.form.get("capacity") or 0),
                      zone=request.form.get("zone"),
                      display_order=int(request.form.get("display_order") or 100))
        db.session.add(stage)
        db.session.commit()
        return redirect(url_for("admin.admin_stages"))
    return render_template("admin/stages.html", stages=Stage.query.order_by(Stage.display_order).all())


@admin_bp.route("/stages/<int:stage_id>/stewards", methods=["POST"])
@require_api_key
def admin_stage_steward_shifts(stage_id):
    """Added for 2020: create stewarding shifts covering every published set
    on a stage. Lives here because the stage page is here."""
    stage = get_or_404(Stage, stage_id)
    team = VolunteerTeam.query.filter_by(name="Stewarding").first_or_404()
    created = 0
    for slot in stage.slots.filter(PerformanceSlot.status.in_(["confirmed", "published"])):
        exists = ShiftSlot.query.filter_by(stage_id=stage.id, starts_at=slot.start_time).first()
        if exists:
            continue
        db.session.add(ShiftSlot(team_id=team.id, stage_id=stage.id, location=stage.name,
                                 role="Pit steward", starts_at=slot.start_time - datetime.timedelta(minutes=30),
                                 ends_at=slot.end_time + datetime.timedelta(minutes=30),
                                 capacity=max(2, (stage.capacity or 0) // 1500)))
        created += 1
    db.session.commit()
    flash("%d stewarding shifts created" % created, "success")
    return redirect(url_for("admin.admin_stages"))


@admin_bp.route("/announcements", methods=["GET", "POST"])
@admin_only
def admin_announcements():
    if request.method == "POST":
        ann = LineupAnnouncement(title=request.form["title"], body=request.form.get("body"),
                                 phase=int(request.form.get("phase", 1)),
                                 publish_at=datetime.datetime.strptime(request.form["publish_at"], "%Y-%m-%dT%H:%M"),
                                 slot_ids_csv=",".join(request.form.getlist("slot_ids")))
        db.session.add(ann)
        db.session.commit()
        return redirect(url_for("admin.admin_announcements"))
    anns = LineupAnnouncement.query.order_by(LineupAnnouncement.publish_at.desc()).all()
    return render_template("admin/announcements.html", announcements=anns)


# @admin_bp.route("/lineup.xml")
# def old_lineup_feed():
#     ... removed 2019, the app team moved to /api/v1/lineup
def lineup_xml_legacy(day_id):
    # kept because the radio partner still scrapes this format (do they?)
    slots = PerformanceSlot.query.filter_by(day_id=day_id, status="published").all()
    parts = ["<lineup>"]
    for s in slots:
        parts.append('<set stage="%s" start="%s">%s</set>' % (
            s.stage.name, s.start_time.strftime("%H:%M"), s.act_name))
    parts.append("</lineup>")
    return "\n".join(parts)


# ===========================================================================
# BACK OFFICE - traders
# ===========================================================================

def _trader_applications_open():
    closes = current_app.config.get("TRADER_APPLICATIONS_CLOSE")
    return closes is None or datetime.date.today() <= closes


@admin_bp.route("/traders")
@require_api_key
def admin_vendor_applications():
    year = _current_year()
    status = request.args.get("status", "submitted")
    apps = VendorApplication.query.filter_by(year=year, status=status) \
        .join(Vendor).order_by(Vendor.category, Vendor.name).all()
    return render_template("admin/vendor_applications.html", apps=apps, status=status,
                           open=_trader_applications_open())


@admin_bp.route("/traders/applications/<int:app_id>/decide", methods=["POST"])
@require_api_key
def admin_decide_application(app_id):
    application = get_or_404(VendorApplication, app_id)
    decision = request.form["decision"]
    if decision == "accept":
        vendor = application.vendor
        if vendor.category == "food" and not vendor.current_certificate():
            flash("No hygiene certificate on file for %s" % vendor.name, "error")
            return redirect(url_for("admin.admin_vendor_applications"))
        application.status = "accepted"
        vendor_fees.quote_application(application)
    elif decision == "shortlist":
        application.status = "shortlisted"
    else:
        application.status = "rejected"
        application.rejection_reason = request.form.get("reason")
    application.decided_at = utcnow()
    application.decided_by = request.form.get("decided_by")
    db.session.commit()
    if application.status in ("accepted", "rejected"):
        send_vendor_decision(application)
    return redirect(url_for("admin.admin_vendor_applications", status=request.args.get("status", "submitted")))


@admin_bp.route("/traders/pitches", methods=["GET", "POST"])
@require_api_key
def admin_pitches():
    year = _current_year()
    if request.method == "POST":
        pitch = StallPitch.query.get(int(request.form["pitch_id"]))
        pitch.vendor_id = int(request.form["vendor_id"]) or None
        pitch.year = year
        db.session.commit()
        if pitch.vendor_id:
            app_ = VendorApplication.query.filter_by(vendor_id=pitch.vendor_id, year=year).first()
            if app_:
                vendor_fees.quote_application(app_, pitch)
        return redirect(url_for("admin.admin_pitches"))
    pitches = StallPitch.query.order_by(StallPitch.zone, StallPitch.code).all()
    accepted = Vendor.query.join(VendorApplication).filter(
        VendorApplication.year == year, VendorApplication.status == "accepted").all()
    return render_template("admin/pitches.html", pitches=pitches, vendors=accepted)


@admin_bp.route("/traders/<int:vendor_id>/certificates", methods=["POST"])
@require_api_key
def admin_add_certificate(vendor_id):
    vendor = get_or_404(Vendor, vendor_id)
    cert = HygieneCertificate(vendor_id=vendor.id, rating=int(request.form["rating"]),
                              issued_by=request.form.get("issued_by"),
                              issued_on=request.form.get("issued_on") or None,
                              expires_on=request.form.get("expires_on") or None,
                              verified=bool(request.form.get("verified")))
    db.session.add(cert)
    db.session.commit()
    return redirect(url_for("admin.admin_vendor_applications"))


@admin_bp.route("/traders/<int:vendor_id>/takings", methods=["GET", "POST"])
@require_api_key
def admin_vendor_takings(vendor_id):
    vendor = get_or_404(Vendor, vendor_id)
    if request.method == "POST":
        vendor_fees.record_takings(vendor, int(request.form["day_id"]),
                                   to_pence(request.form["gross"]),
                                   to_pence(request.form.get("cashless") or 0),
                                   year=_current_year())
        return redirect(url_for("admin.admin_vendor_takings", vendor_id=vendor.id))
    takings = VendorTakings.query.filter_by(vendor_id=vendor.id).order_by(VendorTakings.reported_at).all()
    return render_template("admin/vendor_takings.html", vendor=vendor, takings=takings,
                           owed=format_pence(vendor_fees.commission_owed(vendor)),
                           days=day_choices())


@admin_bp.route("/traders/<int:vendor_id>/ban", methods=["POST"])
@admin_only
def admin_ban_vendor(vendor_id):
    vendor = get_or_404(Vendor, vendor_id)
    vendor.banned = True
    vendor.banned_reason = request.form.get("reason")
    VendorApplication.query.filter_by(vendor_id=vendor.id, status="submitted").update(
        {"status": "rejected", "rejection_reason": "banned"})
    StallPitch.query.filter_by(vendor_id=vendor.id).update({"vendor_id": None})
    db.session.commit()
    return redirect(url_for("admin.admin_vendor_applications"))


# ===========================================================================
# BACK OFFICE - crew / volunteers
# ===========================================================================

@admin_bp.route("/crew")
@require_api_key
def admin_volunteers():
    year = _current_year()
    q = Volunteer.query.filter_by(year=year)
    if request.args.get("team_id"):
        q = q.filter_by(team_id=int(request.args["team_id"]))
    if request.args.get("status"):
        q = q.filter_by(status=request.args["status"])
    page = paginate_query(q.order_by(Volunteer.last_name), request.args.get("page"))
    return render_template("admin/volunteers.html", page=page,
                           teams=VolunteerTeam.query.order_by(VolunteerTeam.name).all())


def _issue_crew_pass(volunteer):
    if volunteer.guest_entry_id:
        return GuestListEntry.query.get(volunteer.guest_entry_id)
    entry = wristbands.issue_for_guest(volunteer.full_name, "volunteer",
                                       "volunteer:%d" % volunteer.id, email=volunteer.email,
                                       allocated_by="crew office")
    volunteer.guest_entry_id = entry.id
    db.session.commit()
    return entry


@admin_bp.route("/crew/<int:volunteer_id>/approve", methods=["POST"])
@require_api_key
def admin_approve_volunteer(volunteer_id):
    volunteer = get_or_404(Volunteer, volunteer_id)
    if volunteer.deposit is None:
        flash("No deposit received yet", "error")
        return redirect(url_for("admin.admin_volunteers"))
    team = volunteer.team
    from festival.helpers import volunteer_age_on_festival
    age = volunteer_age_on_festival(volunteer)
    if team and age is not None and age < team.min_age:
        flash("%s is under %d" % (volunteer.full_name, team.min_age), "error")
        return redirect(url_for("admin.admin_volunteers"))
    volunteer.status = "approved"
    db.session.commit()
    _issue_crew_pass(volunteer)
    send_volunteer_welcome(volunteer)
    return redirect(url_for("admin.admin_volunteers", status="applied"))


@admin_bp.route("/crew/<int:volunteer_id>/reject", methods=["POST"])
@require_api_key
def admin_reject_volunteer(volunteer_id):
    volunteer = get_or_404(Volunteer, volunteer_id)
    volunteer.status = "rejected"
    deposit = volunteer.deposit
    if deposit is not None and deposit.status == "held":
        get_gateway().refund(deposit.payment_ref, deposit.amount_pence, reason="application rejected")
        deposit.status = "refunded"
        deposit.refunded_at = utcnow()
    db.session.commit()
    if deposit is not None:
        send_deposit_refunded(volunteer, deposit)
    return redirect(url_for("admin.admin_volunteers", status="applied"))


@admin_bp.route("/crew/shifts", methods=["GET", "POST"])
@require_api_key
def admin_shift_slots():
    form = ShiftSlotForm()
    form.team_id.choices = [(t.id, t.name) for t in VolunteerTeam.query.order_by(VolunteerTeam.name)]
    form.stage_id.choices = [(0, "-")] + stage_choices()
    form.day_id.choices = day_choices()
    if form.validate_on_submit():
        day = FestivalDay.query.get(form.day_id.data)
        start = combine(day.date, form.start.data)
        slot = ShiftSlot(team_id=form.team_id.data, stage_id=form.stage_id.data or None,
                         location=form.location.data, role=form.role.data, starts_at=start,
                         ends_at=start + datetime.timedelta(hours=form.hours.data),
                         capacity=form.capacity.data,
                         is_night=start.hour >= 22 or start.hour < 6)
        db.session.add(slot)
        db.session.commit()
        return redirect(url_for("admin.admin_shift_slots"))
    slots = ShiftSlot.query.order_by(ShiftSlot.starts_at).all()
    return render_template("admin/shift_slots.html", slots=slots, form=form,
                           fill=rota.fill_rate_by_team(_current_year()))


@admin_bp.route("/crew/shifts/<int:slot_id>/assign", methods=["POST"])
@require_api_key
def admin_assign_shift(slot_id):
    slot = get_or_404(ShiftSlot, slot_id)
    volunteer = get_or_404(Volunteer, int(request.form["volunteer_id"]))
    try:
        rota.sign_up(volunteer, slot)
    except rota.RotaError as exc:
        flash(str(exc), "error")
    return redirect(url_for("admin.admin_shift_slots"))


@admin_bp.route("/crew/teams/<int:team_id>/auto-rota", methods=["POST"])
@admin_only
def admin_run_rota(team_id):
    builder = rota.RotaBuilder(team_id)
    assigned = builder.run(dry_run=bool(request.form.get("dry_run")))
    flash("%d assigned, %d skipped" % (len(assigned), len(builder.skipped)), "success")
    return redirect(url_for("admin.admin_shift_slots"))


@admin_bp.route("/crew/teams/<int:team_id>/rota.csv")
@require_api_key
def admin_rota_csv(team_id):
    return Response(rota.export_rota_csv(team_id), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=rota_%d.csv" % team_id})


# ===========================================================================
# BACK OFFICE - camping
# ===========================================================================

@admin_bp.route("/camping")
@require_api_key
def admin_campsites():
    sites = Campsite.query.order_by(Campsite.name).all()
    return render_template("admin/campsites.html", sites=sites,
                           occupancy=[camping_alloc.occupancy(s) for s in sites])


@admin_bp.route("/camping/bookings")
@require_api_key
def admin_camping_bookings():
    q = CampingBooking.query.order_by(CampingBooking.created_at.desc())
    if request.args.get("campsite_id"):
        q = q.filter_by(campsite_id=int(request.args["campsite_id"]))
    if request.args.get("q"):
        like = "%%%s%%" % request.args["q"]
        q = q.filter(or_(CampingBooking.reference.ilike(like), CampingBooking.email.ilike(like)))
    return render_template("admin/camping_bookings.html",
                           page=paginate_query(q, request.args.get("page")))


@admin_bp.route("/camping/bookings/<int:booking_id>/cancel", methods=["POST"])
@admin_only
def admin_cancel_camping(booking_id):
    booking = get_or_404(CampingBooking, booking_id)
    if booking.status == "paid" and booking.payment_ref:
        try:
            get_gateway().refund(booking.payment_ref, booking.total_pence, reason="camping cancelled")
        except GatewayError as exc:
            flash("Refund failed: %s" % exc, "error")
            return redirect(url_for("admin.admin_camping_bookings"))
    booking.status = "cancelled"
    db.session.commit()
    return redirect(url_for("admin.admin_camping_bookings"))


@admin_bp.route("/camping/glamping", methods=["GET", "POST"])
@admin_only
def admin_glamping():
    if request.method == "POST":
        db.session.add(GlampingUnit(campsite_id=int(request.form["campsite_id"]),
                                    kind=request.form["kind"], label=request.form.get("label"),
                                    sleeps=int(request.form.get("sleeps", 2)),
                                    price_per_night_pence=to_pence(request.form["price_per_night"]),
                                    supplier=request.form.get("supplier")))
        db.session.commit()
        return redirect(url_for("admin.admin_glamping"))
    return render_template("admin/glamping.html", units=GlampingUnit.query.all(),
                           sites=Campsite.query.all())


# ===========================================================================
# GATES / KIOSKS (JSON)
# ===========================================================================

@gate_bp.route("/scan", methods=["POST"])
@require_api_key
@json_view
def gate_scan():
    data = request.get_json(force=True)
    scan = wristbands.record_scan(data["uid"], data.get("gate", "main"), data.get("direction", "in"))
    return {"accepted": scan.accepted, "reason": scan.reject_reason}


@gate_bp.route("/activate", methods=["POST"])
@require_api_key
@json_view
def gate_activate():
    """Box office exchange: barcode -> wristband, activate it."""
    data = request.get_json(force=True)
    ticket = Ticket.query.filter_by(barcode=data["barcode"].strip().upper()).first()
    if ticket is None:
        return {"error": "unknown barcode"}, 404
    band = wristbands.issue_for_ticket(ticket)
    wristbands.activate(band.rfid_uid)
    return {"uid": band.rfid_uid, "colour": band.colour, "holder": ticket.holder_name}


@gate_bp.route("/offline-dump/<gate>", methods=["POST"])
@require_api_key
@json_view
def gate_offline_dump(gate):
    count = wristbands.import_scan_dump(request.files["file"].stream, gate)
    return {"imported": count}


@gate_bp.route("/crew/checkin", methods=["POST"])
@require_api_key
@json_view
def crew_checkin():
    data = request.get_json(force=True)
    volunteer = Volunteer.query.filter_by(email=normalise_email(data["email"])).first()
    if volunteer is None:
        return {"error": "not found"}, 404
    now = utcnow()
    signup = ShiftSignup.query.join(ShiftSlot).filter(
        ShiftSignup.volunteer_id == volunteer.id, ShiftSignup.cancelled == False,
        ShiftSlot.starts_at <= now + datetime.timedelta(minutes=45),
        ShiftSlot.ends_at > now).first()
    if signup is None:
        return {"error": "no shift now"}, 409
    signup.checked_in_at = now
    db.session.commit()
    return {"ok": True, "shift": signup.slot.role, "location": signup.slot.location}


@gate_bp.route("/crew/checkout", methods=["POST"])
@require_api_key
@json_view
def crew_checkout():
    data = request.get_json(force=True)
    signup = ShiftSignup.query.filter_by(id=int(data["signup_id"])).first()
    if signup is None or signup.checked_in_at is None:
        return {"error": "not checked in"}, 409
    signup.checked_out_at = utcnow()
    db.session.commit()
    return {"ok": True}


@gate_bp.route("/camping/checkin", methods=["POST"])
@require_api_key
@json_view
def camping_checkin():
    data = request.get_json(force=True)
    booking = CampingBooking.query.filter_by(reference=data["reference"].upper()).first()
    if booking is None or booking.status not in ("paid", "checked_in"):
        return {"error": "no paid booking"}, 404
    camping_alloc.check_in(booking)
    return {"ok": True, "pitch": booking.pitch.number if booking.pitch else None,
            "campervan_passes": [p.pass_number for p in booking.campervan_passes]}


@gate_bp.route("/stats")
@require_api_key
@json_view
def control_room_stats():
    """Big screen in the control room."""
    return {
        "on_site": wristbands.on_site_count(),
        "open_incidents": Incident.query.filter_by(resolved=False).count(),
        "high_incidents": Incident.query.filter(Incident.resolved == False,
                                                Incident.severity.in_(["high", "critical"])).count(),
        "rejected_scans_last_hour": GateScan.query.filter(
            GateScan.accepted == False,
            GateScan.scanned_at > utcnow() - datetime.timedelta(hours=1)).count(),
    }
