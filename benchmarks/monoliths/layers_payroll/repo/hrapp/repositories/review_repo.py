
from hrapp.common.base_repository import BaseRepository
from hrapp.models import Employee, Goal, PerformanceReview


class ReviewRepository(BaseRepository):
    model = PerformanceReview

    def in_cycle(self, cycle_id, org_unit_id=None):
        q = self.session.query(PerformanceReview).filter(PerformanceReview.cycle_id == cycle_id)
        if org_unit_id is not None:
            q = q.join(Employee, Employee.id == PerformanceReview.employee_id).filter(Employee.org_unit_id == org_unit_id)
        return q.all()


class GoalRepository(BaseRepository):
    model = Goal
