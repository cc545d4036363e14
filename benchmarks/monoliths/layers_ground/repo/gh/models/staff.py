from gh.extensions import db
from gh.models.base import TimestampMixin, CRUDMixin, SoftDeleteMixin


class Staff(TimestampMixin, CRUDMixin, SoftDeleteMixin, db.Model):
    __tablename__ = "staff"

    id = db.Column(db.Integer, primary_key=True)
    employee_no = db.Column(db.String(12), unique=True, nullable=False)
    first_name = db.Column(db.String(64))
    last_name = db.Column(db.String(64))
    email = db.Column(db.String(120))
    phone = db.Column(db.String(32))
    team = db.Column(db.String(32))  # RAMP, PAX, LOADCONTROL, GSE_WORKSHOP, BAGGAGE
    contract_hours = db.Column(db.Integer, default=40)
    is_supervisor = db.Column(db.Boolean, default=False)
    active = db.Column(db.Boolean, default=True)

    @property
    def full_name(self):
        return "%s %s" % (self.first_name, self.last_name)


class Shift(db.Model):
    __tablename__ = "shifts"

    id = db.Column(db.Integer, primary_key=True)
    team = db.Column(db.String(32), nullable=False)
    starts_at = db.Column(db.DateTime, nullable=False, index=True)
    ends_at = db.Column(db.DateTime, nullable=False)
    min_headcount = db.Column(db.Integer, default=1)
    published = db.Column(db.Boolean, default=False)

    assignments = db.relationship("ShiftAssignment", backref="shift", lazy="dynamic")

    def hours(self):
        return (self.ends_at - self.starts_at).total_seconds() / 3600.0


class ShiftAssignment(db.Model):
    __tablename__ = "shift_assignments"

    id = db.Column(db.Integer, primary_key=True)
    shift_id = db.Column(db.Integer, db.ForeignKey("shifts.id"), nullable=False)
    staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"), nullable=False)
    role = db.Column(db.String(32))
    status = db.Column(db.String(12), default="ASSIGNED")  # ASSIGNED, SWAPPED, SICK, NO_SHOW

    staff = db.relationship("Staff")


class LeaveRequest(TimestampMixin, db.Model):
    __tablename__ = "leave_requests"

    id = db.Column(db.Integer, primary_key=True)
    staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"), nullable=False)
    start_date = db.Column(db.Date, nullable=False)
    end_date = db.Column(db.Date, nullable=False)
    kind = db.Column(db.String(16), default="ANNUAL")
    status = db.Column(db.String(12), default="PENDING")
    approved_by = db.Column(db.Integer, db.ForeignKey("users.id"))


class Timesheet(db.Model):
    __tablename__ = "timesheets"

    id = db.Column(db.Integer, primary_key=True)
    staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"), nullable=False)
    shift_id = db.Column(db.Integer, db.ForeignKey("shifts.id"))
    clock_in = db.Column(db.DateTime)
    clock_out = db.Column(db.DateTime)
    overtime_minutes = db.Column(db.Integer, default=0)
    approved = db.Column(db.Boolean, default=False)
