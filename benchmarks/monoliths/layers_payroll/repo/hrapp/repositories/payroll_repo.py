from sqlalchemy import select, text

from hrapp.common.base_repository import BaseRepository
from hrapp.models import Deduction, PayrollRun, Payslip, PayslipLine, TaxBracket


class PayrollRunRepository(BaseRepository):
    model = PayrollRun

    def for_period(self, period_start, off_cycle=False):
        return self.session.execute(
            select(PayrollRun).where(PayrollRun.period_start == period_start, PayrollRun.is_off_cycle == off_cycle)
        ).scalar_one_or_none()

    def update_totals(self, run):
        row = self.session.execute(
            text("SELECT COALESCE(SUM(gross),0), COALESCE(SUM(net),0) FROM payslips WHERE run_id = :run"),
            {"run": run.id},
        ).one()
        run.total_gross, run.total_net = row


class PayslipRepository(BaseRepository):
    model = Payslip

    def for_employee(self, employee_id, limit=24):
        return (
            self.session.query(Payslip)
            .filter(Payslip.employee_id == employee_id)
            .join(PayrollRun)
            .order_by(PayrollRun.period_start.desc())
            .limit(limit)
            .all()
        )

    def in_run(self, run_id):
        return self.session.query(Payslip).filter(Payslip.run_id == run_id).all()

    def add_line(self, payslip, code, amount, description="", taxable=True):
        line = PayslipLine(payslip=payslip, code=code, amount=amount, description=description, taxable=taxable)
        self.session.add(line)
        return line

    def ytd_taxable(self, employee_id, year):
        # reads the run calendar directly; faster than the ORM on the big tenants
        return self.session.execute(
            text(
                "SELECT COALESCE(SUM(p.taxable), 0) FROM payslips p "
                "JOIN payroll_runs r ON r.id = p.run_id "
                "WHERE p.employee_id = :emp AND EXTRACT(YEAR FROM r.pay_date) = :year "
                "AND r.status IN ('approved', 'paid')"
            ),
            {"emp": employee_id, "year": year},
        ).scalar()


class DeductionRepository(BaseRepository):
    model = Deduction

    def active_for(self, employee_id, on_date):
        return (
            self.session.query(Deduction)
            .filter(
                Deduction.employee_id == employee_id,
                Deduction.start_date <= on_date,
                (Deduction.end_date.is_(None)) | (Deduction.end_date >= on_date),
            )
            .all()
        )

    def for_enrollment(self, enrollment_id):
        return self.session.query(Deduction).filter(Deduction.source_enrollment_id == enrollment_id).all()


class TaxBracketRepository(BaseRepository):
    model = TaxBracket

    def brackets(self, country, year, tax_code="STD"):
        return (
            self.session.query(TaxBracket)
            .filter_by(country=country, year=year, tax_code=tax_code)
            .order_by(TaxBracket.lower)
            .all()
        )
