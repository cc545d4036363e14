from datetime import date

from gh.extensions import db
from gh.models.base import TimestampMixin


class Course(db.Model):
    __tablename__ = "courses"

    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String(16), unique=True)  # AIRSIDE_DL, PUSHBACK, DGR_CAT6, DEICING, FUELLING
    title = db.Column(db.String(128))
    validity_months = db.Column(db.Integer, default=24)
    mandatory_for_team = db.Column(db.String(32))


class TrainingSession(db.Model):
    __tablename__ = "training_sessions"

    id = db.Column(db.Integer, primary_key=True)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id"), nullable=False)
    starts_at = db.Column(db.DateTime, nullable=False)
    trainer = db.Column(db.String(64))
    room = db.Column(db.String(32))
    capacity = db.Column(db.Integer, default=12)

    course = db.relationship("Course")


class Enrollment(TimestampMixin, db.Model):
    __tablename__ = "enrollments"

    id = db.Column(db.Integer, primary_key=True)
    session_id = db.Column(db.Integer, db.ForeignKey("training_sessions.id"), nullable=False)
    staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"), nullable=False)
    result = db.Column(db.String(8))  # PASS / FAIL / NOSHOW
    score = db.Column(db.Integer)


class Certification(db.Model):
    __tablename__ = "certifications"

    id = db.Column(db.Integer, primary_key=True)
    staff_id = db.Column(db.Integer, db.ForeignKey("staff.id"), nullable=False, index=True)
    course_id = db.Column(db.Integer, db.ForeignKey("courses.id"), nullable=False)
    issued_on = db.Column(db.Date, nullable=False)
    expires_on = db.Column(db.Date)
    revoked = db.Column(db.Boolean, default=False)

    course = db.relationship("Course")

    def is_valid(self, on=None):
        on = on or date.today()
        return not self.revoked and (self.expires_on is None or self.expires_on >= on)
