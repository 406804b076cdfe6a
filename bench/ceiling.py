"""The ceiling: the same grid of the same course and quarter as the teacher's grid page, from one
hand-written SQL query through one Jinja2 template, with nothing else (no login, no ORM, no
layout). Served by gunicorn with the same settings, it shows what this machine can do at best.

    BENCH_DATABASE_URL=... BENCH_COURSE_ID=.. BENCH_START=2018-01-11 BENCH_END=2018-03-23 \
        gunicorn -w 2 -b 127.0.0.1:8001 bench.ceiling:app
"""
from __future__ import annotations

import os
from datetime import date

from flask import Flask, render_template_string
from sqlalchemy import create_engine, text

# each cell's mark and absence by its unique (lesson, student) index: as two LEFT JOINs PostgreSQL
# hashed all 46,665 absences of the school for one course's grid (27 ms of the ceiling's request)
GRID_SQL = text("""
SELECT p.surname || ' ' || p.name AS student, s.id AS student_id, l.id AS lesson_id, l.on_date,
       (SELECT m.value FROM mark m WHERE m.lesson_id = l.id AND m.student_id = s.id) AS mark,
       (SELECT a.code FROM absence a WHERE a.lesson_id = l.id AND a.student_id = s.id) AS absence
FROM student s
JOIN person p ON p.id = s.person_id
JOIN course c ON c.class_id = s.class_id AND (c.group_no IS NULL OR c.group_no = s.group_no)
JOIN lesson l ON l.course_id = c.id AND l.on_date BETWEEN :start AND :end
WHERE c.id = :course_id AND s.active
ORDER BY p.surname, p.name, s.id, l.on_date, l.lesson_no
""")

TEMPLATE = """<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Журнал</title></head><body>
<table><thead><tr><th>Обучающийся</th>{% for d in dates %}<th>{{ d }}</th>{% endfor %}</tr></thead>
<tbody>{% for name, cells in rows %}<tr><th>{{ name }}</th>{% for c in cells %}<td><input name="c_{{ loop.index }}" value="{{ c }}"></td>{% endfor %}</tr>{% endfor %}</tbody></table>
</body></html>"""

app = Flask(__name__)
engine = create_engine(os.environ["BENCH_DATABASE_URL"], pool_pre_ping=False)
PARAMS = {"course_id": int(os.environ["BENCH_COURSE_ID"]), "start": date.fromisoformat(os.environ["BENCH_START"]),
          "end": date.fromisoformat(os.environ["BENCH_END"])}


@app.route("/grid")
def grid():
    """One query, one template."""
    with engine.connect() as conn:
        result = conn.execute(GRID_SQL, PARAMS).all()
    rows, dates, seen = {}, [], set()
    for student, _sid, lesson_id, on_date, mark, absence in result:
        rows.setdefault(student, []).append(" ".join(x for x in (absence, mark) if x))
        if lesson_id not in seen:
            seen.add(lesson_id)
            dates.append(f"{str(on_date)[8:10]}.{str(on_date)[5:7]}")  # SQLite gives text, PostgreSQL a date
    return render_template_string(TEMPLATE, rows=rows.items(), dates=dates)
