"""The Huey consumer's entry point: `huey_consumer core.worker.huey` (the apps' tasks loaded)."""
from core.jobs import huey, load_task_modules

load_task_modules()

__all__ = ["huey"]
