"""shipping rates per carrier and zone

Revision ID: 3f2a9c1d7e44
Revises: 9b8e1a2c3d4f
Create Date: 2023-04-11 10:12:31.104322
"""
import sqlalchemy as sa
from alembic import op

revision = "3f2a9c1d7e44"
down_revision = "9b8e1a2c3d4f"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "shipping_rates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("carrier_id", sa.Integer(), sa.ForeignKey("carriers.id"), nullable=False),
        sa.Column("zone", sa.String(8), nullable=False),
        sa.Column("max_weight_g", sa.Integer(), nullable=False),
        sa.Column("price", sa.Numeric(10, 2), nullable=False),
    )
    op.create_index("shipping_rates_zone_idx", "shipping_rates", ["carrier_id", "zone"])


def downgrade():
    op.drop_index("shipping_rates_zone_idx", table_name="shipping_rates")
    op.drop_table("shipping_rates")
