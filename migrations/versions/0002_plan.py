"""plan and notifications

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 14:28:07.476072
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('dedupe_key', sa.String(length=200), nullable=False),
    sa.Column('read_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('emailed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_notification_user_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification')),
    sa.UniqueConstraint('user_id', 'dedupe_key', name=op.f('uq_notification_user_id_dedupe_key'))
    )
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_notification_user_id'), ['user_id'], unique=False)

    op.create_table('plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('academic_year', sa.String(length=9), nullable=False),
    sa.Column('source_name', sa.String(length=255), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('imported_by_id', sa.Integer(), nullable=True),
    sa.Column('feed_token', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['imported_by_id'], ['app_user.id'], name=op.f('fk_plan_imported_by_id_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_plan_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan')),
    sa.UniqueConstraint('feed_token', name=op.f('uq_plan_feed_token'))
    )
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('plan_stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('section', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_stage_plan_id_plan')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_stage'))
    )
    with op.batch_alter_table('plan_stage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_stage_plan_id'), ['plan_id'], unique=False)

    op.create_table('plan_task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('term_raw', sa.Text(), nullable=False),
    sa.Column('term_kind', sa.String(length=16), nullable=False),
    sa.Column('term_start', sa.Date(), nullable=True),
    sa.Column('term_end', sa.Date(), nullable=True),
    sa.Column('term_recurrence', sa.String(length=120), nullable=False),
    sa.Column('term_details', sa.JSON(), nullable=True),
    sa.Column('assignees_raw', sa.Text(), nullable=False),
    sa.Column('assignee_note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('source_ref', sa.String(length=100), nullable=False),
    sa.CheckConstraint("status IN ('planned', 'in_progress', 'done', 'cancelled')", name=op.f('ck_plan_task_status')),
    sa.CheckConstraint("term_kind IN ('date', 'window', 'recurring', 'event', 'continuous', 'reference', 'unparsed')", name=op.f('ck_plan_task_term_kind')),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_plan_task_plan_id_plan')),
    sa.ForeignKeyConstraint(['stage_id'], ['plan_stage.id'], name=op.f('fk_plan_task_stage_id_plan_stage')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task'))
    )
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_stage_id'), ['stage_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_term_end'), ['term_end'], unique=False)

    op.create_table('plan_task_assignee',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('raw', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('person', 'role', 'group', 'council', 'unknown')", name=op.f('ck_plan_task_assignee_kind')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_plan_task_assignee_person_id_person')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_assignee_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_assignee'))
    )
    with op.batch_alter_table('plan_task_assignee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_assignee_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_assignee_task_id'), ['task_id'], unique=False)

    op.create_table('plan_task_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_plan_task_comment_author_id_app_user')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_comment_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_comment'))
    )
    with op.batch_alter_table('plan_task_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_comment_task_id'), ['task_id'], unique=False)

    op.create_table('plan_task_evidence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('ref_id', sa.Integer(), nullable=True),
    sa.Column('url', sa.Text(), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=False),
    sa.Column('file_data', sa.LargeBinary(), nullable=True),
    sa.CheckConstraint("kind IN ('act', 'order', 'meeting', 'file', 'link')", name=op.f('ck_plan_task_evidence_kind')),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_plan_task_evidence_author_id_app_user')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_evidence_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_evidence'))
    )
    with op.batch_alter_table('plan_task_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_evidence_task_id'), ['task_id'], unique=False)

    op.create_table('plan_task_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_plan_task_history_actor_id_app_user')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_history_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_history'))
    )
    with op.batch_alter_table('plan_task_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_history_task_id'), ['task_id'], unique=False)

    op.create_table('plan_task_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('done', sa.Boolean(), nullable=False),
    sa.Column('done_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['done_by_id'], ['app_user.id'], name=op.f('fk_plan_task_item_done_by_id_app_user')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_item_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_item'))
    )
    with op.batch_alter_table('plan_task_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_item_task_id'), ['task_id'], unique=False)

    op.create_table('plan_task_occurrence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('task_id', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('done_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('planned', 'done', 'skipped')", name=op.f('ck_plan_task_occurrence_status')),
    sa.ForeignKeyConstraint(['done_by_id'], ['app_user.id'], name=op.f('fk_plan_task_occurrence_done_by_id_app_user')),
    sa.ForeignKeyConstraint(['task_id'], ['plan_task.id'], name=op.f('fk_plan_task_occurrence_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_task_occurrence')),
    sa.UniqueConstraint('task_id', 'due', name=op.f('uq_plan_task_occurrence_task_id_due'))
    )
    with op.batch_alter_table('plan_task_occurrence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_task_occurrence_due'), ['due'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_task_occurrence_task_id'), ['task_id'], unique=False)

    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email', sa.String(length=254), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('feed_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_app_user_feed_token'), ['feed_token'])



def downgrade() -> None:
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_app_user_feed_token'), type_='unique')
        batch_op.drop_column('feed_token')
        batch_op.drop_column('email')

    with op.batch_alter_table('plan_task_occurrence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_occurrence_task_id'))
        batch_op.drop_index(batch_op.f('ix_plan_task_occurrence_due'))

    op.drop_table('plan_task_occurrence')
    with op.batch_alter_table('plan_task_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_item_task_id'))

    op.drop_table('plan_task_item')
    with op.batch_alter_table('plan_task_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_history_task_id'))

    op.drop_table('plan_task_history')
    with op.batch_alter_table('plan_task_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_evidence_task_id'))

    op.drop_table('plan_task_evidence')
    with op.batch_alter_table('plan_task_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_comment_task_id'))

    op.drop_table('plan_task_comment')
    with op.batch_alter_table('plan_task_assignee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_assignee_task_id'))
        batch_op.drop_index(batch_op.f('ix_plan_task_assignee_person_id'))

    op.drop_table('plan_task_assignee')
    with op.batch_alter_table('plan_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_task_term_end'))
        batch_op.drop_index(batch_op.f('ix_plan_task_stage_id'))
        batch_op.drop_index(batch_op.f('ix_plan_task_plan_id'))

    op.drop_table('plan_task')
    with op.batch_alter_table('plan_stage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_stage_plan_id'))

    op.drop_table('plan_stage')
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_organisation_id'))

    op.drop_table('plan')
    with op.batch_alter_table('notification', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_notification_user_id'))

    op.drop_table('notification')
