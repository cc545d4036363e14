"""instalments + billing_accounts.on_hold

Revision ID: 0003
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade():
    op.create_table(
        "instalments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("invoice_id", sa.Integer(), sa.ForeignKey("invoices.id"), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("amount", sa.Numeric(12, 2), nullable=False),
        sa.Column("collected", sa.Integer(), server_default="0"),
        sa.Column("collection_attempts", sa.Integer(), server_default="0"),
    )
    op.add_column("billing_accounts", sa.Column("on_hold", sa.Integer(), server_default="0"))


def downgrade():
    op.drop_column("billing_accounts", "on_hold")
    op.drop_table("instalments")
