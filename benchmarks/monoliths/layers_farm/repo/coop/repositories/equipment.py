from sqlalchemy import and_, or_

from coop.models import (Equipment, EquipmentBooking, MaintenanceLog,
                         OperatorCertification)
from coop.repositories import BaseRepository


class EquipmentRepository(BaseRepository):
    model = Equipment

    def by_code(self, code):
        return self.session.query(Equipment).filter_by(code=code).first()

    def rentable(self, equipment_class=None):
        q = self.session.query(Equipment).filter(Equipment.status.notin_(("maintenance", "retired")))
        if equipment_class:
            q = q.filter(Equipment.equipment_class == equipment_class)
        return q.order_by(Equipment.code).all()

    def due_for_service(self):
        return (
            self.session.query(Equipment)
            .filter(Equipment.status != "retired")
            .filter(Equipment.hour_meter - Equipment.last_service_hours >= Equipment.service_interval_h)
            .all()
        )


class BookingRepository(BaseRepository):
    model = EquipmentBooking

    def overlapping(self, equipment_id, start_at, end_at, exclude_id=None):
        q = self.session.query(EquipmentBooking).filter(
            EquipmentBooking.equipment_id == equipment_id,
            EquipmentBooking.status.in_(("requested", "confirmed", "out")),
            and_(EquipmentBooking.start_at < end_at, EquipmentBooking.end_at > start_at),
        )
        if exclude_id:
            q = q.filter(EquipmentBooking.id != exclude_id)
        return q.all()

    def for_member(self, member_id, active_only=False):
        q = self.session.query(EquipmentBooking).filter_by(member_id=member_id)
        if active_only:
            q = q.filter(EquipmentBooking.status.in_(("confirmed", "out")))
        return q.order_by(EquipmentBooking.start_at.desc()).all()

    def overdue(self, now):
        return (
            self.session.query(EquipmentBooking)
            .filter(EquipmentBooking.status == "out", EquipmentBooking.end_at < now)
            .all()
        )

    def returned_unbilled(self):
        return (
            self.session.query(EquipmentBooking)
            .filter(EquipmentBooking.status == "returned")
            .filter(~EquipmentBooking.charges.any())
            .all()
        )

    def valid_cert(self, member_id, equipment_class, on_date):
        return (
            self.session.query(OperatorCertification)
            .filter(OperatorCertification.member_id == member_id,
                    OperatorCertification.equipment_class == equipment_class,
                    or_(OperatorCertification.expires_on.is_(None),
                        OperatorCertification.expires_on >= on_date))
            .first()
        )


class MaintenanceRepository(BaseRepository):
    model = MaintenanceLog

    def open_jobs(self, equipment_id=None):
        q = self.session.query(MaintenanceLog).filter(MaintenanceLog.completed_on.is_(None))
        if equipment_id:
            q = q.filter_by(equipment_id=equipment_id)
        return q.all()
