"""Customs declarations (import/export) and duty calculation.

Written as a class because the original author liked Java. Talks to the
customs gateway (ATLAS via a third party provider).
"""
import json
import logging
import uuid
from decimal import Decimal

import requests
from flask import current_app

from freightly.extensions import db_session
from freightly.models import (Customer, CustomsBroker, CustomsDeclaration,
                              CustomsLine, DutyAssessment, HsCode, Shipment)
from freightly.services import ServiceError
from freightly.utils.dates import today, utcnow
from freightly.utils.decorators import retry
from freightly.utils.money import D, convert_currency, percent_of, round_money, sum_money
from freightly.utils.validators import validate_hs_code

log = logging.getLogger("freightly.customs")

# incoterms where freight/insurance to the EU border must be added to customs value
ADD_FREIGHT_TERMS = ("EXW", "FCA", "FAS", "FOB")
DEFAULT_INSURANCE_PCT = Decimal("0.5")


class CustomsError(ServiceError):
    pass


class GatewayError(CustomsError):
    status_code = 502


class CustomsService(object):

    def __init__(self, session=None, gateway_url=None, token=None):
        self.session = session or db_session
        self._gateway_url = gateway_url
        self._token = token

    # -- configuration -------------------------------------------------
    @property
    def gateway_url(self):
        if self._gateway_url:
            return self._gateway_url
        return current_app.config["CUSTOMS_GATEWAY_URL"]

    @property
    def token(self):
        if self._token is not None:
            return self._token
        return current_app.config.get("CUSTOMS_GATEWAY_TOKEN", "")

    # -- declarations --------------------------------------------------
    def create_declaration(self, shipment_id, direction="import", broker_id=None, lines=None):
        shipment = self.session.query(Shipment).get(shipment_id)
        if shipment is None:
            raise CustomsError("shipment %s not found" % shipment_id, 404)
        customer = self.session.query(Customer).get(shipment.customer_id)
        if not customer.eori_number:
            raise CustomsError("customer %s has no EORI number" % customer.account_no)
        if broker_id is None:
            broker = broker_for_port(self.session, shipment.destination if direction == "import"
                                     else shipment.origin)
            broker_id = broker.id if broker else None
        decl = CustomsDeclaration(shipment_id=shipment.id, broker_id=broker_id,
                                  direction=direction,
                                  declaration_type="IM4" if direction == "import" else "EX1",
                                  lrn=self._new_lrn(), declarant_eori=customer.eori_number,
                                  incoterm=shipment.incoterm, status="draft")
        self.session.add(decl)
        self.session.flush()
        for i, l in enumerate(lines or [], start=1):
            self.add_line(decl, l, line_no=i)
        self.session.commit()
        return decl

    def _new_lrn(self):
        return "FRL" + uuid.uuid4().hex[:15].upper()

    def add_line(self, decl, data, line_no=None):
        if decl.status not in ("draft", "rejected"):
            raise CustomsError("declaration %s is %s" % (decl.lrn, decl.status), 409)
        code = validate_hs_code(data["hs_code"])
        hs = self.classify(code)
        line = CustomsLine(declaration_id=decl.id,
                           line_no=line_no or (len(decl.lines) + 1),
                           hs_code=hs.code, description=data.get("description") or hs.description,
                           origin_country=(data.get("origin_country") or "").upper() or None,
                           quantity=D(data.get("quantity") or 1),
                           net_weight_kg=D(data.get("net_weight_kg")),
                           value=round_money(data["value"]),
                           preference_code=data.get("preference_code"))
        self.session.add(line)
        return line

    def classify(self, code):
        """Find the most specific HS/CN/TARIC code we know."""
        for length in (10, 8, 6):
            if len(code) < length:
                continue
            hs = self.session.query(HsCode).get(code[:length])
            if hs is not None:
                return hs
        raise CustomsError("unknown HS code %s" % code)

    def customs_value(self, decl, freight_amount=None):
        goods = sum_money(l.value for l in decl.lines)
        if decl.incoterm in ADD_FREIGHT_TERMS and freight_amount:
            goods += D(freight_amount)
            goods += percent_of(goods, DEFAULT_INSURANCE_PCT)
        return round_money(goods)

    def compute_duties(self, decl):
        """Duty per line, then import VAT on (customs value + duty)."""
        shipment = self.session.query(Shipment).get(decl.shipment_id)
        freight = None
        if shipment.buy_amount:
            freight = convert_currency(shipment.buy_amount, shipment.buy_currency or "EUR",
                                       decl.currency)
        value = self.customs_value(decl, freight)
        goods_total = sum_money(l.value for l in decl.lines) or Decimal("1")
        duty = Decimal("0")
        vat = Decimal("0")
        for line in decl.lines:
            hs = self.session.query(HsCode).get(line.hs_code)
            share = D(line.value) / goods_total
            line_value = value * share
            rate = D(hs.duty_rate)
            if line.preference_code in ("300", "310"):  # FTA preferential origin
                rate = Decimal("0")
            line_duty = percent_of(line_value, rate)
            duty += line_duty
            vat += percent_of(line_value + line_duty, hs.vat_rate or Decimal("19"))
        decl.customs_value = value
        assessment = DutyAssessment(declaration_id=decl.id, duty_amount=round_money(duty),
                                    vat_amount=round_money(vat), other_amount=Decimal("0"),
                                    currency=decl.currency)
        self.session.add(assessment)
        self.session.commit()
        return assessment

    def submit(self, decl_id):
        decl = self.session.query(CustomsDeclaration).get(decl_id)
        if decl is None:
            raise CustomsError("declaration %s not found" % decl_id, 404)
        if not decl.lines:
            raise CustomsError("declaration has no lines")
        payload = self._payload(decl)
        resp = self._post("/declarations", payload)
        decl.mrn = resp.get("mrn")
        decl.status = "submitted"
        decl.submitted_at = utcnow()
        self.session.commit()
        return decl

    def _payload(self, decl):
        return {
            "lrn": decl.lrn,
            "type": decl.declaration_type,
            "declarant": decl.declarant_eori,
            "office": decl.office_code,
            "incoterm": decl.incoterm,
            "currency": decl.currency,
            "items": [{"seq": l.line_no, "commodity": l.hs_code, "description": l.description,
                       "origin": l.origin_country, "net_mass": str(l.net_weight_kg),
                       "value": str(l.value), "preference": l.preference_code}
                      for l in decl.lines],
        }

    @retry(times=3, delay=2.0, exceptions=(requests.ConnectionError, requests.Timeout))
    def _post(self, path, payload):
        r = requests.post(self.gateway_url + path, data=json.dumps(payload),
                          headers={"Authorization": "Bearer %s" % self.token,
                                   "Content-Type": "application/json"}, timeout=30)
        if r.status_code >= 400:
            raise GatewayError("customs gateway %s: %s" % (r.status_code, r.text[:200]))
        return r.json()

    def poll_status(self, decl):
        r = requests.get("%s/declarations/%s" % (self.gateway_url, decl.lrn),
                         headers={"Authorization": "Bearer %s" % self.token}, timeout=30)
        if r.status_code != 200:
            raise GatewayError("status poll failed %s" % r.status_code)
        data = r.json()
        return self.apply_status(decl, data.get("status"), data.get("reason"), data.get("mrn"))

    def apply_status(self, decl, status, reason=None, mrn=None):
        status = (status or "").lower()
        mapping = {"accepted": "accepted", "released": "released", "hold": "hold",
                   "inspection": "hold", "rejected": "rejected"}
        new = mapping.get(status)
        if new is None:
            log.warning("unknown customs status %r for %s", status, decl.lrn)
            return decl
        decl.status = new
        if mrn:
            decl.mrn = mrn
        shipment = self.session.query(Shipment).get(decl.shipment_id)
        if new == "released":
            decl.released_at = utcnow()
            if shipment.status == "customs_hold":
                shipment.status = "cleared"
        elif new == "hold":
            shipment.status = "customs_hold"
        elif new == "rejected":
            decl.rejection_reason = reason
        self.session.commit()
        return decl

    def release(self, decl_id, user=None):
        """Manual release (e.g. broker phoned us)."""
        decl = self.session.query(CustomsDeclaration).get(decl_id)
        return self.apply_status(decl, "released")


