"""Core of Reglament: application factory, database, accounts, audit, calendars."""
