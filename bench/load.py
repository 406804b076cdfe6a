"""The load run of issue #9: 50 users (20 teachers saving marks, 25 parents reading the diary,
2 deputy directors on the control pages, 3 site visitors) driven by locust for 5 minutes against
gunicorn (2 sync workers) on the large demo school; then every acknowledged write is looked up.

    make bench-load DB=sqlite            # or DB=postgresql; ARGS="--minutes 1" for a shorter run
    make bench-load DB=postgresql ARGS="--minutes 0.5 --smoke"   # what .ci/run does
"""
from __future__ import annotations

import argparse
import csv
import json
import subprocess
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

from bench import servers

WEEK = date(2018, 2, 5)  # a week of the third quarter, for the lessons and the diaries


def _teachers(conn) -> list[dict]:
    rows = conn.execute(text(
        "SELECT DISTINCT ON (c.teacher_id) c.id, u.login FROM course c JOIN app_user u ON u.id = c.teacher_id "
        "WHERE u.login LIKE 'teacher%' ORDER BY c.teacher_id, c.id LIMIT 20")
        if conn.dialect.name == "postgresql" else text(
        "SELECT MIN(c.id), u.login FROM course c JOIN app_user u ON u.id = c.teacher_id "
        "WHERE u.login LIKE 'teacher%' GROUP BY c.teacher_id ORDER BY c.teacher_id LIMIT 20")).all()
    out = []
    for course, login in rows:
        lessons = conn.execute(text("SELECT id FROM lesson WHERE course_id = :c AND state != 'cancelled' "
                                    "AND on_date BETWEEN :a AND :b"), {"c": course, "a": WEEK, "b": WEEK + timedelta(6)}).scalars().all()
        students = conn.execute(text(
            "SELECT s.id FROM student s JOIN course c ON c.class_id = s.class_id WHERE c.id = :c AND s.active "
            "AND (c.group_no IS NULL OR c.group_no = s.group_no)"), {"c": course}).scalars().all()
        if lessons:
            out.append({"login": login, "grid": f"/journal/course/{course}?period={_period(conn)}",
                        "lessons": lessons, "students": students, "cells": _cells(conn, lessons)})
    return out


def _cells(conn, lessons: list[int]) -> dict[str, str]:
    """What the grid shows now, so the first save's `seen` is right."""
    cells: dict[str, list[str]] = {}
    for lesson, student, code in conn.execute(text(f"SELECT lesson_id, student_id, code FROM absence WHERE lesson_id IN ({','.join(map(str, lessons))})")):
        cells.setdefault(f"{lesson}:{student}", []).append(code)
    for lesson, student, value in conn.execute(text(f"SELECT lesson_id, student_id, value FROM mark WHERE lesson_id IN ({','.join(map(str, lessons))})")):
        cells.setdefault(f"{lesson}:{student}", []).append(value)
    return {k: " ".join(v) for k, v in cells.items()}


def _period(conn) -> int:
    return conn.execute(text("SELECT id FROM school_period WHERE kind = 'quarter' AND number = 3")).scalar()


def plan(url: str) -> dict:
    """The people, lessons and pages of the run."""
    with create_engine(url).connect() as conn:
        parents = conn.execute(text(
            "SELECT u.login, MIN(pl.student_id) FROM app_user u JOIN parent_link pl ON pl.parent_person_id = u.person_id "
            "WHERE u.login LIKE 'parent%' GROUP BY u.login ORDER BY u.login LIMIT 25")).all()
        period = _period(conn)
        return {"teachers": _teachers(conn),
                "parents": [{"login": login, "diary": f"/journal/diary/{child}?week={WEEK}"} for login, child in parents],
                "dashboard": f"/journal/admin/dashboard?period={period}",
                "controls": f"/journal/admin/controls?period={period}"}


def lost_writes(url: str, acknowledged: dict[str, str], in_flight: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """Acknowledged cells whose value is not what the database holds, (lesson:student, sent, stored),
    unless the stored value is a later save that the run's end cut off before its answer came."""
    lessons = sorted({int(k.split(":")[0]) for k in acknowledged}) or [0]
    with create_engine(url).connect() as conn:
        stored = _cells(conn, lessons)
    return [(key, value, stored.get(key, "")) for key, value in acknowledged.items()
            if stored.get(key, "") != value and stored.get(key, "") not in in_flight.get(key, [])]


def _stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        return [{"name": r["Name"], "requests": int(r["Request Count"]), "failures": int(r["Failure Count"]),
                 "p50_ms": float(r["50%"] or 0), "p95_ms": float(r["95%"] or 0), "rps": round(float(r["Requests/s"]), 1)}
                for r in csv.DictReader(f)]


def run(db: str, minutes: float, users: int, fresh: bool) -> dict:
    url = servers.database_url(db)
    env = servers.app_env(url)
    if fresh:
        servers.fresh_database(db, url)
        servers.timed_child([servers.BIN / "reglament", "demo", "--size", "large"], env)
    people = plan(url)
    with tempfile.TemporaryDirectory() as tmp, servers.gunicorn("wsgi:app", env) as base:
        acks, prefix = Path(tmp) / "acks.json", Path(tmp) / "locust"
        subprocess.run([servers.BIN / "locust", "-f", str(servers.ROOT / "bench" / "locustfile.py"), "--headless",
                        "-u", str(users), "-r", "10", "-t", f"{int(minutes * 60)}s", "--host", base,
                        "--csv", str(prefix), "--only-summary"],
                       env=env | {"BENCH_PLAN": json.dumps(people), "BENCH_ACKS": str(acks)}, check=False)
        stats, sent = _stats(prefix), json.loads(acks.read_text())
    acknowledged, in_flight = sent["acknowledged"], sent["in_flight"]
    return {"database": db, "taken_at": datetime.now(UTC).isoformat(timespec="seconds"), "users": users,
            "minutes": minutes, "requests": stats, "acknowledged_cells": len(acknowledged),
            "saves_cut_off_at_the_end": len({k.split(":")[0] for k in in_flight}),
            "lost_writes": len(lost := lost_writes(url, acknowledged, in_flight)), "lost_examples": lost[:20],
            "errors": sum(s["failures"] for s in stats if s["name"] == "Aggregated")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--minutes", type=float, default=5)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--reuse", action="store_true", help="keep the large school already generated")
    parser.add_argument("--smoke", action="store_true",
                        help="CI: fail on any error or lost write; the recorded results stay as they are")
    args = parser.parse_args()
    result = run(args.db, args.minutes, args.users, fresh=not args.reuse)
    for s in result["requests"]:
        print(f"{s['name']:<32} {s['requests']:>7} req  {s['failures']:>4} failed  p50 {s['p50_ms']:>7.0f} ms  p95 {s['p95_ms']:>7.0f} ms")
    print(f"acknowledged cells {result['acknowledged_cells']}, lost writes {result['lost_writes']}, errors {result['errors']}")
    if args.smoke:
        if result["errors"] or result["lost_writes"] or not result["acknowledged_cells"]:
            raise SystemExit(f"Нагрузочный прогон не прошёл: ошибок {result['errors']}, потеряно записей "
                             f"{result['lost_writes']}, подтверждённых ячеек {result['acknowledged_cells']}")
        return
    out = Path(__file__).parent / "results" / f"load-{args.db}.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(f"→ {out}")


if __name__ == "__main__":
    main()
