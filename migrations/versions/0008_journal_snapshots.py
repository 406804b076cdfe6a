"""journal snapshots

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28 15:37:40.495381
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('journal_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('last_change_id', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_journal_snapshot_class_id_school_class')),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_journal_snapshot_created_by_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_journal_snapshot_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['period_id'], ['school_period.id'], name=op.f('fk_journal_snapshot_period_id_school_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_snapshot')),
    sa.UniqueConstraint('class_id', 'period_id', 'number', name=op.f('uq_journal_snapshot_class_id_period_id_number'))
    )
    with op.batch_alter_table('journal_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_snapshot_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_journal_snapshot_organisation_id'), ['organisation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('journal_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_snapshot_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_journal_snapshot_class_id'))

    op.drop_table('journal_snapshot')
