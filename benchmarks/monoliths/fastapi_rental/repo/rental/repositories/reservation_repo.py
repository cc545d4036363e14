from sqlalchemy import and_, select

from rental.models import (Handover, HandoverKind, RentalAgreement, Reservation, ReservationStatus, Vehicle,
                           VehicleStatus)
from rental.repositories.base import BaseRepository

ACTIVE = (ReservationStatus.PENDING, ReservationStatus.CONFIRMED, ReservationStatus.ON_RENT)


class ReservationRepository(BaseRepository):
    model = Reservation

    def by_reference(self, ref):
        return self.db.scalar(select(Reservation).where(Reservation.reference == ref.upper()))

    def for_customer(self, customer_id):
        return (self.query().filter(Reservation.customer_id == customer_id)
                .order_by(Reservation.pickup_at.desc()))

    def pickups_between(self, start, end, branch_id=None):
        q = self.query().filter(Reservation.pickup_at >= start, Reservation.pickup_at < end,
                                Reservation.status == ReservationStatus.CONFIRMED)
        if branch_id:
            q = q.filter(Reservation.pickup_branch_id == branch_id)
        return q.all()

    def unpaid_pending_before(self, cutoff):
        return self.query().filter(Reservation.status == ReservationStatus.PENDING,
                                   Reservation.created_at < cutoff).all()

    def future_for_vehicle(self, vehicle_id, after):
        return self.query().filter(Reservation.vehicle_id == vehicle_id, Reservation.pickup_at >= after,
                                   Reservation.status.in_(ACTIVE)).all()


class AvailabilityRepository(BaseRepository):
    model = Vehicle

    def free_vehicles(self, category_id, branch_id, pickup_at, return_at):
        busy = select(Reservation.vehicle_id).where(
            Reservation.vehicle_id.is_not(None),
            Reservation.status.in_(ACTIVE),
            and_(Reservation.pickup_at < return_at, Reservation.return_at > pickup_at),
        )
        stmt = select(Vehicle).where(
            Vehicle.category_id == category_id,
            Vehicle.branch_id == branch_id,
            Vehicle.status.in_([VehicleStatus.AVAILABLE, VehicleStatus.RENTED]),
            Vehicle.id.not_in(busy),
        )
        return list(self.db.scalars(stmt))

    def booked_count(self, category_id, branch_id, pickup_at, return_at):
        return self.db.query(Reservation).filter(
            Reservation.category_id == category_id, Reservation.pickup_branch_id == branch_id,
            Reservation.status.in_(ACTIVE), Reservation.vehicle_id.is_(None),
            Reservation.pickup_at < return_at, Reservation.return_at > pickup_at).count()


class AgreementRepository(BaseRepository):
    model = RentalAgreement

    def for_reservation(self, reservation_id):
        return self.db.scalar(select(RentalAgreement).where(RentalAgreement.reservation_id == reservation_id))

    def handover(self, agreement_id, kind: HandoverKind):
        return self.db.scalar(select(Handover).where(Handover.agreement_id == agreement_id,
                                                     Handover.kind == kind))

    def who_had(self, vehicle_id, at):
        stmt = select(RentalAgreement).join(Reservation).where(
            RentalAgreement.vehicle_id == vehicle_id,
            Reservation.pickup_at <= at,
            (RentalAgreement.closed_at.is_(None)) | (RentalAgreement.closed_at >= at),
        )
        return self.db.scalar(stmt)
