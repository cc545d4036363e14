"""Carrier master data, rate cards and quoting."""
from flask import Blueprint, request

from freightly.api import ApiError, get_json_or_400
from freightly.extensions import db_session
from freightly.models import (Carrier, FuelSurcharge, RateCard, StatusCodeMapping,
                              model_to_dict)
from freightly.repositories.carrier_repo import CarrierRepository, RateCardRepository
from freightly.services import rating_service
from freightly.utils.dates import parse_date
from freightly.utils.decorators import json_endpoint, require_api_key
from freightly.utils.money import D

bp = Blueprint("carriers", __name__)


@bp.route("", methods=["GET"])
@require_api_key
@json_endpoint
def list_carriers():
    return [model_to_dict(c) for c in CarrierRepository().active(request.args.get("mode"))]


@bp.route("", methods=["POST"])
@require_api_key
@json_endpoint
def create_carrier():
    data = get_json_or_400()
    if not data.get("name"):
        raise ApiError("name is required")
    c = Carrier(name=data["name"], scac=(data.get("scac") or "").upper() or None,
                mode=(data.get("mode") or "SEA").upper(), edi_partner_id=data.get("edi_partner_id"),
                contact_email=data.get("contact_email"),
                liability_sdr_per_kg=D(data["liability_sdr_per_kg"])
                if data.get("liability_sdr_per_kg") else None)
    db_session.add(c)
    db_session.commit()
    return model_to_dict(c), 201


@bp.route("/<int:carrier_id>", methods=["GET"])
@require_api_key
@json_endpoint
def get_carrier(carrier_id):
    c = CarrierRepository().get_or_404(carrier_id)
    data = model_to_dict(c)
    data["contracts"] = [model_to_dict(ct) for ct in c.contracts]
    return data


@bp.route("/quote", methods=["POST"])
@require_api_key
@json_endpoint
def quote():
    d = get_json_or_400()
    quotes = rating_service.quote_lane(d.get("origin"), d.get("destination"),
                                       d.get("equipment"), d.get("mode"),
                                       weight_kg=d.get("weight_kg"),
                                       volume_cbm=d.get("volume_cbm"),
                                       quantity=d.get("quantity", 1),
                                       accessorials=d.get("accessorials"),
                                       dangerous_goods=d.get("dangerous_goods", False),
                                       on_date=parse_date(d.get("date")))
    return [q.as_dict() for q in quotes]


@bp.route("/<int:carrier_id>/rate-cards", methods=["GET"])
@require_api_key
@json_endpoint
def list_rate_cards(carrier_id):
    cards = RateCardRepository().find_by(carrier_id=carrier_id)
    return [model_to_dict(c) for c in cards]


@bp.route("/<int:carrier_id>/rate-cards/upload", methods=["POST"])
@require_api_key
@json_endpoint
def upload_rate_sheet(carrier_id):
    f = request.files.get("file")
    if f is None:
        raise ApiError("file is required")
    card, count, errors = rating_service.import_rate_sheet(
        carrier_id, f.stream, request.form.get("valid_from"), request.form.get("valid_to"),
        name=request.form.get("name"), currency=request.form.get("currency", "USD"))
    db_session.commit()
    return {"rate_card_id": card.id, "lanes": count, "errors": errors}, 201


@bp.route("/rate-cards/<int:card_id>/activate", methods=["POST"])
@require_api_key
@json_endpoint
def activate_rate_card(card_id):
    return model_to_dict(rating_service.activate_rate_card(card_id))


@bp.route("/<int:carrier_id>/fuel-surcharges", methods=["POST"])
@require_api_key
@json_endpoint
def add_fuel_surcharge(carrier_id):
    d = get_json_or_400()
    fsc = FuelSurcharge(carrier_id=carrier_id, valid_from=parse_date(d["valid_from"]),
                        valid_to=parse_date(d.get("valid_to")),
                        percent=D(d["percent"]) if d.get("percent") else None,
                        flat_amount=D(d["flat_amount"]) if d.get("flat_amount") else None,
                        currency=d.get("currency", "USD"))
    db_session.add(fsc)
    db_session.commit()
    return model_to_dict(fsc), 201


@bp.route("/<int:carrier_id>/status-codes", methods=["GET", "POST"])
@require_api_key
@json_endpoint
def carrier_status_codes(carrier_id):
    """EDI status code mapping, maintained by the tracking team."""
    if request.method == "POST":
        d = get_json_or_400()
        m = StatusCodeMapping(carrier_id=carrier_id, carrier_code=d["carrier_code"],
                              milestone_code=d["milestone_code"],
                              description=d.get("description"),
                              is_exception=bool(d.get("is_exception")))
        db_session.add(m)
        db_session.commit()
        return model_to_dict(m), 201
    rows = db_session.query(StatusCodeMapping).filter_by(carrier_id=carrier_id).all()
    return [model_to_dict(m) for m in rows]
