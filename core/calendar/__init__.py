"""Calendars: the Russian production calendar and the school calendar (pure modules)."""
