"""reviews, goals and expenses

Revision ID: f0e93b7d6a14
Revises: d47a19c2b8e5
Create Date: 2022-11-14 16:45:37
"""
import sqlalchemy as sa
from alembic import op

revision = "f0e93b7d6a14"
down_revision = "d47a19c2b8e5"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "review_cycles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(20)),
        sa.Column("merit_budget_pct", sa.Numeric(5, 2)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "performance_reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("cycle_id", sa.Integer(), sa.ForeignKey("review_cycles.id"), nullable=False),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("rating", sa.Integer()),
        sa.Column("calibrated_rating", sa.Integer()),
        sa.Column("summary", sa.Text()),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("cycle_id", sa.Integer(), sa.ForeignKey("review_cycles.id")),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("weight", sa.Integer()),
        sa.Column("progress", sa.Integer()),
        sa.Column("due_date", sa.Date()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "expense_claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(20), unique=True, nullable=False),
        sa.Column("employee_id", sa.Integer(), sa.ForeignKey("employees.id"), nullable=False),
        sa.Column("approver_id", sa.Integer(), sa.ForeignKey("employees.id")),
        sa.Column("status", sa.String(20)),
        sa.Column("total", sa.Numeric(12, 2)),
        sa.Column("currency", sa.String(3)),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.Column("decided_at", sa.DateTime(timezone=True)),
        sa.Column("rejection_reason", sa.String(200)),
        sa.Column("reimbursed_in_payslip_id", sa.Integer(), sa.ForeignKey("payslips.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "expense_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("claim_id", sa.Integer(), sa.ForeignKey("expense_claims.id"), nullable=False),
        sa.Column("spent_on", sa.Date(), nullable=False),
        sa.Column("category", sa.String(30), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("km", sa.Numeric(8, 1)),
        sa.Column("description", sa.String(200)),
    )
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("item_id", sa.Integer(), sa.ForeignKey("expense_items.id"), nullable=False),
        sa.Column("storage_key", sa.String(300), nullable=False),
        sa.Column("content_type", sa.String(80)),
        sa.Column("uploaded_at", sa.DateTime(timezone=True)),
    )


def downgrade():
    op.drop_table("receipts")
    op.drop_table("expense_items")
    op.drop_table("expense_claims")
    op.drop_table("goals")
    op.drop_table("performance_reviews")
    op.drop_table("review_cycles")
