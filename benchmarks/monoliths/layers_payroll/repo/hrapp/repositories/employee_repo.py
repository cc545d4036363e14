from sqlalchemy import select, text

from hrapp.common.base_repository import BaseRepository
from hrapp.models import Employee, EmploymentStatus, Position


class EmployeeRepository(BaseRepository):
    model = Employee

    def active(self, org_unit_id=None):
        stmt = select(Employee).where(Employee.status == EmploymentStatus.ACTIVE, Employee.deleted_at.is_(None))
        if org_unit_id is not None:
            stmt = stmt.where(Employee.org_unit_id == org_unit_id)
        return self.session.execute(stmt.order_by(Employee.last_name)).scalars().all()

    def direct_reports(self, manager_id):
        return self.session.query(Employee).filter(Employee.manager_id == manager_id).all()

    def next_employee_number(self):
        row = self.session.execute(text("SELECT nextval('employee_number_seq')")).scalar()
        return f"E{row:06d}"

    def add_contract(self, contract):
        self.session.add(contract)
        self.session.flush()
        return contract


class PositionRepository(BaseRepository):
    model = Position
