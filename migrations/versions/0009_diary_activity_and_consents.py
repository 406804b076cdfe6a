"""diary activity and consents

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28 15:41:26.011367
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('diary_confirmation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_diary_confirmation_student_id_student')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_diary_confirmation_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diary_confirmation')),
    sa.UniqueConstraint('user_id', 'student_id', 'week_start', name=op.f('uq_diary_confirmation_user_id_student_id_week_start'))
    )
    with op.batch_alter_table('diary_confirmation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diary_confirmation_student_id'), ['student_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_diary_confirmation_user_id'), ['user_id'], unique=False)

    op.create_table('diary_view',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_diary_view_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_diary_view_student_id_student')),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_diary_view_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_diary_view'))
    )
    with op.batch_alter_table('diary_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_diary_view_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_diary_view_student_at', ['student_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_diary_view_user_id'), ['user_id'], unique=False)

    op.create_table('pd_consent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('parent_person_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('text_version', sa.String(length=40), nullable=False),
    sa.Column('given_on', sa.Date(), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('recorded_at', core.db.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_pd_consent_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['parent_person_id'], ['person.id'], name=op.f('fk_pd_consent_parent_person_id_person')),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_pd_consent_recorded_by_app_user')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_pd_consent_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pd_consent'))
    )
    with op.batch_alter_table('pd_consent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pd_consent_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pd_consent_parent_person_id'), ['parent_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pd_consent_student_id'), ['student_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('pd_consent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pd_consent_student_id'))
        batch_op.drop_index(batch_op.f('ix_pd_consent_parent_person_id'))
        batch_op.drop_index(batch_op.f('ix_pd_consent_organisation_id'))

    op.drop_table('pd_consent')
    with op.batch_alter_table('diary_view', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diary_view_user_id'))
        batch_op.drop_index('ix_diary_view_student_at')
        batch_op.drop_index(batch_op.f('ix_diary_view_organisation_id'))

    op.drop_table('diary_view')
    with op.batch_alter_table('diary_confirmation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_diary_confirmation_user_id'))
        batch_op.drop_index(batch_op.f('ix_diary_confirmation_student_id'))

    op.drop_table('diary_confirmation')
