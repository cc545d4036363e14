"""claims.fraud_score and claim_notes.internal

Revision ID: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.add_column("claims", sa.Column("fraud_score", sa.Integer(), nullable=True))
    op.add_column("claim_notes", sa.Column("internal", sa.Integer(), server_default="1"))


def downgrade():
    op.drop_column("claim_notes", "internal")
    op.drop_column("claims", "fraud_score")
