"""summary signoff

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28 16:09:21.361715
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('summary_signoff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('prepared_by', sa.Integer(), nullable=False),
    sa.Column('prepared_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('signed_by', sa.Integer(), nullable=True),
    sa.Column('signed_at', core.db.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_summary_signoff_class_id_school_class')),
    sa.ForeignKeyConstraint(['prepared_by'], ['app_user.id'], name=op.f('fk_summary_signoff_prepared_by_app_user')),
    sa.ForeignKeyConstraint(['signed_by'], ['app_user.id'], name=op.f('fk_summary_signoff_signed_by_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_summary_signoff')),
    sa.UniqueConstraint('class_id', name=op.f('uq_summary_signoff_class_id'))
    )


def downgrade() -> None:
    op.drop_table('summary_signoff')
