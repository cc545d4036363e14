"""baseline: schema as imported from the first release

Revision ID: 0001
"""
from alembic import op

from models import Base

revision = "0001"
down_revision = None


def upgrade():
    Base.metadata.create_all(op.get_bind())


def downgrade():
    Base.metadata.drop_all(op.get_bind())