def broker_for_port(session, port_code):
    """Pick a broker covering the port, preferring our in-house team."""
    brokers = session.query(CustomsBroker).filter(
        CustomsBroker.ports.like("%%%s%%" % port_code)).all()
    brokers.sort(key=lambda b: (not b.in_house, D(b.fee_per_declaration)))
    return brokers[0] if brokers else None


def pending_declarations(session=None):
    session = session or db_session
    return session.query(CustomsDeclaration).filter(
        CustomsDeclaration.status.in_(("submitted", "accepted", "hold"))).all()


def mark_duty_paid(assessment_id, deferred_account=None, session=None):
    session = session or db_session
    a = session.query(DutyAssessment).get(assessment_id)
    a.paid = True
    a.paid_at = utcnow()
    a.deferred_account = deferred_account
    session.commit()
    return a


def load_hs_codes(rows, session=None):
    """Bulk load the TARIC extract (rows of dicts). Used by manage.py."""
    session = session or db_session
    n = 0
    for row in rows:
        code = validate_hs_code(row["code"])
        hs = session.query(HsCode).get(code) or HsCode(code=code)
        hs.description = row.get("description")
        hs.duty_rate = D(row.get("duty_rate") or 0)
        hs.vat_rate = D(row.get("vat_rate") or 19)
        hs.supplementary_unit = row.get("supplementary_unit")
        hs.requires_license = str(row.get("requires_license", "")).lower() in ("1", "y", "true")
        session.merge(hs)
        n += 1
    session.commit()
    return n
