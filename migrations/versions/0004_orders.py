"""orders, acquaintance, publication

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 14:50:21.473237
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('order_register',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('suffix', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_order_register_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_register')),
    sa.UniqueConstraint('organisation_id', 'code', name=op.f('uq_order_register_organisation_id_code'))
    )
    with op.batch_alter_table('order_register', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_register_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('order_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['register_id'], ['order_register.id'], name=op.f('fk_order_counter_register_id_order_register')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_counter')),
    sa.UniqueConstraint('register_id', 'year', name=op.f('uq_order_counter_register_id_year'))
    )
    with op.batch_alter_table('order_counter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_counter_register_id'), ['register_id'], unique=False)

    op.create_table('acquaintance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('object_type', sa.String(length=16), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('confirmed_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("method IN ('pending', 'electronic', 'paper')", name=op.f('ck_acquaintance_method')),
    sa.CheckConstraint("object_type IN ('order', 'act_version')", name=op.f('ck_acquaintance_object_type')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_acquaintance_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_acquaintance_person_id_person')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['app_user.id'], name=op.f('fk_acquaintance_recorded_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_acquaintance')),
    sa.UniqueConstraint('object_type', 'object_id', 'person_id', name=op.f('uq_acquaintance_object_type_object_id_person_id'))
    )
    with op.batch_alter_table('acquaintance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_acquaintance_object_id'), ['object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acquaintance_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_acquaintance_person_id'), ['person_id'], unique=False)

    op.create_table('school_order',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('register_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('heading', sa.Text(), nullable=False),
    sa.Column('preamble', sa.Text(), nullable=False),
    sa.Column('control_clause', sa.Text(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('signatory_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('reg_date', sa.Date(), nullable=True),
    sa.Column('signed_sha256', sa.String(length=64), nullable=False),
    sa.Column('signed_docx', sa.LargeBinary(), nullable=True),
    sa.Column('signature_name', sa.String(length=255), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('annul_reason', sa.Text(), nullable=False),
    sa.Column('audience_roles', sa.JSON(), nullable=True),
    sa.Column('audience_people', sa.JSON(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', core.db.UTCDateTime(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'signed', 'registered', 'in_force', 'executed', 'annulled')", name=op.f('ck_school_order_status')),
    sa.ForeignKeyConstraint(['created_by_id'], ['app_user.id'], name=op.f('fk_school_order_created_by_id_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_school_order_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['register_id'], ['order_register.id'], name=op.f('fk_school_order_register_id_order_register')),
    sa.ForeignKeyConstraint(['signatory_id'], ['app_user.id'], name=op.f('fk_school_order_signatory_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_order')),
    sa.UniqueConstraint('register_id', 'year', 'number', name=op.f('uq_school_order_register_id_year_number'))
    )
    with op.batch_alter_table('school_order', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_order_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_order_register_id'), ['register_id'], unique=False)

    op.create_table('order_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=False),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['app_user.id'], name=op.f('fk_order_history_actor_id_app_user')),
    sa.ForeignKeyConstraint(['order_id'], ['school_order.id'], name=op.f('fk_order_history_order_id_school_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_history'))
    )
    with op.batch_alter_table('order_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_history_order_id'), ['order_id'], unique=False)

    op.create_table('order_annex',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('act_version_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['act_version_id'], ['act_version.id'], name=op.f('fk_order_annex_act_version_id_act_version')),
    sa.ForeignKeyConstraint(['order_id'], ['school_order.id'], name=op.f('fk_order_annex_order_id_school_order')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_annex'))
    )
    with op.batch_alter_table('order_annex', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_annex_act_version_id'), ['act_version_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_order_annex_order_id'), ['order_id'], unique=False)

    op.create_table('publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('object_type', sa.String(length=16), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('act_version_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('kind_title', sa.String(length=120), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('docx', sa.LargeBinary(), nullable=False),
    sa.Column('pdf', sa.LargeBinary(), nullable=True),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('published_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('withdraw_reason', sa.Text(), nullable=False),
    sa.Column('repealed', sa.Boolean(), nullable=False),
    sa.CheckConstraint("object_type IN ('act', 'order')", name=op.f('ck_publication_object_type')),
    sa.CheckConstraint("status IN ('published', 'withdrawn')", name=op.f('ck_publication_status')),
    sa.ForeignKeyConstraint(['act_version_id'], ['act_version.id'], name=op.f('fk_publication_act_version_id_act_version')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_publication_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['published_by_id'], ['app_user.id'], name=op.f('fk_publication_published_by_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication'))
    )
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_object_id'), ['object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publication_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_publication_published_at'), ['published_at'], unique=False)

    op.create_table('order_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('responsible', sa.String(length=300), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('plan_task_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['order_id'], ['school_order.id'], name=op.f('fk_order_item_order_id_school_order')),
    sa.ForeignKeyConstraint(['plan_task_id'], ['plan_task.id'], name=op.f('fk_order_item_plan_task_id_plan_task')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_order_item'))
    )
    with op.batch_alter_table('order_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_order_item_order_id'), ['order_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('order_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_item_order_id'))

    op.drop_table('order_item')
    with op.batch_alter_table('publication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_publication_published_at'))
        batch_op.drop_index(batch_op.f('ix_publication_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_publication_object_id'))

    op.drop_table('publication')
    with op.batch_alter_table('order_annex', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_annex_order_id'))
        batch_op.drop_index(batch_op.f('ix_order_annex_act_version_id'))

    op.drop_table('order_annex')
    with op.batch_alter_table('order_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_history_order_id'))

    op.drop_table('order_history')
    with op.batch_alter_table('school_order', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_order_register_id'))
        batch_op.drop_index(batch_op.f('ix_school_order_organisation_id'))

    op.drop_table('school_order')
    with op.batch_alter_table('acquaintance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_acquaintance_person_id'))
        batch_op.drop_index(batch_op.f('ix_acquaintance_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_acquaintance_object_id'))

    op.drop_table('acquaintance')
    with op.batch_alter_table('order_counter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_counter_register_id'))

    op.drop_table('order_counter')
    with op.batch_alter_table('order_register', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_order_register_organisation_id'))

    op.drop_table('order_register')
