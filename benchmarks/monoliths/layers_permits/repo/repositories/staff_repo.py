from models.core import StaffMember
from models.staff import InspectorCertification, LeaveRequest, Shift
from repositories.base import BaseRepository


class StaffRepository(BaseRepository):
    model = StaffMember

    def by_username(self, username):
        return self.query().filter(StaffMember.username == username.strip().lower()).first()

    def with_role(self, role):
        return [s for s in self.query().filter(StaffMember.active.is_(True)).all() if s.has_role(role)]

    def certified(self, cert_code, day):
        return (self.query().join(InspectorCertification)
                .filter(StaffMember.active.is_(True), InspectorCertification.cert_code == cert_code)
                .filter((InspectorCertification.expires_on.is_(None)) | (InspectorCertification.expires_on >= day))
                .all())


class ShiftRepository(BaseRepository):
    model = Shift

    def field_shifts_on(self, day, district_id=None):
        q = self.query().filter(Shift.work_date == day, Shift.kind == "field")
        if district_id:
            q = q.filter(Shift.district_id == district_id)
        return q.all()

    def week(self, week_start, week_end):
        return (self.query().filter(Shift.work_date >= week_start, Shift.work_date <= week_end)
                .order_by(Shift.work_date, Shift.staff_id).all())


def approved_leave_on(session, day):
    return (session.query(LeaveRequest)
            .filter(LeaveRequest.status == "approved")
            .filter(LeaveRequest.first_day <= day, LeaveRequest.last_day >= day)
            .all())
