"""Councils with members for approval tests."""
from __future__ import annotations

from datetime import date
from fractions import Fraction

from approvals import council_service as cs
from core import people
from core.actor import Actor


def council_with_members(session, actor: Actor, school, kind: str, n: int, *,
                         silence: bool = False, quorum: Fraction = Fraction(2, 3)):
    """A council of `n` members (the first is chair, the second secretary)."""
    council = cs.create_council(session, actor, kind, f"Совет {kind}", quorum=quorum, silence_is_consent=silence)
    members = []
    for i in range(n):
        person = people.create_person(session, actor, school, surname=f"Член{kind[:3]}{i}", name="Иван",
                                      patronymic="Петрович")
        role = "chair" if i == 0 else "secretary" if i == 1 else "member"
        members.append(cs.add_member(session, actor, council, person, role, date(2017, 1, 1)))
    return council, members


def hold_meeting(session, actor, council, members, act_id, present: int, votes_for: int, day: date):
    """A meeting on one act with `present` members attending and `votes_for` of them in favour."""
    meeting = cs.create_meeting(session, actor, council, day, [("", act_id)])
    here = members[:present]
    cs.set_attendance(session, actor, meeting, {m.id for m in here})
    item = meeting.items[0]
    for i, m in enumerate(here):
        cs.cast_vote(session, actor, item.id, "for" if i < votes_for else "against", m.id)
    return meeting
