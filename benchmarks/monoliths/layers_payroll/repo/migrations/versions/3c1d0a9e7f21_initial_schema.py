"""initial schema

Revision ID: 3c1d0a9e7f21
Revises: 
Create Date: 2022-03-07 09:41:12
"""
import sqlalchemy as sa
from alembic import op

revision = "3c1d0a9e7f21"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE SEQUENCE employee_number_seq START 1000")
    op.create_table(
        "org_units",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(20), unique=True, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("parent_id", sa.Integer(), sa.ForeignKey("org_units.id")),
        sa.Column("manager_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("cost_center", sa.String(20)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "positions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("org_unit_id", sa.Integer(), sa.ForeignKey("org_units.id")),
        sa.Column("min_salary", sa.Numeric(12, 2)),
        sa.Column("max_salary", sa.Numeric(12, 2)),
        sa.Column("is_open", sa.Boolean()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "employees",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_number", sa.String(20), unique=True, nullable=False),
        sa.Column("first_name", sa.String(80), nullable=False),
        sa.Column("last_name", sa.String(80), nullable=False),
        sa.Column("work_email", sa.String(200), unique=True),
        sa.Column("national_id", sa.String(20)),
        sa.Column("hire_date", sa.Date(), nullable=False),
        sa.Column("termination_date", sa.Date()),
        sa.Column("status", sa.String(20)),
        sa.Column("org_unit_id", sa.Integer(), sa.ForeignKey("org_units.id")),
        sa.Column("position_id", sa.Integer(), sa.ForeignKey("positions.id")),
        sa.Column("manager_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("iban", sa.String(34)),
        sa.Column("tax_code", sa.String(10)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
        sa.Column("created_by_id", sa.Integer()),
        sa.Column("updated_by_id", sa.Integer()),
    )
    op.create_table(
        "employment_contracts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("contract_type", sa.String(20)),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("fte", sa.Numeric(4, 2)),
        sa.Column("monthly_salary", sa.Numeric(12, 2), nullable=False),
        sa.Column("hourly_rate", sa.Numeric(8, 2)),
        sa.Column("weekly_hours", sa.Numeric(4, 1)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "payroll_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("pay_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20)),
        sa.Column("is_off_cycle", sa.Boolean()),
        sa.Column("total_gross", sa.Numeric(14, 2)),
        sa.Column("total_net", sa.Numeric(14, 2)),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("approved_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("created_by_id", sa.Integer()),
        sa.Column("updated_by_id", sa.Integer()),
    )
    op.create_table(
        "payslips",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("payroll_runs.id"), nullable=False),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("gross", sa.Numeric(12, 2)),
        sa.Column("taxable", sa.Numeric(12, 2)),
        sa.Column("income_tax", sa.Numeric(12, 2)),
        sa.Column("social_security", sa.Numeric(12, 2)),
        sa.Column("net", sa.Numeric(12, 2)),
        sa.Column("reimbursements", sa.Numeric(12, 2)),
        sa.Column("overtime_hours", sa.Numeric(6, 2)),
        sa.Column("is_final_pay", sa.Boolean()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "payslip_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("payslip_id", sa.Integer(), sa.ForeignKey("payslips.id"), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("description", sa.String(200)),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("taxable", sa.Boolean()),
    )
    op.create_table(
        "tax_brackets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("lower", sa.Numeric(12, 2), nullable=False),
        sa.Column("upper", sa.Numeric(12, 2)),
        sa.Column("rate", sa.Numeric(5, 4), nullable=False),
        sa.Column("tax_code", sa.String(10)),
    )
    op.create_table(
        "timesheets",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20)),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.Column("approved_by_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("payroll_run_id", sa.Integer(), sa.ForeignKey("payroll_runs.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.UniqueConstraint("employee_id", "week_start"),
    )
    op.create_table(
        "timesheet_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("timesheet_id", sa.Integer(), sa.ForeignKey("timesheets.id"), nullable=False),
        sa.Column("work_date", sa.Date(), nullable=False),
        sa.Column("hours", sa.Numeric(5, 2), nullable=False),
        sa.Column("project_code", sa.String(20)),
        sa.Column("is_overtime", sa.Boolean()),
        sa.Column("note", sa.String(200)),
    )
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("half_day_start", sa.Boolean()),
        sa.Column("half_day_end", sa.Boolean()),
        sa.Column("days", sa.Numeric(5, 1)),
        sa.Column("status", sa.String(20)),
        sa.Column("approver_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("reason", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "leave_balances",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20)),
        sa.Column("entitled", sa.Numeric(5, 1)),
        sa.Column("carried_over", sa.Numeric(5, 1)),
        sa.Column("taken", sa.Numeric(5, 1)),
        sa.Column("closed", sa.Boolean()),
        sa.UniqueConstraint("employee_id", "year", "kind"),
    )


def downgrade():
    op.drop_table("leave_balances")
    op.drop_table("absences")
    op.drop_table("timesheet_entries")
    op.drop_table("timesheets")
    op.drop_table("tax_brackets")
    op.drop_table("payslip_lines")
    op.drop_table("payslips")
    op.drop_table("payroll_runs")
    op.drop_table("employment_contracts")
    op.drop_table("employees")
    op.drop_table("positions")
    op.drop_table("org_units")
    op.execute("DROP SEQUENCE employee_number_seq")
