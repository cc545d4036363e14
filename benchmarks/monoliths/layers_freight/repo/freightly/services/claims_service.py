"""Cargo claims (damage / loss / delay).

Liability limits:
  * SEA  - Hague-Visby: 2 SDR per kg or 666.67 SDR per package, higher applies
  * AIR  - Montreal Convention: 26 SDR per kg (22 before Dec 2019, 19 before 2009...)
  * ROAD - CMR: 8.33 SDR per kg
Carrier specific values in carriers.liability_sdr_per_kg override the default.
"""
import datetime
import logging
from decimal import Decimal

from flask import current_app

from freightly.extensions import db_session
from freightly.models import (Carrier, Claim, ClaimDocument, ClaimItem,
                              ClaimSettlement, Milestone, Shipment)
from freightly.services import ServiceError
from freightly.services import billing_service
from freightly.utils.dates import today, utcnow
from freightly.utils.money import D, round_money, sum_money

log = logging.getLogger("freightly.claims")

SDR_PER_KG = {"SEA": Decimal("2"), "AIR": Decimal("22"), "ROAD": Decimal("8.33"),
              "RAIL": Decimal("17")}
SDR_PER_PACKAGE_SEA = Decimal("666.67")
NOTICE_DAYS = {"SEA": 3, "AIR": 14, "ROAD": 7, "RAIL": 7}


class ClaimError(ServiceError):
    pass


def _sdr_rate():
    try:
        return D(current_app.config.get("SDR_TO_EUR", "1.21"))
    except RuntimeError:
        return Decimal("1.21")


def _next_claim_no(session):
    year = today().year
    last = (session.query(Claim.claim_no).filter(Claim.claim_no.like("CL%d%%" % year))
            .order_by(Claim.claim_no.desc()).first())
    seq = int(last[0][6:]) + 1 if last else 1
    return "CL%d%05d" % (year, seq)


def open_claim(shipment_id, kind, description, claimed_amount, currency="EUR",
               handler=None, items=None, session=None):
    session = session or db_session
    shipment = session.query(Shipment).get(shipment_id)
    if shipment is None:
        raise ClaimError("shipment %s not found" % shipment_id, 404)
    if kind not in ("damage", "loss", "delay", "shortage"):
        raise ClaimError("unknown claim kind %s" % kind)
    late_notice = False
    if shipment.delivered_at:
        limit_days = NOTICE_DAYS.get(shipment.mode, 7)
        late_notice = (utcnow() - shipment.delivered_at).days > limit_days
    claim = Claim(claim_no=_next_claim_no(session), shipment_id=shipment.id,
                  customer_id=shipment.customer_id, carrier_id=shipment.carrier_id,
                  kind=kind, reported_at=utcnow(), claimed_amount=round_money(claimed_amount),
                  claimed_currency=currency, handler=handler, description=description)
    if late_notice:
        claim.description = (description or "") + "\n[late notice of claim]"
    session.add(claim)
    session.flush()
    for it in items or []:
        add_claim_item(claim, it, session=session)
    session.commit()
    return claim


def add_claim_item(claim, data, session=None):
    session = session or db_session
    item = ClaimItem(claim_id=claim.id, description=data.get("description"),
                     quantity=int(data.get("quantity") or 1),
                     weight_kg=D(data.get("weight_kg")), value=round_money(data.get("value")),
                     damage_type=data.get("damage_type"))
    session.add(item)
    return item


def attach_document(claim_id, doc_type, filename, storage_key, user=None, session=None):
    session = session or db_session
    doc = ClaimDocument(claim_id=claim_id, doc_type=doc_type, filename=filename,
                        storage_key=storage_key, uploaded_by=user)
    session.add(doc)
    session.commit()
    return doc


