"""Journal models: school structure, timetable, lessons and their entries."""
from journal.models.diary import Consent, DiaryConfirmation, DiaryView, SummarySignoff
from journal.models.entries import (
    Absence,
    EntryChange,
    FinalMark,
    Homework,
    HomeworkFile,
    Lesson,
    Mark,
    PeriodClosure,
    Snapshot,
    WorkKind,
)
from journal.models.structure import (
    BellSlot,
    Course,
    ParentLink,
    SchoolClass,
    Student,
    Subject,
    Substitution,
    ThematicPlanItem,
    TimetableEntry,
)

__all__ = ["Absence", "BellSlot", "Consent", "DiaryConfirmation", "DiaryView", "Course", "EntryChange", "FinalMark", "Homework", "HomeworkFile", "Lesson", "Mark",
           "ParentLink", "PeriodClosure", "SchoolClass", "Snapshot", "Student", "Subject", "Substitution", "SummarySignoff", "ThematicPlanItem",
           "TimetableEntry", "WorkKind"]
