"""The benchmark: the large demo school on SQLite or PostgreSQL, the app under gunicorn (2 sync
workers) on loopback driven by wrk, every figure of issue #8 with its budget, the ceiling ratio
where one applies and the page's SQL query count; medians of --runs runs with min and max.

    make bench DB=sqlite        # or DB=postgresql; writes bench/results/latest-<db>.json
"""
from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text

from bench import inprocess, servers

SCHOOL = "МАОУ «СОШ № 65» г. Перми"
TARGET = {"class": "5А", "subject": "Русский язык", "quarter": 3, "week": "2018-02-05"}


def _figure(name, values, unit, budget, **extra) -> dict:
    return {"name": name, "median": round(statistics.median(values), 2), "min": round(min(values), 2),
            "max": round(max(values), 2), "unit": unit, "budget": budget, "runs": len(values), **extra}


def _targets(url: str) -> dict:
    """Ids the pages need: the benchmark's course and its teacher, the quarter, a parent's child."""
    with create_engine(url).connect() as conn:
        row = conn.execute(text(
            "SELECT c.id, u.login, k.id, p.id, p.start, p.\"end\" FROM course c JOIN school_class k ON k.id = c.class_id "
            "JOIN subject s ON s.id = c.subject_id JOIN app_user u ON u.id = c.teacher_id "
            "JOIN school_period p ON p.year_id = k.year_id AND p.kind = 'quarter' AND p.number = :q "
            "WHERE k.name = :k AND s.name = :s"), {"k": TARGET["class"], "s": TARGET["subject"],
                                                  "q": TARGET["quarter"]}).one()
        child = conn.execute(text("SELECT s.id FROM student s JOIN parent_link pl ON pl.student_id = s.id "
                                  "JOIN app_user u ON u.person_id = pl.parent_person_id WHERE u.login = 'popov'")).scalar()
        lessons = conn.execute(text("SELECT id FROM lesson WHERE course_id = :c AND on_date BETWEEN :a AND :b "
                                    "AND state != 'cancelled' ORDER BY on_date"), {"c": row[0], "a": row[4], "b": row[5]}).scalars().all()
        students = conn.execute(text(
            "SELECT s.id FROM student s JOIN course c ON c.class_id = s.class_id WHERE c.id = :c AND s.active "
            "AND (c.group_no IS NULL OR c.group_no = s.group_no)"), {"c": row[0]}).scalars().all()
    return {"course": row[0], "teacher": row[1], "class": row[2], "period": row[3], "start": str(row[4]),
            "end": str(row[5]), "child": child, "lessons": lessons, "students": students}


def _save_column(base: str, t: dict, saves: int) -> list[float]:
    """Milliseconds per save of a whole lesson column (every student's cell changes each time)."""
    client = servers.signed_in(base, t["teacher"])
    token = servers.csrf(client, base, f"/journal/course/{t['course']}?period={t['period']}")
    times, current = [], {}
    for i in range(saves):
        lesson = t["lessons"][i % len(t["lessons"])]
        value = "5" if i // len(t["lessons"]) % 2 == 0 else "4"
        form = {"csrf_token": token, "reason": "бенчмарк: исправление", "back": "/journal/"}
        for sid in t["students"]:
            form[f"c_{sid}"], form[f"s_{sid}"] = value, current.get((lesson, sid), "")
        started = time.perf_counter()
        answer = client.post(f"{base}/journal/lesson/{lesson}", data=form, allow_redirects=False)
        times.append((time.perf_counter() - started) * 1000)
        if answer.status_code != 302:
            raise RuntimeError(f"save answered {answer.status_code}")
        current.update({(lesson, sid): value for sid in t["students"]})
    return times[len(t["lessons"]):] or times  # the first round only learns what each cell held


