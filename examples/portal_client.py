"""What a regional portal does with Reglament's API and a personal access token: read the acts
register, read a class's quarter of marks, write a lesson's marks.

    python examples/portal_client.py --url http://127.0.0.1:5000 --token rgl_… \\
        --class-name 5А --quarter 1 --lesson 123 --marks "Иванов И.=5,Петров П.=4" --reason "…"

Only the standard library: any portal can do the same in any language (the OpenAPI document is at
/api/v1/openapi.json)."""
from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request


class Api:
    """A tiny client: bearer token, JSON in and out, problem details turned into exceptions."""

    def __init__(self, base: str, token: str):
        self.base, self.token = base.rstrip("/") + "/api/v1", token

    def call(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(self.base + path, method=method,
                                         data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": f"Bearer {self.token}",
                                                  "Content-Type": "application/json", "Accept-Language": "ru"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as err:
            problem = json.loads(err.read().decode("utf-8"))
            raise SystemExit(f"{problem['status']} {problem['title']}: {problem['detail']} {problem.get('errors', '')}") from None


def acts_register(api: Api) -> list[dict]:
    """Every act of the register, page by page."""
    acts, page = [], 1
    while True:
        batch = api.call("GET", f"/documents/acts?page={page}&page_size=100")
        acts += batch
        if len(batch) < 100:
            return acts
        page += 1


def class_quarter(api: Api, class_name: str, quarter: int) -> dict:
    """A class's quarter in the exchange format (students, courses, lessons with marks)."""
    courses = api.call("GET", "/journal/courses?page_size=1000")
    class_id = next(c["class_id"] for c in courses if c["class_name"] == class_name)
    period = next(p for p in api.call("GET", "/journal/periods") if p["kind"] == "quarter" and p["number"] == quarter)
    return api.call("GET", f"/journal/classes/{class_id}/periods/{period['id']}/exchange")


def write_marks(api: Api, lesson_id: int, marks: dict[str, str], reason: str) -> dict:
    """Marks by student's short name into a lesson's column, with the cells as last read."""
    column = api.call("GET", f"/journal/lessons/{lesson_id}")
    cells = [{"student_id": s["id"], "value": marks[s["name"]], "seen": s["cell"]}
             for s in column["students"] if s["name"] in marks]
    return api.call("POST", f"/journal/lessons/{lesson_id}/entries", {"cells": cells, "reason": reason})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--class-name")
    parser.add_argument("--quarter", type=int, default=1)
    parser.add_argument("--lesson", type=int)
    parser.add_argument("--marks", default="", help="«Фамилия И.О.=5,…»")
    parser.add_argument("--reason", default="")
    args = parser.parse_args(argv)
    api = Api(args.url, args.token)
    acts = acts_register(api)
    print(f"Актов в реестре: {len(acts)}")
    for act in acts:
        print(f"  {act['id']:>4}  {act['status']:<12} {act['title']}")
    if args.class_name:
        quarter = class_quarter(api, args.class_name, args.quarter)
        marks = sum(len(lesson["marks"]) for lesson in quarter["lessons"])
        print(f"{args.class_name}, {args.quarter} четверть: уроков {len(quarter['lessons'])}, отметок {marks}")
    if args.lesson:
        pairs = dict(item.split("=", 1) for item in args.marks.split(",") if "=" in item)
        result = write_marks(api, args.lesson, pairs, args.reason)
        print(f"Записано изменений: {result['saved']}; конфликтов: {len(result['conflicts'])}; "
              f"с опозданием: {len(result['late'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
