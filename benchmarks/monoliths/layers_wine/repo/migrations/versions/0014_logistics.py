"""routes, vehicles, deliveries

Revision ID: 0014
Revises: 0013
"""
import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"


def upgrade():
    op.create_table("vehicles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("registration", sa.String(10), unique=True),
                    sa.Column("capacity_cases", sa.Integer))
    op.create_table("delivery_routes", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("route_date", sa.Date, index=True), sa.Column("zone", sa.String(20)),
                    sa.Column("vehicle_id", sa.Integer, sa.ForeignKey("vehicles.id")))
    op.add_column("deliveries", sa.Column("pod_image", sa.String(200)))


def downgrade():
    op.drop_column("deliveries", "pod_image")
    op.drop_table("delivery_routes")
    op.drop_table("vehicles")
