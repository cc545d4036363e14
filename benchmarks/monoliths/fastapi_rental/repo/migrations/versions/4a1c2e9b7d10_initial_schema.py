"""initial schema

Revision ID: 4a1c2e9b7d10
Revises:
Create Date: 2021-09-13 10:02:41
"""
import sqlalchemy as sa
from alembic import op

revision = "4a1c2e9b7d10"
down_revision = None
branch_labels = None
depends_on = None


def _timestamps():
    return [
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    ]


def upgrade():
    op.create_table(
        "branches",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(8), unique=True, nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("city", sa.String(80), nullable=False),
        sa.Column("opens_at", sa.String(5)),
        sa.Column("is_airport", sa.Boolean(), server_default=sa.false()),
        *_timestamps(),
    )
    op.create_table(
        "vehicle_categories",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(4), unique=True, nullable=False),
        sa.Column("label", sa.String(80), nullable=False),
        sa.Column("seats", sa.Integer(), server_default="5"),
        sa.Column("deposit_amount", sa.Numeric(10, 2), server_default="300.00"),
        sa.Column("min_driver_age", sa.Integer(), server_default="21"),
    )
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("plate", sa.String(16), unique=True, nullable=False),
        sa.Column("make", sa.String(40), nullable=False),
        sa.Column("model", sa.String(60), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("fuel_type", sa.String(12)),
        sa.Column("mileage_km", sa.Integer(), server_default="0"),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("category_id", sa.Integer(), sa.ForeignKey("vehicle_categories.id"), nullable=False),
        sa.Column("branch_id", sa.Integer(), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("acquired_on", sa.Date()),
        sa.Column("retired_on", sa.Date()),
        *_timestamps(),
    )
    op.create_table(
        "odometer_readings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id"), nullable=False),
        sa.Column("km", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(20)),
        sa.Column("read_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "corporate_accounts",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("company_name", sa.String(160), nullable=False),
        sa.Column("vat_number", sa.String(20)),
        sa.Column("discount_pct", sa.Numeric(5, 2), server_default="0"),
        sa.Column("pays_by_invoice", sa.Boolean(), server_default=sa.false()),
        *_timestamps(),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("first_name", sa.String(80), nullable=False),
        sa.Column("last_name", sa.String(80), nullable=False),
        sa.Column("email", sa.String(200), nullable=False, index=True),
        sa.Column("phone", sa.String(30)),
        sa.Column("birth_date", sa.Date()),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("blocked_reason", sa.String(200)),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("corporate_accounts.id")),
        sa.Column("merged_into_id", sa.Integer(), sa.ForeignKey("customers.id")),
        *_timestamps(),
    )
    op.create_table(
        "driving_licences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("verified", sa.Boolean(), server_default=sa.false()),
    )
    op.create_table(
        "rate_plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("category_id", sa.Integer(), sa.ForeignKey("vehicle_categories.id"), nullable=False),
        sa.Column("branch_id", sa.Integer(), sa.ForeignKey("branches.id")),
        sa.Column("daily_rate", sa.Numeric(8, 2), nullable=False),
        sa.Column("weekly_rate", sa.Numeric(8, 2)),
        sa.Column("km_included_per_day", sa.Integer(), server_default="250"),
        sa.Column("extra_km_price", sa.Numeric(6, 2), server_default="0.25"),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        *_timestamps(),
    )
    op.create_table(
        "season_rules",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("rate_plan_id", sa.Integer(), sa.ForeignKey("rate_plans.id"), nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("multiplier", sa.Numeric(4, 2), server_default="1.00"),
    )
    op.create_table(
        "extra_products",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(12), unique=True, nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("price_per_day", sa.Numeric(8, 2), nullable=False),
        sa.Column("max_price", sa.Numeric(8, 2)),
        sa.Column("active", sa.Boolean(), server_default=sa.true()),
    )
    op.create_table(
        "promo_codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(20), unique=True, nullable=False),
        sa.Column("percent_off", sa.Numeric(5, 2)),
        sa.Column("amount_off", sa.Numeric(8, 2)),
        sa.Column("valid_until", sa.Date()),
        sa.Column("max_uses", sa.Integer()),
        sa.Column("times_used", sa.Integer(), server_default="0"),
    )
    op.create_table(
        "reservations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reference", sa.String(12), unique=True, nullable=False),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("category_id", sa.Integer(), sa.ForeignKey("vehicle_categories.id"), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id")),
        sa.Column("pickup_branch_id", sa.Integer(), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("return_branch_id", sa.Integer(), sa.ForeignKey("branches.id"), nullable=False),
        sa.Column("pickup_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("return_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("promo_code", sa.String(20)),
        sa.Column("quoted_total", sa.Numeric(10, 2), server_default="0"),
        sa.Column("currency", sa.String(3), server_default="EUR"),
        sa.Column("cancelled_at", sa.DateTime(timezone=True)),
        *_timestamps(),
    )
    op.create_table(
        "reservation_extras",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reservation_id", sa.Integer(), sa.ForeignKey("reservations.id"), nullable=False),
        sa.Column("product_id", sa.Integer(), sa.ForeignKey("extra_products.id"), nullable=False),
        sa.Column("quantity", sa.Integer(), server_default="1"),
        sa.Column("price_each", sa.Numeric(8, 2), nullable=False),
    )
    op.create_table(
        "rental_agreements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(16), unique=True, nullable=False),
        sa.Column("reservation_id", sa.Integer(), sa.ForeignKey("reservations.id"), unique=True),
        sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id"), nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True)),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.Column("final_total", sa.Numeric(10, 2)),
        *_timestamps(),
    )
    op.create_table(
        "handovers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("agreement_id", sa.Integer(), sa.ForeignKey("rental_agreements.id"), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("km", sa.Integer(), nullable=False),
        sa.Column("fuel_eighths", sa.Integer(), server_default="8"),
        sa.Column("damage_diagram", sa.JSON()),
        sa.Column("staff_user", sa.String(40)),
        sa.Column("happened_at", sa.DateTime(timezone=True), server_default=sa.func.now()),
    )
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reservation_id", sa.Integer(), sa.ForeignKey("reservations.id")),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        sa.Column("currency", sa.String(3), server_default="EUR"),
        sa.Column("method", sa.String(10), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("gateway_ref", sa.String(64)),
        sa.Column("purpose", sa.String(20), server_default="rental"),
        *_timestamps(),
    )
    op.create_table(
        "deposit_holds",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("reservation_id", sa.Integer(), sa.ForeignKey("reservations.id"), nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False),
        sa.Column("captured_amount", sa.Numeric(10, 2), server_default="0"),
        sa.Column("gateway_ref", sa.String(64)),
        sa.Column("status", sa.String(12), server_default="held"),
        sa.Column("expires_at", sa.DateTime(timezone=True)),
        *_timestamps(),
    )
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("number", sa.String(20), unique=True, nullable=False),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("account_id", sa.Integer(), sa.ForeignKey("corporate_accounts.id")),
        sa.Column("agreement_id", sa.Integer(), sa.ForeignKey("rental_agreements.id")),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("net_total", sa.Numeric(10, 2), server_default="0"),
        sa.Column("vat_total", sa.Numeric(10, 2), server_default="0"),
        sa.Column("paid", sa.Boolean(), server_default=sa.false()),
        *_timestamps(),
    )
    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("description", sa.String(200), nullable=False),
        sa.Column("quantity", sa.Numeric(8, 2), server_default="1"),
        sa.Column("unit_price", sa.Numeric(10, 2), nullable=False),
        sa.Column("vat_rate", sa.Numeric(4, 2), server_default="0.21"),
    )


def downgrade():
    for table in ("invoice_lines", "invoices", "deposit_holds", "payments", "handovers", "rental_agreements",
                  "reservation_extras", "reservations", "promo_codes", "extra_products", "season_rules",
                  "rate_plans", "driving_licences", "customers", "corporate_accounts", "odometer_readings",
                  "vehicles", "vehicle_categories", "branches"):
        op.drop_table(table)
