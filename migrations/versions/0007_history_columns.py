"""one shape for lifecycle history rows: route step notes become reasons, actions up to 32 chars

Revision ID: 0007
Revises: 0006
"""
from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('route_step_history', schema=None) as batch_op:
        batch_op.alter_column('note', new_column_name='reason', existing_type=sa.Text(), existing_nullable=False)
        batch_op.alter_column('action', type_=sa.String(length=32), existing_type=sa.String(length=24),
                              existing_nullable=False)
    with op.batch_alter_table('order_history', schema=None) as batch_op:
        batch_op.alter_column('action', type_=sa.String(length=32), existing_type=sa.String(length=24),
                              existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('order_history', schema=None) as batch_op:
        batch_op.alter_column('action', type_=sa.String(length=24), existing_type=sa.String(length=32),
                              existing_nullable=False)
    with op.batch_alter_table('route_step_history', schema=None) as batch_op:
        batch_op.alter_column('action', type_=sa.String(length=24), existing_type=sa.String(length=32),
                              existing_nullable=False)
        batch_op.alter_column('reason', new_column_name='note', existing_type=sa.Text(), existing_nullable=False)
