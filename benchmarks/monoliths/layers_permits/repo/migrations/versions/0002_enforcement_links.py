"""link payments and deficiencies to enforcement

Revision ID: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("payments", sa.Column("citation_id", sa.Integer, sa.ForeignKey("citations.id")))
    op.add_column("inspection_deficiencies",
                  sa.Column("referred_case_id", sa.Integer, sa.ForeignKey("enforcement_cases.id")))


def downgrade():
    op.drop_column("inspection_deficiencies", "referred_case_id")
    op.drop_column("payments", "citation_id")
