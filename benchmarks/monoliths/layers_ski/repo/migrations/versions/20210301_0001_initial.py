"""initial schema

Revision ID: 0001
Revises:
Create Date: 2021-03-01
"""
revision = '0001'
down_revision = None


def upgrade():
    from resort.models.meta import Base
    from alembic import op
    Base.metadata.create_all(op.get_bind())


def downgrade():
    pass
