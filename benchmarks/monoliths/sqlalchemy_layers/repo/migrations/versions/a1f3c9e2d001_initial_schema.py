"""initial schema

Revision ID: a1f3c9e2d001
Revises:
Create Date: 2022-01-03 10:12:44
"""
import sqlalchemy as sa
from alembic import op

revision = "a1f3c9e2d001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rate_cards",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("currency", sa.String(3), server_default="EUR"),
        sa.Column("base_fee", sa.Numeric(10, 2)),
        sa.Column("per_km", sa.Numeric(10, 4)),
        sa.Column("per_kg", sa.Numeric(10, 4)),
        sa.Column("min_charge", sa.Numeric(10, 2)),
        sa.Column("active", sa.Boolean(), server_default=sa.true()),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("account_code", sa.String(20), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(200)),
        sa.Column("credit_limit", sa.Numeric(12, 2)),
        sa.Column("rate_card_id", sa.Integer(), sa.ForeignKey("rate_cards.id")),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(20), nullable=False, unique=True),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("origin_postcode", sa.String(20), nullable=False),
        sa.Column("destination_postcode", sa.String(20), nullable=False),
        sa.Column("total", sa.Numeric(12, 2)),
        sa.Column("status", sa.String(20)),
        sa.Column("valid_until", sa.Date()),
    )
    op.create_table(
        "shipments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(20), nullable=False, unique=True),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("quote_id", sa.Integer(), sa.ForeignKey("quotes.id")),
        sa.Column("origin_address", sa.Text(), nullable=False),
        sa.Column("destination_address", sa.Text(), nullable=False),
        sa.Column("pickup_date", sa.Date()),
        sa.Column("status", sa.String(20), index=True),
        sa.Column("price", sa.Numeric(12, 2)),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(30), unique=True),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("shipment_id", sa.Integer(), sa.ForeignKey("shipments.id")),
        sa.Column("issued_on", sa.Date()),
        sa.Column("due_on", sa.Date()),
        sa.Column("net_total", sa.Numeric(12, 2)),
        sa.Column("vat_total", sa.Numeric(12, 2)),
        sa.Column("status", sa.String(20)),
    )


def downgrade():
    for table in ("invoices", "shipments", "quotes", "customers", "rate_cards"):
        op.drop_table(table)