def liability_limit(claim, session=None):
    """Carrier liability in EUR for the claimed items."""
    session = session or db_session
    shipment = session.query(Shipment).get(claim.shipment_id)
    carrier = session.query(Carrier).get(claim.carrier_id) if claim.carrier_id else None
    mode = shipment.mode or "SEA"
    per_kg = D(carrier.liability_sdr_per_kg) if carrier and carrier.liability_sdr_per_kg \
        else SDR_PER_KG.get(mode, Decimal("8.33"))
    weight = sum_money(i.weight_kg for i in claim.items) or D(shipment.weight_kg)
    sdr = per_kg * weight
    if mode == "SEA":
        packages = sum(i.quantity or 0 for i in claim.items)
        sdr = max(sdr, SDR_PER_PACKAGE_SEA * packages)
    return round_money(sdr * _sdr_rate())


def delay_hours(claim, session=None):
    session = session or db_session
    ms = session.query(Milestone).filter_by(shipment_id=claim.shipment_id, code="DLV").first()
    if ms is None or ms.planned_at is None or ms.actual_at is None:
        return None
    return max(0, int((ms.actual_at - ms.planned_at).total_seconds() // 3600))


def assess_claim(claim_id, session=None):
    session = session or db_session
    claim = session.query(Claim).get(claim_id)
    if claim is None:
        raise ClaimError("claim %s not found" % claim_id, 404)
    if claim.kind == "delay":
        hours = delay_hours(claim, session)
        if not hours:
            claim.status = "rejected"
            session.commit()
            return claim
        # delay liability is capped at the freight charge
        shipment = session.query(Shipment).get(claim.shipment_id)
        claim.liability_limit = round_money(shipment.sell_amount or 0)
    else:
        claim.liability_limit = liability_limit(claim, session)
    claim.status = "assessed"
    session.commit()
    return claim


def settle_claim(claim_id, amount=None, method="credit_note", approved_by=None,
                 insurer_ref=None, session=None):
    """Settle with the customer. Credit note settlements go via billing."""
    session = session or db_session
    claim = session.query(Claim).get(claim_id)
    if claim.status not in ("assessed", "open"):
        raise ClaimError("claim %s is %s" % (claim.claim_no, claim.status), 409)
    if amount is None:
        amount = min(D(claim.claimed_amount), D(claim.liability_limit or claim.claimed_amount))
    amount = round_money(amount)
    settlement = ClaimSettlement(claim_id=claim.id, amount=amount,
                                 currency=claim.claimed_currency, settled_on=today(),
                                 method=method, approved_by=approved_by,
                                 insurer_ref=insurer_ref)
    if method == "credit_note":
        cn = billing_service.issue_credit_note(
            claim.customer_id, amount, "Claim %s settlement" % claim.claim_no,
            currency=claim.claimed_currency, source="claim", session=session)
        settlement.credit_note_id = cn.id
    session.add(settlement)
    claim.status = "settled"
    session.commit()
    return settlement


def record_recovery(claim_id, amount, session=None):
    """Money recovered from the carrier after we paid the customer."""
    session = session or db_session
    claim = session.query(Claim).get(claim_id)
    claim.recovered_from_carrier = round_money(D(claim.recovered_from_carrier) + D(amount))
    session.commit()
    return claim


def close_claim(claim_id, session=None):
    session = session or db_session
    claim = session.query(Claim).get(claim_id)
    claim.status = "closed"
    session.commit()
    return claim


def stale_claims(days=14, session=None):
    session = session or db_session
    cutoff = utcnow() - datetime.timedelta(days=days)
    return session.query(Claim).filter(Claim.status.in_(("open", "assessed")),
                                       Claim.updated_at < cutoff).all()


def claim_to_dict(claim):
    return {
        "id": claim.id, "claim_no": claim.claim_no, "shipment_id": claim.shipment_id,
        "kind": claim.kind, "status": claim.status,
        "claimed": str(claim.claimed_amount), "currency": claim.claimed_currency,
        "liability_limit": str(claim.liability_limit) if claim.liability_limit else None,
        "items": [{"description": i.description, "qty": i.quantity,
                   "value": str(i.value)} for i in claim.items],
        "documents": [{"type": d.doc_type, "filename": d.filename} for d in claim.documents],
    }
