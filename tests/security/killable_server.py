"""The app served in a process of its own, for the test that kills it in the middle of a save.

    python -m tests.security.killable_server DATABASE_URL PAUSE_MARKER

Prints the port it listens on. On SQLite it gives its connections `reglament_pause()`, which a
test's trigger calls mid-transaction: the function leaves the marker file and sleeps until the
process is killed (PostgreSQL has pg_sleep for the same)."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from sqlalchemy import event
from werkzeug.serving import make_server

from core.app import create_app
from tests.conftest import FAST_HASH


def _pause(marker: Path) -> None:
    marker.write_text("paused")
    time.sleep(600)


def main() -> None:
    url, marker = sys.argv[1], Path(sys.argv[2])
    app = create_app({"TESTING": True, "DATABASE_URL": url, "SECRET_KEY": "test-secret",
                      "PASSWORD_HASH_METHOD": FAST_HASH})
    engine = app.extensions["reglament.db"].engine
    if engine.dialect.name == "sqlite":
        @event.listens_for(engine, "connect")
        def _register(dbapi_connection, record):
            dbapi_connection.create_function("reglament_pause", 0, lambda: _pause(marker))

    server = make_server("127.0.0.1", 0, app, threaded=True)
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
