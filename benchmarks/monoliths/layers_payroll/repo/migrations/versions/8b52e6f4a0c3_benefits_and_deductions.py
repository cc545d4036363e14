"""benefits and deductions

Revision ID: 8b52e6f4a0c3
Revises: 3c1d0a9e7f21
Create Date: 2022-05-16 14:02:55
"""
import sqlalchemy as sa
from alembic import op

revision = "8b52e6f4a0c3"
down_revision = "3c1d0a9e7f21"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "benefit_plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(20), unique=True, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(20)),
        sa.Column("employee_cost", sa.Numeric(10, 2)),
        sa.Column("employer_cost", sa.Numeric(10, 2)),
        sa.Column("per_dependent_cost", sa.Numeric(10, 2)),
        sa.Column("pre_tax", sa.Boolean()),
        sa.Column("active", sa.Boolean()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "benefit_enrollments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("benefit_plans.id"), nullable=False),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("coverage_level", sa.String(20)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "dependents",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("enrollment_id", sa.Integer(), sa.ForeignKey("benefit_enrollments.id")),
        sa.Column("full_name", sa.String(160), nullable=False),
        sa.Column("relation", sa.String(20)),
        sa.Column("birth_date", sa.Date()),
    )
    op.create_table(
        "deductions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2)),
        sa.Column("percent", sa.Numeric(5, 2)),
        sa.Column("pre_tax", sa.Boolean()),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date()),
        sa.Column("source_enrollment_id", sa.Integer(), sa.ForeignKey("benefit_enrollments.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )


def downgrade():
    op.drop_table("deductions")
    op.drop_table("dependents")
    op.drop_table("benefit_enrollments")
    op.drop_table("benefit_plans")
