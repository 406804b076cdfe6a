"""Approval routes, councils, meetings, votes, minutes and founder coordination."""
