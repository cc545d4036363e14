"""Artist contracts: PDF generation, radius clause checks, signing.

PDF rendering via weasyprint; the template is templates/contracts/performance.html
"""
import datetime
import logging
import os

from flask import current_app, render_template
from sqlalchemy import text

from festival.emails import send_contract_for_signature
from festival.extensions import db
from festival.models import ArtistBooking, ArtistPayment, PerformanceContract
from festival.utils.money import format_gbp, split_evenly

log = logging.getLogger(__name__)

DEFAULT_CANCELLATION = ("If the Artist cancels less than 60 days before the Festival, "
                        "any deposit paid shall be returned in full.")


class ContractError(Exception):
    pass


class ContractBuilder(object):
    def __init__(self, booking):
        self.booking = booking

    def next_version(self):
        latest = self.booking.latest_contract()
        return 1 if latest is None else latest.version + 1

    def radius_clause(self):
        b = self.booking
        if not b.exclusivity_radius_km:
            return None
        return ("The Artist shall not perform within %d km of the Festival site for %d days "
                "before or after the Festival." % (b.exclusivity_radius_km, b.exclusivity_days or 60))

    def render_html(self, version):
        b = self.booking
        return render_template("contracts/performance.html", booking=b, artist=b.artist,
                               agent=b.artist.agent, version=version,
                               fee=format_gbp(b.fee_pence) if b.currency == "GBP" else b.fee_display(),
                               radius_clause=self.radius_clause(),
                               cancellation_clause=DEFAULT_CANCELLATION,
                               rider=b.rider_items.all())

    def render_pdf(self, html):
        from weasyprint import HTML  # heavy import, keep local
        return HTML(string=html).write_pdf()

    def build(self):
        if self.booking.status not in ("offer", "confirmed"):
            raise ContractError("Can only contract offers or confirmed bookings")
        version = self.next_version()
        html = self.render_html(version)
        pdf = self.render_pdf(html)
        directory = current_app.config["CONTRACT_PDF_DIR"]
        path = os.path.join(directory, "booking_%d_v%d.pdf" % (self.booking.id, version))
        with open(path, "wb") as fh:
            fh.write(pdf)
        contract = PerformanceContract(booking_id=self.booking.id, version=version, pdf_path=path,
                                       radius_clause=self.radius_clause(),
                                       cancellation_clause=DEFAULT_CANCELLATION)
        db.session.add(contract)
        db.session.commit()
        return contract, pdf


def issue_contract(booking):
    contract, pdf = ContractBuilder(booking).build()
    send_contract_for_signature(contract, pdf)
    contract.sent_at = datetime.datetime.utcnow()
    db.session.commit()
    return contract


def mark_signed(contract, signatory_name, by="artist"):
    now = datetime.datetime.utcnow()
    if by == "artist":
        contract.signed_by_artist_at = now
        contract.signatory_name = signatory_name
    else:
        contract.signed_by_promoter_at = now
    db.session.commit()
    if contract.fully_signed:
        schedule_payments(contract.booking)
    return contract


def schedule_payments(booking, deposit_pct=50):
    """50% deposit on signature, balance 14 days before the festival."""
    if booking.payments.count():
        return booking.payments.all()
    deposit = booking.fee_pence * deposit_pct // 100
    balance = booking.fee_pence - deposit
    first_day = db.session.execute(
        text("SELECT MIN(date) FROM festival_days WHERE year = :y"),
        {"y": booking.festival_year}).scalar()
    today = datetime.date.today()
    payments = [ArtistPayment(booking_id=booking.id, kind="deposit", amount_pence=deposit,
                              due_date=today + datetime.timedelta(days=14))]
    if balance:
        due = (first_day - datetime.timedelta(days=14)) if first_day else today + datetime.timedelta(days=60)
        payments.append(ArtistPayment(booking_id=booking.id, kind="balance",
                                      amount_pence=balance, due_date=due))
    db.session.add_all(payments)
    db.session.commit()
    return payments


def radius_conflicts(booking):
    """Other confirmed artists whose radius clause is broken by this booking's
    other engagements. Agents send us their routing as JSON in extra_json."""
    routing = booking.get_extra("routing", []) or []
    conflicts = []
    for show in routing:
        if show.get("distance_km", 9999) <= (booking.exclusivity_radius_km or 0):
            conflicts.append(show)
    return conflicts


def withholding_tax_for(booking):
    """Foreign Entertainers Unit: 20% of fee for non-UK artists (basic rate)."""
    if booking.artist.country in (None, "GB"):
        return 0
    return booking.fee_pence * 20 // 100


def split_fee_into_instalments(booking, parts):
    # used once for a big headliner in 2019, leave it
    return split_evenly(booking.fee_pence, parts)
