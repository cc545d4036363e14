from hrapp.common.base_repository import BaseRepository
from hrapp.models import BenefitEnrollment, BenefitPlan


class BenefitRepository(BaseRepository):
    model = BenefitPlan

    def active_plans(self):
        return self.session.query(BenefitPlan).filter(BenefitPlan.active.is_(True)).all()

    def by_code(self, code):
        return self.session.query(BenefitPlan).filter_by(code=code).one_or_none()

    def enrollments_for(self, employee_id, on_date):
        return (
            self.session.query(BenefitEnrollment)
            .filter(
                BenefitEnrollment.employee_id == employee_id,
                BenefitEnrollment.start_date <= on_date,
                (BenefitEnrollment.end_date.is_(None)) | (BenefitEnrollment.end_date >= on_date),
            )
            .all()
        )

    def add_enrollment(self, enrollment):
        self.session.add(enrollment)
        self.session.flush()
        return enrollment
