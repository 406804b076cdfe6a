"""homework files

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28 15:57:07.833477
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('homework_file',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('homework_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('content_type', sa.String(length=100), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('added_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('added_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['added_by'], ['app_user.id'], name=op.f('fk_homework_file_added_by_app_user')),
    sa.ForeignKeyConstraint(['homework_id'], ['homework.id'], name=op.f('fk_homework_file_homework_id_homework')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework_file'))
    )
    with op.batch_alter_table('homework_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_file_homework_id'), ['homework_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('homework_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_file_homework_id'))

    op.drop_table('homework_file')
