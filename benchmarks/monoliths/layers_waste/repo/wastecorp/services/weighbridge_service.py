"""Weighbridge tickets, gate fees and landfill tax."""
import datetime as dt
import logging
from decimal import Decimal

from sqlalchemy import func

from wastecorp.config import Config
from wastecorp.extensions import db
from wastecorp.models.materials import (DisposalSite, WasteStream, WeighbridgeTicket,
                                        GateFee, LandfillTaxReturn)
from wastecorp.repositories import common_repo
from wastecorp.utils.dates import now, quarter_bounds
from wastecorp.utils.misc import tonnes_from_kg, ewc_description
from wastecorp.utils.money import round_money

log = logging.getLogger(__name__)

MAX_GROSS_KG = 44000


class TicketError(Exception):
    pass


def _next_ticket_no(site):
    count = (db.session.query(func.count(WeighbridgeTicket.id))
             .filter(WeighbridgeTicket.site_id == site.id).scalar() or 0)
    return "%s%08d" % (site.code[:3], count + 1)


def weigh_in(site_code, stream_code, gross_kg, vehicle_reg=None, customer_id=None,
             schedule_id=None, operator=None):
    site = common_repo.get_disposal_site(site_code)
    stream = common_repo.waste_stream_by_code(stream_code)
    if site is None or stream is None:
        raise TicketError("unknown site %s or stream %s" % (site_code, stream_code))
    if gross_kg <= 0 or gross_kg > MAX_GROSS_KG:
        raise TicketError("implausible gross weight %s" % gross_kg)
    vehicle = common_repo.vehicle_by_registration(vehicle_reg) if vehicle_reg else None
    ticket = WeighbridgeTicket(ticket_no=_next_ticket_no(site), site_id=site.id,
                               waste_stream_id=stream.id,
                               vehicle_id=vehicle.id if vehicle else None,
                               vehicle_reg=vehicle_reg, customer_id=customer_id,
                               schedule_id=schedule_id, gross_kg=gross_kg,
                               weighed_in_at=now(), operator=operator, status="OPEN")
    if vehicle and vehicle.tare_kg:
        # our own trucks have a stored tare, no need to weigh out
        ticket.tare_kg = vehicle.tare_kg
        ticket.net_kg = gross_kg - vehicle.tare_kg
        ticket.weighed_out_at = ticket.weighed_in_at
        ticket.status = "COMPLETE"
    db.session.add(ticket)
    db.session.commit()
    return ticket


def weigh_out(ticket_no, tare_kg, operator=None):
    t = db.session.query(WeighbridgeTicket).filter_by(ticket_no=ticket_no).first()
    if t is None:
        raise TicketError("ticket %s not found" % ticket_no)
    if t.status != "OPEN":
        raise TicketError("ticket %s is %s" % (ticket_no, t.status))
    if tare_kg >= t.gross_kg:
        raise TicketError("tare %s >= gross %s" % (tare_kg, t.gross_kg))
    t.tare_kg = tare_kg
    t.net_kg = t.gross_kg - tare_kg
    t.weighed_out_at = now()
    t.status = "COMPLETE"
    if operator:
        t.operator = operator
    db.session.commit()
    return t


def void_ticket(ticket_no, reason):
    t = db.session.query(WeighbridgeTicket).filter_by(ticket_no=ticket_no).first()
    if t is None:
        raise TicketError("ticket %s not found" % ticket_no)
    t.status = "VOID"
    t.void_reason = reason
    db.session.commit()
    return t


def gate_fee_for(site_id, waste_stream_id, on_date):
    fee = (db.session.query(GateFee)
           .filter(GateFee.site_id == site_id, GateFee.waste_stream_id == waste_stream_id)
           .filter(GateFee.valid_from <= on_date)
           .filter((GateFee.valid_to == None) | (GateFee.valid_to >= on_date))  # noqa: E711
           .order_by(GateFee.valid_from.desc()).first())
    return fee.price_per_tonne if fee else Decimal("0.00")


def calc_gate_fee(ticket):
    day = (ticket.weighed_in_at or now()).date()
    rate = gate_fee_for(ticket.site_id, ticket.waste_stream_id, day)
    return round_money(rate * tonnes_from_kg(ticket.net_kg))


