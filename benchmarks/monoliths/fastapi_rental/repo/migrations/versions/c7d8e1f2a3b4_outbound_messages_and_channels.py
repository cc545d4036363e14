"""message templates, outbound message log, booking channel, marketing opt-in

Revision ID: c7d8e1f2a3b4
Revises: 9e3f5a0c6b22
Create Date: 2022-06-02 09:12:55
"""
import sqlalchemy as sa
from alembic import op

revision = "c7d8e1f2a3b4"
down_revision = "9e3f5a0c6b22"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "message_templates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.String(40), nullable=False),
        sa.Column("language", sa.String(2), server_default="en"),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("subject", sa.String(200)),
        sa.Column("body", sa.Text(), nullable=False),
        sa.UniqueConstraint("key", "language", "channel"),
    )
    op.create_table(
        "outbound_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("customer_id", sa.Integer(), sa.ForeignKey("customers.id")),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("recipient", sa.String(200), nullable=False),
        sa.Column("template_key", sa.String(40), nullable=False),
        sa.Column("payload", sa.JSON()),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer(), server_default="0"),
        sa.Column("last_error", sa.String(300)),
    )
    op.add_column("reservations", sa.Column("channel", sa.String(20), server_default="web"))
    op.add_column("customers", sa.Column("marketing_opt_in", sa.Boolean(), server_default=sa.false()))


def downgrade():
    op.drop_column("customers", "marketing_opt_in")
    op.drop_column("reservations", "channel")
    op.drop_table("outbound_messages")
    op.drop_table("message_templates")
