"""fleet, drivers and warehouse tables

Revision ID: b7e41d0c5a17
Revises: a1f3c9e2d001
Create Date: 2022-06-20 14:03:09
"""
import sqlalchemy as sa
from alembic import op

revision = "b7e41d0c5a17"
down_revision = "a1f3c9e2d001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("registration", sa.String(16), nullable=False, unique=True),
        sa.Column("kind", sa.String(20)),
        sa.Column("payload_kg", sa.Integer(), nullable=False),
        sa.Column("odometer_km", sa.Integer()),
        sa.Column("depot", sa.String(60)),
        sa.Column("active", sa.Boolean(), server_default=sa.true()),
    )
    op.create_table(
        "drivers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("employee_no", sa.String(20), nullable=False, unique=True),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("home_depot", sa.String(60)),
        sa.Column("active", sa.Boolean(), server_default=sa.true()),
    )
    op.add_column("shipments", sa.Column("vehicle_id", sa.Integer(), sa.ForeignKey("vehicles.id")))
    op.add_column("shipments", sa.Column("driver_id", sa.Integer(), sa.ForeignKey("drivers.id")))
    op.create_table(
        "warehouses",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("code", sa.String(10), nullable=False, unique=True),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("capacity_pallets", sa.Integer()),
    )
    op.create_table(
        "stock_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("warehouse_id", sa.Integer(), sa.ForeignKey("warehouses.id"), nullable=False),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id"), nullable=False),
        sa.Column("sku", sa.String(40), nullable=False, index=True),
        sa.Column("quantity", sa.Integer(), nullable=False, server_default="0"),
        sa.CheckConstraint("quantity >= 0", name="ck_stock_non_negative"),
    )
    op.create_table(
        "stock_movements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("stock_item_id", sa.Integer(), sa.ForeignKey("stock_items.id"), nullable=False),
        sa.Column("shipment_id", sa.Integer(), sa.ForeignKey("shipments.id")),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(30)),
    )


def downgrade():
    op.drop_table("stock_movements")
    op.drop_table("stock_items")
    op.drop_table("warehouses")
    op.drop_column("shipments", "driver_id")
    op.drop_column("shipments", "vehicle_id")
    op.drop_table("drivers")
    op.drop_table("vehicles")