def landfill_tax_for(ticket):
    stream = ticket.waste_stream or db.session.query(WasteStream).get(ticket.waste_stream_id)
    band = stream.landfill_tax_band if stream else "STANDARD"
    rate = {"STANDARD": Config.LANDFILL_TAX_STANDARD_PER_TONNE,
            "LOWER": Config.LANDFILL_TAX_LOWER_PER_TONNE}.get(band, Decimal("0"))
    return round_money(rate * tonnes_from_kg(ticket.net_kg))


def tonnage_by_stream(start, end, site_code=None):
    q = (db.session.query(WasteStream.code, WasteStream.ewc_code,
                          func.sum(WeighbridgeTicket.net_kg))
         .join(WeighbridgeTicket, WeighbridgeTicket.waste_stream_id == WasteStream.id)
         .filter(WeighbridgeTicket.status == "COMPLETE")
         .filter(WeighbridgeTicket.weighed_in_at >= start)
         .filter(WeighbridgeTicket.weighed_in_at < end + dt.timedelta(days=1)))
    if site_code:
        q = q.join(DisposalSite).filter(DisposalSite.code == site_code)
    return [{"stream": code, "ewc": ewc, "description": ewc_description(ewc),
             "tonnes": tonnes_from_kg(kg)}
            for code, ewc, kg in q.group_by(WasteStream.code, WasteStream.ewc_code)]


def prepare_landfill_tax_return(year, quarter):
    start, end = quarter_bounds(year, quarter)
    sql = db.text("""
        SELECT ws.landfill_tax_band AS band, SUM(t.net_kg) AS kg
          FROM weighbridge_tickets t
          JOIN waste_streams ws ON ws.id = t.waste_stream_id
          JOIN disposal_sites s ON s.id = t.site_id
         WHERE t.status = 'COMPLETE' AND s.site_type = 'LANDFILL' AND s.own_site = true
           AND t.weighed_in_at >= :start AND t.weighed_in_at < :end_excl
         GROUP BY ws.landfill_tax_band
    """)
    rows = db.session.execute(sql, {"start": start,
                                    "end_excl": end + dt.timedelta(days=1)}).fetchall()
    kg = {r[0]: r[1] or 0 for r in rows}
    ret = LandfillTaxReturn(period_start=start, period_end=end,
                            standard_tonnes=tonnes_from_kg(kg.get("STANDARD")),
                            lower_tonnes=tonnes_from_kg(kg.get("LOWER")),
                            exempt_tonnes=tonnes_from_kg(kg.get("EXEMPT")))
    ret.tax_due = round_money(
        ret.standard_tonnes * Config.LANDFILL_TAX_STANDARD_PER_TONNE
        + ret.lower_tonnes * Config.LANDFILL_TAX_LOWER_PER_TONNE)
    db.session.add(ret)
    db.session.commit()
    return ret


def submit_landfill_tax_return(return_id, hmrc_ref):
    ret = db.session.query(LandfillTaxReturn).get(return_id)
    ret.submitted_at = now()
    ret.hmrc_ref = hmrc_ref
    db.session.commit()
    return ret


def tickets_for_customer(customer_id, start, end):
    """Used by billing for pay-by-weight / trade tipping customers."""
    return (db.session.query(WeighbridgeTicket)
            .filter(WeighbridgeTicket.customer_id == customer_id)
            .filter(WeighbridgeTicket.status == "COMPLETE")
            .filter(WeighbridgeTicket.weighed_in_at >= start)
            .filter(WeighbridgeTicket.weighed_in_at < end + dt.timedelta(days=1))
            .order_by(WeighbridgeTicket.weighed_in_at).all())


def set_gate_fee(site_code, stream_code, price_per_tonne, valid_from):
    site = common_repo.get_disposal_site(site_code)
    stream = common_repo.waste_stream_by_code(stream_code)
    current = (db.session.query(GateFee)
               .filter_by(site_id=site.id, waste_stream_id=stream.id, valid_to=None).first())
    if current:
        current.valid_to = valid_from - dt.timedelta(days=1)
    fee = GateFee(site_id=site.id, waste_stream_id=stream.id,
                  price_per_tonne=price_per_tonne, valid_from=valid_from)
    db.session.add(fee)
    db.session.commit()
    return fee
