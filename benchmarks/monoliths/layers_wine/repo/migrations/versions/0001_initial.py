"""initial schema

Revision ID: 0001
Create Date: 2021-03-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    op.create_table("roles", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(40), unique=True, nullable=False),
                    sa.Column("description", sa.String(200)))
    op.create_table("users", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("email", sa.String(120), unique=True, nullable=False),
                    sa.Column("full_name", sa.String(120)), sa.Column("password_hash", sa.String(200)),
                    sa.Column("role_id", sa.Integer, sa.ForeignKey("roles.id")),
                    sa.Column("active", sa.Boolean), sa.Column("created_at", sa.DateTime))
    op.create_table("producers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.String(120), nullable=False),
                    sa.Column("country", sa.String(2), nullable=False), sa.Column("region", sa.String(80)),
                    sa.Column("currency", sa.String(3)))
    op.create_table("wines", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("sku", sa.String(30), unique=True, nullable=False),
                    sa.Column("producer_id", sa.Integer, sa.ForeignKey("producers.id")),
                    sa.Column("name", sa.String(160)), sa.Column("vintage", sa.Integer),
                    sa.Column("abv", sa.Numeric(4, 2)), sa.Column("cost_price", sa.Numeric(10, 4)))
    op.create_table("customers", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("account_code", sa.String(12), unique=True),
                    sa.Column("name", sa.String(160), nullable=False), sa.Column("trade_type", sa.String(20)))
    op.create_table("sales_orders", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("number", sa.String(20), unique=True),
                    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id")),
                    sa.Column("status", sa.String(20)), sa.Column("order_date", sa.Date))
    op.create_table("invoices", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("number", sa.String(20), unique=True),
                    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customers.id")),
                    sa.Column("gross_total", sa.Numeric(12, 2)))
    # remaining tables created with autogenerate, see 0002


def downgrade():
    for t in ("invoices", "sales_orders", "customers", "wines", "producers", "users", "roles"):
        op.drop_table(t)
