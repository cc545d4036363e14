"""Queries for the selling side: passes, rental counter, restaurants."""
import datetime

from sqlalchemy import and_, func, or_

from ..models import DBSession
from ..models.passes import LiftPass, PriceRule, PriceSeason
from ..models.rental import EquipmentCategory, EquipmentItem, RentalOrder
from ..models.fnb import MenuItem, PosCheck
from .base import BaseRepository


class PassRepository(BaseRepository):
    model = LiftPass

    def by_serial(self, serial):
        return self.query().filter(LiftPass.serial == serial.strip().upper()).first()

    def by_rfid(self, uid):
        return self.query().filter(LiftPass.rfid_uid == uid).first()

    def valid_for_guest(self, guest_id, day=None):
        day = day or datetime.date.today()
        return self.query().filter(LiftPass.guest_id == guest_id,
                                   LiftPass.status.in_(('issued', 'active')),
                                   LiftPass.valid_from <= day,
                                   LiftPass.valid_to >= day).all()

    def sold_between(self, start, end):
        return self.query().filter(LiftPass.created_at >= start,
                                   LiftPass.created_at < end).all()


def season_for(day):
    return DBSession.query(PriceSeason).filter(PriceSeason.start_date <= day,
                                               PriceSeason.end_date >= day) \
        .order_by(PriceSeason.multiplier.desc()).first()


def find_price_rule(product_id, season_id, age_category, advance_days=0):
    q = DBSession.query(PriceRule).filter(
        PriceRule.product_id == product_id,
        PriceRule.age_category == age_category,
        or_(PriceRule.season_id == season_id, PriceRule.season_id == None),  # noqa
        PriceRule.advance_days <= advance_days)
    # most specific first: season-specific beats generic, bigger advance discount wins
    return q.order_by(PriceRule.season_id.is_(None), PriceRule.advance_days.desc()).first()


class RentalRepository(BaseRepository):
    model = RentalOrder

    def open_orders(self):
        return self.query().filter(RentalOrder.status == 'open') \
            .order_by(RentalOrder.due_back).all()

    def overdue(self, now=None):
        now = now or datetime.datetime.utcnow()
        return self.query().filter(RentalOrder.status.in_(('open', 'overdue')),
                                   RentalOrder.due_back < now).all()

    def available_items(self, category_id, size=None):
        q = DBSession.query(EquipmentItem).filter(
            EquipmentItem.category_id == category_id,
            EquipmentItem.status == 'available',
            EquipmentItem.deleted == False)  # noqa
        if size:
            q = q.filter(EquipmentItem.size == size)
        return q.order_by(EquipmentItem.last_tuned.desc()).all()


def items_due_for_tuning(today=None):
    today = today or datetime.date.today()
    rows = DBSession.query(EquipmentItem, EquipmentCategory) \
        .join(EquipmentCategory) \
        .filter(EquipmentItem.status == 'available',
                EquipmentItem.deleted == False).all()  # noqa
    due = []
    for item, cat in rows:
        if item.last_tuned is None or \
                (today - item.last_tuned).days >= (cat.tune_every_days or 10):
            due.append(item)
    return due


class PosRepository(BaseRepository):
    model = PosCheck

    def open_checks(self, outlet_id):
        return self.query().filter(PosCheck.outlet_id == outlet_id,
                                   PosCheck.status == 'open') \
            .order_by(PosCheck.opened_at).all()

    def closed_on(self, outlet_id, day):
        start = datetime.datetime.combine(day, datetime.time.min)
        end = start + datetime.timedelta(days=1)
        return self.query().filter(PosCheck.outlet_id == outlet_id,
                                   PosCheck.closed_at >= start,
                                   PosCheck.closed_at < end).all()


def menu_for_outlet(outlet_id, include_inactive=False):
    q = DBSession.query(MenuItem).filter(MenuItem.outlet_id == outlet_id)
    if not include_inactive:
        q = q.filter(MenuItem.active == True)  # noqa
    return q.order_by(MenuItem.category, MenuItem.name).all()
