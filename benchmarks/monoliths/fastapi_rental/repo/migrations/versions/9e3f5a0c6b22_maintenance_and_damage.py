"""maintenance jobs, damage reports and insurance claims

Revision ID: 9e3f5a0c6b22
Revises: 4a1c2e9b7d10
Create Date: 2022-01-24 16:45:10
"""
import sqlalchemy as sa
from alembic import op

revision = "9e3f5a0c6b22"
down_revision = "4a1c2e9b7d10"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "workshops",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("branch_id", sa.Integer(), sa.ForeignKey("branches.id")),
        sa.Column("is_internal", sa.Boolean(), server_default=sa.false()),
        sa.Column("email", sa.String(200)),
    )
    op.create_table(
        "damage_reports",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id"), nullable=False),
        sa.Column("agreement_id", sa.Integer(), sa.ForeignKey("rental_agreements.id")),
        sa.Column("zone", sa.String(30), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("severity", sa.Integer(), server_default="1"),
        sa.Column("estimated_cost", sa.Numeric(10, 2)),
        sa.Column("photos", sa.JSON()),
        sa.Column("charged_to_customer", sa.Boolean(), server_default=sa.false()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "maintenance_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id"), nullable=False),
        sa.Column("workshop_id", sa.Integer(), sa.ForeignKey("workshops.id")),
        sa.Column("damage_report_id", sa.Integer(), sa.ForeignKey("damage_reports.id")),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("planned_for", sa.Date(), nullable=False),
        sa.Column("finished_on", sa.Date()),
        sa.Column("km_at_service", sa.Integer()),
        sa.Column("cost", sa.Numeric(10, 2)),
        sa.Column("notes", sa.Text()),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "service_intervals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("category_id", sa.Integer(), sa.ForeignKey("vehicle_categories.id"), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("every_km", sa.Integer()),
        sa.Column("every_days", sa.Integer()),
    )
    op.create_table(
        "insurance_policies",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("insurer", sa.String(80), nullable=False),
        sa.Column("policy_number", sa.String(40), nullable=False),
        sa.Column("category_id", sa.Integer(), sa.ForeignKey("vehicle_categories.id")),
        sa.Column("excess_amount", sa.Numeric(10, 2), server_default="1000.00"),
        sa.Column("reduced_excess_amount", sa.Numeric(10, 2), server_default="250.00"),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("damage_report_id", sa.Integer(), sa.ForeignKey("damage_reports.id"), nullable=False),
        sa.Column("policy_id", sa.Integer(), sa.ForeignKey("insurance_policies.id")),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("insurer_reference", sa.String(40)),
        sa.Column("claimed_amount", sa.Numeric(10, 2)),
        sa.Column("settled_amount", sa.Numeric(10, 2)),
        sa.Column("customer_liability", sa.Numeric(10, 2)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )


def downgrade():
    for table in ("claims", "insurance_policies", "service_intervals", "maintenance_jobs", "damage_reports",
                  "workshops"):
        op.drop_table(table)
