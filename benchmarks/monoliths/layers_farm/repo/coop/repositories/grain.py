from sqlalchemy import func, text

from coop.models import (Bin, DiscountSchedule, GradeSample, IntakeTicket,
                         StockMovement, StorageSite)
from coop.repositories import BaseRepository, NotFoundError


class IntakeTicketRepository(BaseRepository):
    model = IntakeTicket

    def by_number(self, ticket_no):
        t = self.session.query(IntakeTicket).filter_by(ticket_no=ticket_no).first()
        if t is None:
            raise NotFoundError(ticket_no)
        return t

    def open_at_site(self, site_id):
        return (
            self.session.query(IntakeTicket)
            .filter(IntakeTicket.site_id == site_id,
                    IntakeTicket.status.in_(("open", "weighed", "graded")))
            .order_by(IntakeTicket.arrived_at)
            .all()
        )

    def for_member(self, member_id, crop_year=None):
        q = self.session.query(IntakeTicket).filter(IntakeTicket.member_id == member_id)
        if crop_year:
            q = q.filter(text("EXTRACT(YEAR FROM intake_tickets.arrived_at - INTERVAL '7 months') = :cy")
                         ).params(cy=crop_year)
        return q.order_by(IntakeTicket.arrived_at.desc()).all()

    def next_ticket_no(self, site_code):
        n = self.session.execute(text("SELECT nextval('intake_ticket_seq')")).scalar()
        return "%s-%07d" % (site_code, n)

    def latest_sample(self, ticket_id):
        return (
            self.session.query(GradeSample)
            .filter_by(ticket_id=ticket_id)
            .order_by(GradeSample.created_at.desc())
            .first()
        )

    def unsettled_for_pool(self, pool_id, up_to=None):
        q = self.session.query(IntakeTicket).filter(
            IntakeTicket.pool_id == pool_id,
            IntakeTicket.status == "binned",
            IntakeTicket.settlement_run_id.is_(None),
        )
        if up_to:
            q = q.filter(IntakeTicket.closed_at <= up_to)
        return q.all()


class DiscountScheduleRepository(BaseRepository):
    model = DiscountSchedule

    def for_commodity(self, commodity, crop_year):
        return (
            self.session.query(DiscountSchedule)
            .filter_by(commodity=commodity, crop_year=crop_year)
            .order_by(DiscountSchedule.factor, DiscountSchedule.lower)
            .all()
        )


class BinRepository(BaseRepository):
    model = Bin

    def site_by_code(self, code):
        return self.session.query(StorageSite).filter_by(code=code).one()

    def bins_at(self, site_id, commodity=None):
        q = self.session.query(Bin).filter(Bin.site_id == site_id, Bin.out_of_service.is_(False))
        if commodity:
            q = q.filter(or_commodity_empty(commodity))
        return q.order_by(Bin.code).all()

    def lock(self, bin_id):
        return self.session.query(Bin).filter_by(id=bin_id).with_for_update().one()

    def inventory_by_grade(self, commodity=None):
        q = self.session.query(Bin.commodity, Bin.grade_code, func.sum(Bin.current_kg))
        if commodity:
            q = q.filter(Bin.commodity == commodity)
        return q.group_by(Bin.commodity, Bin.grade_code).all()


class StockMovementRepository(BaseRepository):
    model = StockMovement

    def book_balance(self, bin_id, as_of=None):
        q = self.session.query(func.coalesce(func.sum(StockMovement.qty_kg), 0)).filter(
            StockMovement.bin_id == bin_id)
        if as_of:
            q = q.filter(StockMovement.moved_at <= as_of)
        return int(q.scalar())

    def record(self, bin_id, qty_kg, movement_type, ref_type=None, ref_id=None, note=None):
        mv = StockMovement(bin_id=bin_id, qty_kg=qty_kg, movement_type=movement_type,
                           ref_type=ref_type, ref_id=ref_id, note=note)
        self.session.add(mv)
        return mv


def or_commodity_empty(commodity):
    # bins that already hold this commodity or are empty
    from sqlalchemy import or_
    return or_(Bin.commodity == commodity, Bin.current_kg == 0, Bin.commodity.is_(None))
