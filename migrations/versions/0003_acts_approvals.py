"""acts and approvals

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 14:39:50.850309
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('act_kind',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('adopting_body', sa.String(length=20), nullable=False),
    sa.Column('needs_founder', sa.Boolean(), nullable=False),
    sa.CheckConstraint("adopting_body IN ('director', 'pedagogical', 'governing')", name=op.f('ck_act_kind_adopting_body')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_act_kind_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act_kind')),
    sa.UniqueConstraint('organisation_id', 'code', name=op.f('uq_act_kind_organisation_id_code'))
    )
    with op.batch_alter_table('act_kind', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_kind_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('council',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('formed', sa.Boolean(), nullable=False),
    sa.Column('quorum_num', sa.Integer(), nullable=False),
    sa.Column('quorum_den', sa.Integer(), nullable=False),
    sa.Column('majority', sa.String(length=16), nullable=False),
    sa.Column('silence_is_consent', sa.Boolean(), nullable=False),
    sa.CheckConstraint("kind IN ('pedagogical', 'governing', 'students', 'parents', 'trade_union', 'other')", name=op.f('ck_council_kind')),
    sa.CheckConstraint("majority IN ('simple', 'two_thirds', 'members')", name=op.f('ck_council_majority')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_council_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council')),
    sa.UniqueConstraint('organisation_id', 'kind', 'name', name=op.f('uq_council_organisation_id_kind_name'))
    )
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('council_member',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('term_start', sa.Date(), nullable=False),
    sa.Column('term_end', sa.Date(), nullable=True),
    sa.CheckConstraint("role IN ('chair', 'secretary', 'member')", name=op.f('ck_council_member_role')),
    sa.ForeignKeyConstraint(['council_id'], ['council.id'], name=op.f('fk_council_member_council_id_council')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_council_member_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_member'))
    )
    with op.batch_alter_table('council_member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_member_council_id'), ['council_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_council_member_person_id'), ['person_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('quorate', sa.Boolean(), nullable=True),
    sa.Column('present_count', sa.Integer(), nullable=True),
    sa.Column('member_count', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('planned', 'held', 'cancelled')", name=op.f('ck_meeting_status')),
    sa.ForeignKeyConstraint(['council_id'], ['council.id'], name=op.f('fk_meeting_council_id_council')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting')),
    sa.UniqueConstraint('council_id', 'year', 'number', name=op.f('uq_meeting_council_id_year_number'))
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_council_id'), ['council_id'], unique=False)

    op.create_table('act',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('affects_students', sa.Boolean(), nullable=False),
    sa.Column('affects_employees', sa.Boolean(), nullable=False),
    sa.Column('labour_norms', sa.Boolean(), nullable=False),
    sa.Column('part2', sa.Boolean(), nullable=False),
    sa.Column('needs_founder', sa.Boolean(), nullable=False),
    sa.Column('adopted_with_violation', sa.Boolean(), nullable=False),
    sa.Column('violation_reason', sa.Text(), nullable=False),
    sa.Column('plan_task_ids', sa.JSON(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'discussion', 'review', 'adoption', 'adopted', 'in_force', 'superseded', 'repealed')", name=op.f('ck_act_status')),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_act_author_id_app_user')),
    sa.ForeignKeyConstraint(['kind_id'], ['act_kind.id'], name=op.f('fk_act_kind_id_act_kind')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_act_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act'))
    )
    with op.batch_alter_table('act', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_kind_id'), ['kind_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_act_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('present', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_attendance_meeting_id_meeting')),
    sa.ForeignKeyConstraint(['member_id'], ['council_member.id'], name=op.f('fk_attendance_member_id_council_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendance')),
    sa.UniqueConstraint('meeting_id', 'member_id', name=op.f('uq_attendance_meeting_id_member_id'))
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendance_member_id'), ['member_id'], unique=False)

    op.create_table('act_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('blocks', sa.JSON(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('frozen_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('edit_count', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'frozen')", name=op.f('ck_act_version_status')),
    sa.ForeignKeyConstraint(['act_id'], ['act.id'], name=op.f('fk_act_version_act_id_act')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_act_version_created_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act_version')),
    sa.UniqueConstraint('act_id', 'number', name=op.f('uq_act_version_act_id_number'))
    )
    with op.batch_alter_table('act_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_version_act_id'), ['act_id'], unique=False)

    op.create_table('act_comment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('block_index', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_act_comment_author_id_app_user')),
    sa.ForeignKeyConstraint(['parent_id'], ['act_comment.id'], name=op.f('fk_act_comment_parent_id_act_comment')),
    sa.ForeignKeyConstraint(['version_id'], ['act_version.id'], name=op.f('fk_act_comment_version_id_act_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act_comment'))
    )
    with op.batch_alter_table('act_comment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_comment_version_id'), ['version_id'], unique=False)

    op.create_table('act_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['act_id'], ['act.id'], name=op.f('fk_act_history_act_id_act')),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_act_history_actor_id_app_user')),
    sa.ForeignKeyConstraint(['version_id'], ['act_version.id'], name=op.f('fk_act_history_version_id_act_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act_history'))
    )
    with op.batch_alter_table('act_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_history_act_id'), ['act_id'], unique=False)

    op.create_table('act_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('accepted', 'opinion', 'coordinated', 'approved')", name=op.f('ck_act_mark_kind')),
    sa.ForeignKeyConstraint(['act_id'], ['act.id'], name=op.f('fk_act_mark_act_id_act')),
    sa.ForeignKeyConstraint(['version_id'], ['act_version.id'], name=op.f('fk_act_mark_version_id_act_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_act_mark'))
    )
    with op.batch_alter_table('act_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_act_mark_act_id'), ['act_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_act_mark_version_id'), ['version_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('act_version_id', sa.Integer(), nullable=True),
    sa.Column('speaker', sa.String(length=200), nullable=False),
    sa.Column('discussion', sa.Text(), nullable=False),
    sa.Column('proposal', sa.Text(), nullable=False),
    sa.Column('open_for', sa.Integer(), nullable=True),
    sa.Column('open_against', sa.Integer(), nullable=True),
    sa.Column('open_abstained', sa.Integer(), nullable=True),
    sa.Column('decided', sa.Boolean(), nullable=True),
    sa.ForeignKeyConstraint(['act_version_id'], ['act_version.id'], name=op.f('fk_agenda_item_act_version_id_act_version')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], name=op.f('fk_agenda_item_meeting_id_meeting')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item'))
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('route_step',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('act_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('citation', sa.String(length=300), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('required', sa.Boolean(), nullable=False),
    sa.Column('body', sa.String(length=40), nullable=False),
    sa.Column('council_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=True),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('version_id', sa.Integer(), nullable=True),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('done_at', core.db.UTCDateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('discussion', 'legal_review', 'opinion_students', 'opinion_parents', 'opinion_union', 'union_consultation', 'union_protocol', 'adoption', 'founder', 'order')", name=op.f('ck_route_step_kind')),
    sa.CheckConstraint("status IN ('pending', 'waiting', 'done', 'stale', 'skipped')", name=op.f('ck_route_step_status')),
    sa.ForeignKeyConstraint(['act_id'], ['act.id'], name=op.f('fk_route_step_act_id_act')),
    sa.ForeignKeyConstraint(['council_id'], ['council.id'], name=op.f('fk_route_step_council_id_council')),
    sa.ForeignKeyConstraint(['version_id'], ['act_version.id'], name=op.f('fk_route_step_version_id_act_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_route_step'))
    )
    with op.batch_alter_table('route_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_step_act_id'), ['act_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_route_step_due'), ['due'], unique=False)

    op.create_table('opinion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('version_id', sa.Integer(), nullable=False),
    sa.Column('verdict', sa.String(length=16), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('protocol_no', sa.String(length=40), nullable=False),
    sa.Column('protocol_date', sa.Date(), nullable=True),
    sa.Column('scan_name', sa.String(length=255), nullable=False),
    sa.Column('scan', sa.LargeBinary(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('recorded_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('stale', sa.Boolean(), nullable=False),
    sa.CheckConstraint("verdict IN ('agree', 'proposals', 'disagree')", name=op.f('ck_opinion_verdict')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'], name=op.f('fk_opinion_recorded_by_id_app_user')),
    sa.ForeignKeyConstraint(['step_id'], ['route_step.id'], name=op.f('fk_opinion_step_id_route_step')),
    sa.ForeignKeyConstraint(['version_id'], ['act_version.id'], name=op.f('fk_opinion_version_id_act_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_opinion'))
    )
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opinion_step_id'), ['step_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_opinion_version_id'), ['version_id'], unique=False)

    op.create_table('route_step_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('step_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_route_step_history_actor_id_app_user')),
    sa.ForeignKeyConstraint(['step_id'], ['route_step.id'], name=op.f('fk_route_step_history_step_id_route_step')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_route_step_history'))
    )
    with op.batch_alter_table('route_step_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_route_step_history_step_id'), ['step_id'], unique=False)

    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("choice IN ('for', 'against', 'abstained')", name=op.f('ck_vote_choice')),
    sa.ForeignKeyConstraint(['item_id'], ['agenda_item.id'], name=op.f('fk_vote_item_id_agenda_item')),
    sa.ForeignKeyConstraint(['member_id'], ['council_member.id'], name=op.f('fk_vote_member_id_council_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote')),
    sa.UniqueConstraint('item_id', 'member_id', name=op.f('uq_vote_item_id_member_id'))
    )
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vote_member_id'), ['member_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_member_id'))
        batch_op.drop_index(batch_op.f('ix_vote_item_id'))

    op.drop_table('vote')
    with op.batch_alter_table('route_step_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_step_history_step_id'))

    op.drop_table('route_step_history')
    with op.batch_alter_table('opinion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opinion_version_id'))
        batch_op.drop_index(batch_op.f('ix_opinion_step_id'))

    op.drop_table('opinion')
    with op.batch_alter_table('route_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_route_step_due'))
        batch_op.drop_index(batch_op.f('ix_route_step_act_id'))

    op.drop_table('route_step')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('act_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_mark_version_id'))
        batch_op.drop_index(batch_op.f('ix_act_mark_act_id'))

    op.drop_table('act_mark')
    with op.batch_alter_table('act_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_history_act_id'))

    op.drop_table('act_history')
    with op.batch_alter_table('act_comment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_comment_version_id'))

    op.drop_table('act_comment')
    with op.batch_alter_table('act_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_version_act_id'))

    op.drop_table('act_version')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_member_id'))
        batch_op.drop_index(batch_op.f('ix_attendance_meeting_id'))

    op.drop_table('attendance')
    with op.batch_alter_table('act', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_act_kind_id'))

    op.drop_table('act')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_council_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('council_member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_member_person_id'))
        batch_op.drop_index(batch_op.f('ix_council_member_council_id'))

    op.drop_table('council_member')
    with op.batch_alter_table('council', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_organisation_id'))

    op.drop_table('council')
    with op.batch_alter_table('act_kind', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_act_kind_organisation_id'))

    op.drop_table('act_kind')