def _timed_gets(client, url: str, runs: int, method: str = "GET", data: dict | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = client.request(method, url, data=data)
        times.append(time.perf_counter() - started)
        answer.raise_for_status()
    return times


def measure(db: str, runs: int, seconds: int, fresh: bool) -> dict:
    url = servers.database_url(db)
    env = servers.app_env(url)
    figures, notes = [], {}
    if fresh:
        servers.fresh_database(db, url)
        wall, peak, _ = servers.timed_child([servers.BIN / "reglament", "demo", "--size", "large"], env)
        figures.append(_figure("large demo school generated", [wall], "s", 180, peak_memory_mb=round(peak)))
    t = _targets(url)
    grid_path = f"/journal/course/{t['course']}?period={t['period']}"
    diary_path = f"/journal/diary/{t['child']}?week={TARGET['week']}"
    ceiling_env = env | {"BENCH_DATABASE_URL": url, "BENCH_COURSE_ID": str(t["course"]), "BENCH_START": t["start"],
                         "BENCH_END": t["end"]}
    with servers.gunicorn("bench.ceiling:app", ceiling_env) as base:
        ceiling = [servers.wrk(base + "/grid", seconds=seconds) for _ in range(runs)]
    with servers.gunicorn("wsgi:app", env) as base:
        teacher, parent = servers.signed_in(base, t["teacher"]), servers.signed_in(base, "popov")
        deputy = servers.signed_in(base, "fedorova")
        assert "Журнал" in teacher.get(base + grid_path).text
        grid = [servers.wrk(base + grid_path, servers.cookie_header(teacher), seconds=seconds) for _ in range(runs)]
        diary = [servers.wrk(base + diary_path, servers.cookie_header(parent), seconds=seconds) for _ in range(runs)]
        saves = _save_column(base, t, len(t["lessons"]) * (runs + 1))
        dashboard = _timed_gets(deputy, f"{base}/journal/admin/dashboard?period={t['period']}", runs)
        token = servers.csrf(deputy, base, "/journal/admin/dashboard")
        printout = _timed_gets(deputy, f"{base}/journal/admin/print", runs, "POST",
                               {"csrf_token": token, "class_id": t["class"], "period_id": t["period"]})
    ceiling_rps = statistics.median(r["rps"] for r in ceiling)
    figures.append(_figure("ceiling: same grid, one SQL query, one template (16 connections)",
                           [r["rps"] for r in ceiling], "req/s", None, p95_ms=statistics.median(r["p95"] for r in ceiling)))
    figures.append(_figure("teacher's grid page (16 connections): throughput", [r["rps"] for r in grid], "req/s",
                           round(0.5 * ceiling_rps, 1), ceiling_ratio=round(statistics.median(r["rps"] for r in grid) / ceiling_rps, 3)))
    figures.append(_figure("teacher's grid page (16 connections): p50", [r["p50"] for r in grid], "ms", None))
    figures.append(_figure("teacher's grid page (16 connections): p95", [r["p95"] for r in grid], "ms", 100))
    figures.append(_figure(f"saving a lesson's column ({len(t['students'])} cells): p50", saves, "ms", 40,
                           p95_ms=round(statistics.quantiles(saves, n=20)[18], 1), saves=len(saves)))
    figures.append(_figure("parent's diary week (16 connections): p95", [r["p95"] for r in diary], "ms", 50,
                           rps=round(statistics.median(r["rps"] for r in diary), 1)))
    figures.append(_figure("deputy's control dashboard, whole school, quarter", dashboard, "s", 1))
    figures.append(_figure("quarter printout of one class, all subjects (Word)", printout, "s", 2))
    notes["errors_under_load"] = sum(r["errors"] for r in grid + diary + ceiling)
    with tempfile.TemporaryDirectory() as out:
        wall, peak, _ = servers.timed_child([servers.BIN / "reglament", "journal", "print-school", "--period",
                                             str(TARGET["quarter"]), "--org", SCHOOL, "--out", out], env)
    # peak memory: the largest child of the run so far (RUSAGE_CHILDREN), the generator included
    figures.append(_figure("quarter printout of the whole school (job)", [wall], "s", 90,
                           peak_memory_mb=round(peak), budget_memory_mb=400))
    pages = {"grid": [t["teacher"], "GET", grid_path, None], "diary": ["popov", "GET", diary_path, None],
             "dashboard": ["fedorova", "GET", f"/journal/admin/dashboard?period={t['period']}", None],
             "printout": ["fedorova", "POST", "/journal/admin/print", {"class_id": t["class"], "period_id": t["period"]}],
             "summary": ["fedorova", "GET", f"/journal/admin/summary/{t['class']}.docx", None]}
    inproc = json.loads(subprocess.run([servers.BIN / "python", "-m", "bench.inprocess", json.dumps(pages)], env=env,
                                       cwd=servers.ROOT, capture_output=True, text=True, check=True).stdout)
    _write_plans(db, inproc["slow_statements"])
    figures.append(_figure("year summary sheets of all classes (Word)", inproc["summaries"], "s", 5))
    figures.append(_figure("seed plan import from Word", inproc["plan_import"], "s", 0.3))
    return {"database": db, "taken_at": datetime.now(UTC).isoformat(timespec="seconds"), "machine": _machine(),
            "target": TARGET | {"students": len(t["students"]), "lessons": len(t["lessons"])},
            "figures": figures, "queries_per_page": inproc["queries"], **notes}


def _write_plans(db: str, slow: list[dict]) -> None:
    """bench/results/plans-postgresql.md: the PostgreSQL plan of every read over inprocess.SLOW_MS."""
    if db != "postgresql":
        return
    parts = [f"# Slow reads of the benchmarked pages on PostgreSQL (≥ {inprocess.SLOW_MS} ms)\n"]
    for s in slow:
        parts.append(f"## {s['page']}: {s['ms']} ms\n\n```sql\n{s['sql']}\n```\n\n```\n{s['plan']}\n```\n")
    (Path(__file__).parent / "results" / "plans-postgresql.md").write_text("\n".join(parts))


def _machine() -> dict:
    cpus = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return {"cpus": int(cpus or 0), "python": platform.python_version(), "system": platform.platform()}


def _table(result: dict) -> str:
    lines = [f"{'figure':<62} {'median':>9} {'min':>9} {'max':>9} {'unit':<6} {'budget':>7}  verdict"]
    for f in result["figures"]:
        budget = f["budget"]
        ok = "" if budget is None else ("ok" if (f["median"] >= budget if f["unit"] == "req/s" else f["median"] <= budget) else "OVER")
        lines.append(f"{f['name'][:62]:<62} {f['median']:>9} {f['min']:>9} {f['max']:>9} {f['unit']:<6} "
                     f"{budget if budget is not None else '':>7}  {ok}")
    lines.append("queries per page: " + ", ".join(f"{k} {v}" for k, v in result["queries_per_page"].items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--reuse", action="store_true", help="keep the large school already generated")
    args = parser.parse_args()
    servers.wrk_installed()
    result = measure(args.db, args.runs, args.seconds, fresh=not args.reuse)
    out = Path(__file__).parent / "results" / f"latest-{args.db}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(_table(result))
    print(f"\n→ {out}")


if __name__ == "__main__":
    main()
