"""The load scenario (issue #9): teachers entering marks, parents reading the diary, the deputy
director opening reports, visitors reading the school's documents page. Run by `bench/load.py`,
which prepares the people and lessons (BENCH_PLAN) and afterwards checks that every write the
server acknowledged is in the database (BENCH_ACKS)."""
from __future__ import annotations

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

PLAN = json.loads(os.environ.get("BENCH_PLAN", "{}"))
PASSWORD = "reglament-demo"
VALUES = ["5", "4", "3", "2", "н", ""]
ACKNOWLEDGED: dict[str, str] = {}  # "lesson:student" → the value the server confirmed
# sent but not (yet) confirmed: a save cut off when the run stops may still land after it
IN_FLIGHT: dict[str, list[str]] = {}
_teachers, _parents = itertools.count(), itertools.count()


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(0.5, 2)
    login = ""

    def on_start(self) -> None:
        page = self.client.get("/login", name="login page").text
        self.token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
        with self.client.post("/login", data={"csrf_token": self.token, "login": self.login, "password": PASSWORD},
                              name="sign in", catch_response=True) as answer:
            if "/login" in answer.url:
                answer.failure(f"sign-in of {self.login} refused")


class Teacher(SignedIn):
    """Opens their course's grid and saves lesson columns of their own week."""

    fixed_count = 20

    def on_start(self) -> None:
        self.me = PLAN["teachers"][next(_teachers) % len(PLAN["teachers"])]
        self.login, self.known = self.me["login"], {}
        super().on_start()

    @task(1)
    def grid(self) -> None:
        self.client.get(self.me["grid"], name="teacher: grid")

    @task(3)
    def save(self) -> None:
        lesson = random.choice(self.me["lessons"])
        typed = {sid: random.choice(VALUES) for sid in self.me["students"]}
        seen = ";".join(f"{sid}:{self.known.get((lesson, sid), self.me['cells'].get(f'{lesson}:{sid}', ''))}"
                        for sid in self.me["students"])
        data = {"csrf_token": self.token, "seen": seen, "reason": "нагрузка", "back": "/journal/"}
        data |= {f"c_{sid}": value for sid, value in typed.items()}
        for sid, value in typed.items():
            IN_FLIGHT.setdefault(f"{lesson}:{sid}", []).append(value)
        with self.client.post(f"/journal/lesson/{lesson}", data=data, name="teacher: save column",
                              allow_redirects=False, catch_response=True) as answer:
            if answer.status_code != 302:
                answer.failure(f"status {answer.status_code}")
                return
            self.known.update({(lesson, sid): value for sid, value in typed.items()})
            for sid, value in typed.items():
                ACKNOWLEDGED[f"{lesson}:{sid}"] = value
                IN_FLIGHT[f"{lesson}:{sid}"].remove(value)


class Parent(SignedIn):
    """Reads their child's diary, this week and the one before."""

    fixed_count = 25

    def on_start(self) -> None:
        self.me = PLAN["parents"][next(_parents) % len(PLAN["parents"])]
        self.login = self.me["login"]
        super().on_start()

    @task
    def diary(self) -> None:
        self.client.get(self.me["diary"], name="parent: diary week")


class Deputy(SignedIn):
    """The deputy director's control pages."""

    fixed_count = 2
    login = "fedorova"
    wait_time = between(3, 8)

    @task(2)
    def dashboard(self) -> None:
        self.client.get(PLAN["dashboard"], name="deputy: control dashboard")

    @task(1)
    def controls(self) -> None:
        self.client.get(PLAN["controls"], name="deputy: controls")


class Visitor(HttpUser):
    """Somebody reading the school's normative base on its site."""

    fixed_count = 3
    wait_time = between(1, 3)

    @task
    def documents(self) -> None:
        self.client.get("/sveden/document", name="visitor: documents page")


@events.quitting.add_listener
def _write_acknowledged(environment, **_) -> None:
    path = os.environ.get("BENCH_ACKS")
    if path:
        with open(path, "w", encoding="utf-8") as out:
            json.dump({"acknowledged": ACKNOWLEDGED, "in_flight": {k: v for k, v in IN_FLIGHT.items() if v}}, out)
