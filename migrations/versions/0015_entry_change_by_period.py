"""entry changes of a school read by time

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 16:00:00
"""
from alembic import op

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('entry_change', schema=None) as batch_op:
        batch_op.create_index('ix_entry_change_organisation_at', ['organisation_id', 'at'], unique=False)
        batch_op.drop_index('ix_entry_change_organisation_id')


def downgrade() -> None:
    with op.batch_alter_table('entry_change', schema=None) as batch_op:
        batch_op.create_index('ix_entry_change_organisation_id', ['organisation_id'], unique=False)
        batch_op.drop_index('ix_entry_change_organisation_at')
