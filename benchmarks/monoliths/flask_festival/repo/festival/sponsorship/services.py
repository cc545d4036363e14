"""Sponsorship business logic."""
import datetime
import logging

from sqlalchemy import text

from festival.emails import send_sponsor_deliverable_reminder
from festival.extensions import db
from festival.models import Sponsor, Stage
from festival.sponsorship.models import (Activation, SponsorDeliverable, SponsorInvoice,
                                         SponsorshipDeal)
from festival.utils.money import add_vat, vat_portion

log = logging.getLogger(__name__)


class DealError(Exception):
    pass


def deals_for_year(year, statuses=("signed", "live", "completed")):
    return SponsorshipDeal.query.filter(SponsorshipDeal.year == year,
                                        SponsorshipDeal.status.in_(statuses)).all()


def pipeline_value(year):
    rows = db.session.query(SponsorshipDeal.status,
                            db.func.sum(SponsorshipDeal.cash_value_pence)) \
        .filter(SponsorshipDeal.year == year).group_by(SponsorshipDeal.status).all()
    return {status: int(total or 0) for status, total in rows}


def exclusivity_conflicts(deal):
    """Traders selling competing brands. Reads the vendors tables directly
    because nobody wanted to add an endpoint to the god views module."""
    if not deal.exclusivity_category:
        return []
    sponsor = deal.sponsor
    sql = text("""
        SELECT v.id, v.name, v.sells_drinks_brands
        FROM vendors v
        JOIN vendor_applications a ON a.vendor_id = v.id
        WHERE a.year = :year AND a.status = 'accepted'
          AND v.category IN ('bar', 'food')
          AND v.sells_drinks_brands IS NOT NULL
    """)
    conflicts = []
    for vid, name, brands in db.session.execute(sql, {"year": deal.year}):
        listed = [b.strip().lower() for b in (brands or "").split(",") if b.strip()]
        competitors = [b for b in listed if b != sponsor.name.lower()]
        if competitors:
            conflicts.append({"vendor_id": vid, "vendor": name, "brands": competitors})
    return conflicts


def sign_deal(deal, signed_by):
    if deal.status not in ("prospect", "negotiating"):
        raise DealError("Deal already %s" % deal.status)
    deal.status = "signed"
    deal.signed_at = datetime.datetime.utcnow()
    deal.owner = deal.owner or signed_by
    db.session.commit()
    if deal.naming_rights_stage_id:
        apply_stage_naming_rights(deal)
    return deal


def apply_stage_naming_rights(deal):
    # Writes into the line-up team's stages table. They know. Mostly.
    stage = Stage.query.get(deal.naming_rights_stage_id)
    if stage is None:
        return None
    stage.sponsor_name = deal.sponsor.name
    db.session.commit()
    log.info("stage %s now sponsored by %s", stage.name, deal.sponsor.name)
    return stage


def issue_hospitality_passes(deal):
    from festival.wristbands import issue_for_guest
    entries = []
    for i in range(deal.hospitality_passes or 0):
        entries.append(issue_for_guest("%s guest %d" % (deal.sponsor.name, i + 1), "sponsor",
                                       "deal:%d" % deal.id, email=deal.sponsor.contact_email,
                                       allocated_by="sponsorship"))
    return entries


def raise_invoice(deal, amount_pence=None, due_days=30):
    amount = amount_pence if amount_pence is not None else deal.cash_value_pence
    count = SponsorInvoice.query.count()
    inv = SponsorInvoice(deal_id=deal.id, number="SP%05d" % (count + 1),
                         amount_pence=add_vat(amount), vat_pence=vat_portion(add_vat(amount)),
                         due_at=datetime.datetime.utcnow() + datetime.timedelta(days=due_days))
    db.session.add(inv)
    db.session.commit()
    return inv


def overdue_deliverables(today=None):
    today = today or datetime.date.today()
    return SponsorDeliverable.query.filter(SponsorDeliverable.done == False,
                                           SponsorDeliverable.owed_by == "us",
                                           SponsorDeliverable.due_date < today).all()


def chase_overdue_deliverables():
    by_deal = {}
    for d in overdue_deliverables():
        by_deal.setdefault(d.deal_id, []).append(d)
    for deal_id, items in by_deal.items():
        send_sponsor_deliverable_reminder(SponsorshipDeal.query.get(deal_id), items)
    return len(by_deal)


def activation_footprint(year):
    rows = db.session.query(Activation.kind, db.func.sum(Activation.footprint_m2)) \
        .join(SponsorshipDeal).filter(SponsorshipDeal.year == year) \
        .group_by(Activation.kind).all()
    return dict(rows)
