"""Trader pitch fees and commission."""
from decimal import Decimal

from festival.extensions import db
from festival.helpers import pitch_area_m2
from festival.models import StallPitch, VendorApplication, VendorTakings
from festival.utils.money import add_vat, percentage_of

# per m2 rates by category, pence (2021 rate card)
RATE_PER_M2 = {"food": 4200, "bar": 6500, "merch": 3000, "market": 2500, "charity": 0}
POWER_SURCHARGE_PER_AMP = 900
WATER_SURCHARGE = 15000
COMMISSION_PCT = {"food": 12, "bar": 18, "merch": 15, "market": 10, "charity": 0}


def pitch_fee(pitch, category):
    area = pitch_area_m2(pitch)
    fee = int(area * RATE_PER_M2.get(category, 4200))
    fee += (pitch.power_amps or 0) * POWER_SURCHARGE_PER_AMP
    if pitch.has_water:
        fee += WATER_SURCHARGE
    return max(fee, pitch.base_fee_pence or 0)


def quote_application(application, pitch=None):
    category = application.vendor.category
    if pitch is None:
        pitch = StallPitch.query.filter_by(zone=application.pitch_preference, vendor_id=None).first()
    net = pitch_fee(pitch, category) if pitch else 0
    application.fee_quoted_pence = add_vat(net)
    application.commission_pct = Decimal(COMMISSION_PCT.get(category, 12))
    db.session.commit()
    return application.fee_quoted_pence


def commission_rate_for(vendor, year):
    app = VendorApplication.query.filter_by(vendor_id=vendor.id, year=year, status="accepted").first()
    if app and app.commission_pct is not None:
        return float(app.commission_pct)
    return COMMISSION_PCT.get(vendor.category, 12)


def record_takings(vendor, day_id, gross_pence, cashless_pence=0, year=None, source="manual"):
    rate = commission_rate_for(vendor, year) if year else COMMISSION_PCT.get(vendor.category, 12)
    row = VendorTakings(vendor_id=vendor.id, day_id=day_id, gross_pence=gross_pence,
                        cashless_pence=cashless_pence,
                        commission_pence=percentage_of(gross_pence, rate), source=source)
    db.session.add(row)
    db.session.commit()
    return row


def commission_owed(vendor):
    total = db.session.query(db.func.sum(VendorTakings.commission_pence)) \
        .filter(VendorTakings.vendor_id == vendor.id).scalar()
    return int(total or 0)
