"""price rules advance_days

Revision ID: 0017
Revises: 0016
"""
from alembic import op
import sqlalchemy as sa

revision = '0017'
down_revision = '0016'


def upgrade():
    op.add_column('price_rules', sa.Column('advance_days', sa.Integer(), server_default='0'))


def downgrade():
    op.drop_column('price_rules', 'advance_days')
