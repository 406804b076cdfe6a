"""The rollout plan: stages, tasks, terms, importer, tracking."""
