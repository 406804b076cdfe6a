"""thematic plans

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28 16:01:36.095674
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('thematic_plan_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=500), nullable=False),
    sa.Column('hours', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_thematic_plan_item_course_id_course')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_thematic_plan_item')),
    sa.UniqueConstraint('course_id', 'position', name=op.f('uq_thematic_plan_item_course_id_position'))
    )
    with op.batch_alter_table('thematic_plan_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_thematic_plan_item_course_id'), ['course_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('thematic_plan_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_thematic_plan_item_course_id'))

    op.drop_table('thematic_plan_item')
