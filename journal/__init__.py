"""The electronic journal: lessons, attendance, marks, homework, controls and printouts."""
