"""Processes the benchmark drives: the database with the large school, gunicorn serving the app or
the ceiling, wrk, and a signed-in HTTP client."""
from __future__ import annotations

import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH = "postgresql+psycopg://postgres@127.0.0.1:5432/reglament_bench"
SECRET = "bench-only-secret"
# Flask-Login's strong session protection ties a session to the browser's User-Agent: wrk must send
# the same one as the client that signed in, or every request is a redirect to the login page
AGENT = "reglament-bench"


def database_url(kind: str) -> str:
    """Where the benchmark's own database lives (never the tests' database)."""
    if kind == "postgresql":
        return PG_BENCH
    path = ROOT / "instance" / "bench" / "large.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def app_env(url: str) -> dict[str, str]:
    """The environment the app runs with in the benchmark."""
    return os.environ | {"REGLAMENT_DATABASE_URL": url, "REGLAMENT_SECRET_KEY": SECRET,
                         "REGLAMENT_SESSION_COOKIE_SECURE": "false", "PYTHONPATH": str(ROOT)}


def fresh_database(kind: str, url: str) -> None:
    """Drop and create the benchmark database, then migrate it."""
    if kind == "postgresql":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS reglament_bench")
            conn.execute("CREATE DATABASE reglament_bench")
    else:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    subprocess.run([BIN / "reglament", "db", "upgrade"], env=app_env(url), check=True, capture_output=True)


def timed_child(args: list, env: dict) -> tuple[float, float, str]:
    """Run a command; return its wall time in seconds, its peak memory in MB and its stderr."""
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        raise RuntimeError(f"{args} failed:\n{done.stdout}\n{done.stderr}")
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
    return seconds, peak_mb, done.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(app: str, env: dict, workers: int = 2):
    """gunicorn with sync workers on loopback; yields the base URL and stops it afterwards."""
    port = free_port()
    proc = subprocess.Popen([BIN / "gunicorn", "-w", str(workers), "-k", "sync", "-b", f"127.0.0.1:{port}",
                             "--log-level", "warning", app], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/login", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(10)


def wrk_installed() -> str:
    """wrk's path; the benchmark's setup installs it from Debian's packages."""
    path = shutil.which("wrk")
    if not path:
        raise SystemExit("wrk не найден: выполните `make bench-setup` (ставит wrk из пакетов Debian).")
    return path


def wrk(url: str, cookie: str = "", connections: int = 16, seconds: int = 10) -> dict:
    """Drive one URL with wrk; returns requests per second and p50/p95/p99 in milliseconds."""
    headers = {"User-Agent": AGENT} | ({"Cookie": cookie} if cookie else {})
    check = requests.get(url, headers=headers, allow_redirects=False, timeout=30)
    if check.status_code != 200:  # wrk counts only 4xx/5xx as errors: a redirect to the login would pass
        raise RuntimeError(f"{url} answered {check.status_code} before the load")
    args = [wrk_installed(), "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(ROOT / "bench" / "report.lua")]
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    data = json.loads(re.search(r"WRK_JSON (\{.*\})", out).group(1))
    return {"rps": data["requests"] / (data["duration_us"] / 1e6), "p50": data["p50_us"] / 1000,
            "p95": data["p95_us"] / 1000, "p99": data["p99_us"] / 1000,
            "errors": data["socket_errors"] + data["bad_status"], "requests": data["requests"]}


def signed_in(base: str, login: str, password: str = "reglament-demo") -> requests.Session:
    """An HTTP session signed in through the login form (with its CSRF token)."""
    client = requests.Session()
    client.headers["User-Agent"] = AGENT
    page = client.get(base + "/login").text
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post(base + "/login", data={"csrf_token": token, "login": login, "password": password})
    if "/login" in answer.url:
        raise RuntimeError(f"Вход {login} не удался")
    return client


def cookie_header(client: requests.Session) -> str:
    return "; ".join(f"{c.name}={c.value}" for c in client.cookies)


def csrf(client: requests.Session, base: str, path: str) -> str:
    page = client.get(base + path).text
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
