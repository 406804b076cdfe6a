"""Real-browser fixtures: Debian's Chromium driven by Playwright against the app on loopback.
Skipped with a message where Chromium or Playwright is missing (`.ci/run` installs both)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("REGLAMENT_CHROMIUM", "/usr/bin/chromium")
# no internet here: nothing may phone home
ARGS = ["--lang=ru-RU", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@pytest.fixture(scope="session")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright не установлен: браузерные тесты пропущены")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium не найден ({CHROMIUM}): браузерные тесты пропущены (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path, database_url):
    """save(page, name): a full-page screenshot in the test's folder, and in
    REGLAMENT_SCREENSHOTS (the README's pictures) when that is set, from the SQLite run."""
    keep = os.environ.get("REGLAMENT_SCREENSHOTS")

    def save(page, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path))
        if keep and database_url.startswith("sqlite"):
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(path, Path(keep) / path.name)
        return path

    return save
