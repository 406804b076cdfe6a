"""journal

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28 15:00:51.227777
"""
from alembic import op
import sqlalchemy as sa
import core.db


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bell_slot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('shift', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_bell_slot_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bell_slot')),
    sa.UniqueConstraint('organisation_id', 'shift', 'weekday', 'number', name=op.f('uq_bell_slot_organisation_id_shift_weekday_number'))
    )
    with op.batch_alter_table('bell_slot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bell_slot_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('subject',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_subject_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subject')),
    sa.UniqueConstraint('organisation_id', 'name', name=op.f('uq_subject_organisation_id_name'))
    )
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subject_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('work_kind',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('weight', sa.Integer(), nullable=False),
    sa.Column('written', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_work_kind_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_work_kind')),
    sa.UniqueConstraint('organisation_id', 'code', name=op.f('uq_work_kind_organisation_id_code'))
    )
    with op.batch_alter_table('work_kind', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_kind_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('period_closure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('closed_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by'], ['app_user.id'], name=op.f('fk_period_closure_closed_by_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_period_closure_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['period_id'], ['school_period.id'], name=op.f('fk_period_closure_period_id_school_period')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_period_closure')),
    sa.UniqueConstraint('organisation_id', 'period_id', name=op.f('uq_period_closure_organisation_id_period_id'))
    )
    with op.batch_alter_table('period_closure', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_period_closure_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('school_class',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('grade', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=10), nullable=False),
    sa.Column('shift', sa.Integer(), nullable=False),
    sa.Column('class_teacher_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['class_teacher_id'], ['app_user.id'], name=op.f('fk_school_class_class_teacher_id_app_user')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_school_class_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['year_id'], ['school_year.id'], name=op.f('fk_school_class_year_id_school_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school_class')),
    sa.UniqueConstraint('year_id', 'name', name=op.f('uq_school_class_year_id_name'))
    )
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_class_class_teacher_id'), ['class_teacher_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_class_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_class_year_id'), ['year_id'], unique=False)

    op.create_table('course',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('group_no', sa.Integer(), nullable=True),
    sa.Column('subject_id', sa.Integer(), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('hours_per_week', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_course_class_id_school_class')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_course_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['subject_id'], ['subject.id'], name=op.f('fk_course_subject_id_subject')),
    sa.ForeignKeyConstraint(['teacher_id'], ['app_user.id'], name=op.f('fk_course_teacher_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_course'))
    )
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_course_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_subject_id'), ['subject_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_course_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('student',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('class_id', sa.Integer(), nullable=False),
    sa.Column('group_no', sa.Integer(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['class_id'], ['school_class.id'], name=op.f('fk_student_class_id_school_class')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_student_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_student_person_id_person')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_student'))
    )
    with op.batch_alter_table('student', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_student_class_id'), ['class_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_student_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_student_person_id'), ['person_id'], unique=False)

    op.create_table('final_mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=8), nullable=False),
    sa.Column('suggested', sa.String(length=8), nullable=False),
    sa.Column('details', sa.JSON(), nullable=True),
    sa.Column('set_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('set_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_final_mark_course_id_course')),
    sa.ForeignKeyConstraint(['period_id'], ['school_period.id'], name=op.f('fk_final_mark_period_id_school_period')),
    sa.ForeignKeyConstraint(['set_by'], ['app_user.id'], name=op.f('fk_final_mark_set_by_app_user')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_final_mark_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_final_mark')),
    sa.UniqueConstraint('course_id', 'student_id', 'period_id', name=op.f('uq_final_mark_course_id_student_id_period_id'))
    )
    with op.batch_alter_table('final_mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_final_mark_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_final_mark_student_id'), ['student_id'], unique=False)

    op.create_table('lesson',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('lesson_no', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('teacher_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.Text(), nullable=False),
    sa.Column('topic_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('work_kind_id', sa.Integer(), nullable=True),
    sa.Column('attendance_taken_at', core.db.UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("state IN ('scheduled', 'held', 'cancelled', 'replaced', 'combined')", name=op.f('ck_lesson_state')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_lesson_course_id_course')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_lesson_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['teacher_id'], ['app_user.id'], name=op.f('fk_lesson_teacher_id_app_user')),
    sa.ForeignKeyConstraint(['work_kind_id'], ['work_kind.id'], name=op.f('fk_lesson_work_kind_id_work_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_lesson')),
    sa.UniqueConstraint('course_id', 'on_date', 'lesson_no', name=op.f('uq_lesson_course_id_on_date_lesson_no'))
    )
    with op.batch_alter_table('lesson', schema=None) as batch_op:
        batch_op.create_index('ix_lesson_course_date', ['course_id', 'on_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_lesson_on_date'), ['on_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_lesson_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_lesson_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('parent_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_person_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_person_id'], ['person.id'], name=op.f('fk_parent_link_parent_person_id_person')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_parent_link_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_parent_link')),
    sa.UniqueConstraint('parent_person_id', 'student_id', name=op.f('uq_parent_link_parent_person_id_student_id'))
    )
    with op.batch_alter_table('parent_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parent_link_parent_person_id'), ['parent_person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_parent_link_student_id'), ['student_id'], unique=False)

    op.create_table('substitution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('lesson_no', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('substitute_id', sa.Integer(), nullable=True),
    sa.Column('new_lesson_no', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.CheckConstraint("kind IN ('cancel', 'replace', 'combine', 'move')", name=op.f('ck_substitution_kind')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_substitution_course_id_course')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_substitution_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['substitute_id'], ['app_user.id'], name=op.f('fk_substitution_substitute_id_app_user')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_substitution'))
    )
    with op.batch_alter_table('substitution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_substitution_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_substitution_on_date'), ['on_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_substitution_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('timetable_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('course_id', sa.Integer(), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('lesson_no', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=False),
    sa.CheckConstraint('weekday BETWEEN 0 AND 6', name=op.f('ck_timetable_entry_weekday')),
    sa.ForeignKeyConstraint(['course_id'], ['course.id'], name=op.f('fk_timetable_entry_course_id_course')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_timetable_entry_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_timetable_entry'))
    )
    with op.batch_alter_table('timetable_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timetable_entry_course_id'), ['course_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_timetable_entry_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('absence',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=2), nullable=False),
    sa.Column('reason', sa.String(length=2), nullable=False),
    sa.Column('reason_document', sa.String(length=300), nullable=False),
    sa.Column('entered_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('entered_by', sa.Integer(), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=False),
    sa.CheckConstraint("code IN ('н', 'о')", name=op.f('ck_absence_code')),
    sa.CheckConstraint("reason IN ('', 'б', 'у')", name=op.f('ck_absence_reason')),
    sa.ForeignKeyConstraint(['entered_by'], ['app_user.id'], name=op.f('fk_absence_entered_by_app_user')),
    sa.ForeignKeyConstraint(['lesson_id'], ['lesson.id'], name=op.f('fk_absence_lesson_id_lesson')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_absence_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_absence')),
    sa.UniqueConstraint('lesson_id', 'student_id', name=op.f('uq_absence_lesson_id_student_id'))
    )
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_absence_lesson_id'), ['lesson_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_absence_student_id'), ['student_id'], unique=False)

    op.create_table('entry_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=True),
    sa.Column('field', sa.String(length=20), nullable=False),
    sa.Column('old', sa.Text(), nullable=False),
    sa.Column('new', sa.Text(), nullable=False),
    sa.Column('at', core.db.UTCDateTime(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('closed_period', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['app_user.id'], name=op.f('fk_entry_change_author_id_app_user')),
    sa.ForeignKeyConstraint(['lesson_id'], ['lesson.id'], name=op.f('fk_entry_change_lesson_id_lesson')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_entry_change_organisation_id_organisation')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_entry_change_student_id_student')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry_change'))
    )
    with op.batch_alter_table('entry_change', schema=None) as batch_op:
        batch_op.create_index('ix_entry_change_lesson', ['lesson_id', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_change_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('homework',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=True),
    sa.Column('visible_from', sa.Date(), nullable=True),
    sa.Column('entered_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('entered_by', sa.Integer(), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entered_by'], ['app_user.id'], name=op.f('fk_homework_entered_by_app_user')),
    sa.ForeignKeyConstraint(['lesson_id'], ['lesson.id'], name=op.f('fk_homework_lesson_id_lesson')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_homework')),
    sa.UniqueConstraint('lesson_id', name=op.f('uq_homework_lesson_id'))
    )
    with op.batch_alter_table('homework', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_homework_due_on'), ['due_on'], unique=False)

    op.create_table('mark',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lesson_id', sa.Integer(), nullable=False),
    sa.Column('student_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.String(length=8), nullable=False),
    sa.Column('work_kind_id', sa.Integer(), nullable=True),
    sa.Column('comment', sa.String(length=500), nullable=False),
    sa.Column('entered_at', core.db.UTCDateTime(), nullable=False),
    sa.Column('entered_by', sa.Integer(), nullable=True),
    sa.Column('late_minutes', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['entered_by'], ['app_user.id'], name=op.f('fk_mark_entered_by_app_user')),
    sa.ForeignKeyConstraint(['lesson_id'], ['lesson.id'], name=op.f('fk_mark_lesson_id_lesson')),
    sa.ForeignKeyConstraint(['student_id'], ['student.id'], name=op.f('fk_mark_student_id_student')),
    sa.ForeignKeyConstraint(['work_kind_id'], ['work_kind.id'], name=op.f('fk_mark_work_kind_id_work_kind')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mark')),
    sa.UniqueConstraint('lesson_id', 'student_id', name=op.f('uq_mark_lesson_id_student_id'))
    )
    with op.batch_alter_table('mark', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mark_lesson_id'), ['lesson_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mark_student_id'), ['student_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mark_student_id'))
        batch_op.drop_index(batch_op.f('ix_mark_lesson_id'))

    op.drop_table('mark')
    with op.batch_alter_table('homework', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_homework_due_on'))

    op.drop_table('homework')
    with op.batch_alter_table('entry_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_change_organisation_id'))
        batch_op.drop_index('ix_entry_change_lesson')

    op.drop_table('entry_change')
    with op.batch_alter_table('absence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_absence_student_id'))
        batch_op.drop_index(batch_op.f('ix_absence_lesson_id'))

    op.drop_table('absence')
    with op.batch_alter_table('timetable_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_timetable_entry_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_timetable_entry_course_id'))

    op.drop_table('timetable_entry')
    with op.batch_alter_table('substitution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_substitution_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_substitution_on_date'))
        batch_op.drop_index(batch_op.f('ix_substitution_course_id'))

    op.drop_table('substitution')
    with op.batch_alter_table('parent_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parent_link_student_id'))
        batch_op.drop_index(batch_op.f('ix_parent_link_parent_person_id'))

    op.drop_table('parent_link')
    with op.batch_alter_table('lesson', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_lesson_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_lesson_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_lesson_on_date'))
        batch_op.drop_index('ix_lesson_course_date')

    op.drop_table('lesson')
    with op.batch_alter_table('final_mark', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_final_mark_student_id'))
        batch_op.drop_index(batch_op.f('ix_final_mark_course_id'))

    op.drop_table('final_mark')
    with op.batch_alter_table('student', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_student_person_id'))
        batch_op.drop_index(batch_op.f('ix_student_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_student_class_id'))

    op.drop_table('student')
    with op.batch_alter_table('course', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_course_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_course_subject_id'))
        batch_op.drop_index(batch_op.f('ix_course_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_course_class_id'))

    op.drop_table('course')
    with op.batch_alter_table('school_class', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_class_year_id'))
        batch_op.drop_index(batch_op.f('ix_school_class_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_school_class_class_teacher_id'))

    op.drop_table('school_class')
    with op.batch_alter_table('period_closure', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_period_closure_organisation_id'))

    op.drop_table('period_closure')
    with op.batch_alter_table('work_kind', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_kind_organisation_id'))

    op.drop_table('work_kind')
    with op.batch_alter_table('subject', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subject_organisation_id'))

    op.drop_table('subject')
    with op.batch_alter_table('bell_slot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bell_slot_organisation_id'))

    op.drop_table('bell_slot')
