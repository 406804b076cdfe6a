"""Core models: organisations, people, accounts, audit trail, calendars."""
from core.models.access import ApiToken, IdentityLink, IdentityProvider
from core.models.audit import AuditChainHead, AuditEvent
from core.models.calendar import CalendarOverride, SchoolHoliday, SchoolPeriod, SchoolYear
from core.models.jobs import Job
from core.models.notify import Notification
from core.models.org import Organisation, Person, User, UserRole

__all__ = [
    "ApiToken",
    "IdentityLink",
    "IdentityProvider",
    "AuditChainHead",
    "AuditEvent",
    "CalendarOverride",
    "Job",
    "Notification",
    "Organisation",
    "Person",
    "SchoolHoliday",
    "SchoolPeriod",
    "SchoolYear",
    "User",
    "UserRole",
]
