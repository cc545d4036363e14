"""recruitment

Revision ID: d47a19c2b8e5
Revises: 8b52e6f4a0c3
Create Date: 2022-08-22 11:20:03
"""
import sqlalchemy as sa
from alembic import op

revision = "d47a19c2b8e5"
down_revision = "8b52e6f4a0c3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "job_openings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(20), unique=True, nullable=False),
        sa.Column("position_id", sa.Integer(), sa.ForeignKey("positions.id"), nullable=False),
        sa.Column("hiring_manager_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("title", sa.String(160), nullable=False),
        sa.Column("description", sa.Text()),
        sa.Column("budget_salary", sa.Numeric(12, 2)),
        sa.Column("opened_on", sa.Date()),
        sa.Column("closes_on", sa.Date()),
        sa.Column("status", sa.String(20)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("first_name", sa.String(80), nullable=False),
        sa.Column("last_name", sa.String(80), nullable=False),
        sa.Column("email", sa.String(200), nullable=False),
        sa.Column("source", sa.String(40)),
        sa.Column("referred_by_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("hired_employee_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("deleted_at", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "applications",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("opening_id", sa.Integer(), sa.ForeignKey("job_openings.id"), nullable=False),
        sa.Column("candidate_id", sa.Integer(), sa.ForeignKey("candidates.id"), nullable=False),
        sa.Column("stage", sa.String(20)),
        sa.Column("expected_salary", sa.Numeric(12, 2)),
        sa.Column("offer_salary", sa.Numeric(12, 2)),
        sa.Column("rejection_reason", sa.String(200)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "interviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("application_id", sa.Integer(), sa.ForeignKey("applications.id"), nullable=False),
        sa.Column("interviewer_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(20)),
        sa.Column("score", sa.Integer()),
        sa.Column("feedback", sa.Text()),
    )


def downgrade():
    op.drop_table("interviews")
    op.drop_table("applications")
    op.drop_table("candidates")
    op.drop_table("job_openings")
