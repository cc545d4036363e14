"""excise returns + lpa rates (alcohol duty reform Aug 2023)

Revision ID: 0023
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"


def upgrade():
    op.add_column("excise_rates", sa.Column("rate_per_lpa", sa.Numeric(10, 4)))
    op.create_table("excise_returns", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("period", sa.String(6), unique=True), sa.Column("status", sa.String(12)),
                    sa.Column("total_lpa", sa.Numeric(12, 4)), sa.Column("total_duty", sa.Numeric(12, 2)),
                    sa.Column("submitted_at", sa.DateTime), sa.Column("hmrc_reference", sa.String(40)))
    op.create_table("excise_return_lines", sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("excise_return_id", sa.Integer, sa.ForeignKey("excise_returns.id")),
                    sa.Column("stock_movement_id", sa.Integer, sa.ForeignKey("stock_movements.id")),
                    sa.Column("wine_id", sa.Integer), sa.Column("litres", sa.Numeric(12, 3)),
                    sa.Column("lpa", sa.Numeric(12, 4)), sa.Column("band", sa.String(10)),
                    sa.Column("duty", sa.Numeric(12, 2)))


def downgrade():
    op.drop_table("excise_return_lines")
    op.drop_table("excise_returns")
    op.drop_column("excise_rates", "rate_per_lpa")
