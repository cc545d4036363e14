"""baseline - schema as it was when we started using alembic

Revision ID: 0001
"""
from alembic import op

revision = "0001"
down_revision = None


def upgrade():
    # the schema predates alembic; a fresh DB is built from the models
    from insure.db import Base
    import insure.models  # noqa: F401
    Base.metadata.create_all(bind=op.get_bind())
    op.execute("CREATE SEQUENCE IF NOT EXISTS policy_number_seq START 100000")


def downgrade():
    raise NotImplementedError("no way back from the baseline")
