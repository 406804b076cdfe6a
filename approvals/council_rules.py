"""Quorum and majority of council meetings (pure, L17)."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

MAJORITIES = {"simple": "простое большинство присутствующих",
              "two_thirds": "две трети присутствующих",
              "members": "большинство от списочного состава"}


@dataclass(frozen=True)
class VoteCount:
    """Votes on one agenda item."""

    for_: int
    against: int
    abstained: int

    @property
    def total(self) -> int:
        """Votes cast."""
        return self.for_ + self.against + self.abstained


def is_quorate(present: int, members: int, quorum: Fraction) -> bool:
    """At least `quorum` of the members present (commonly 2/3)."""
    return members > 0 and Fraction(present, members) >= quorum


def is_adopted(votes: VoteCount, present: int, members: int, majority: str) -> bool:
    """Whether the decision passes under the council's majority rule."""
    if majority == "two_thirds":
        return Fraction(votes.for_, max(present, 1)) >= Fraction(2, 3)
    if majority == "members":
        return votes.for_ * 2 > members
    return votes.for_ * 2 > present


def check_count(votes: VoteCount, present: int) -> list[str]:
    """Problems with a recorded count (Russian), empty when it is consistent."""
    problems = []
    if min(votes.for_, votes.against, votes.abstained) < 0:
        problems.append("Число голосов не может быть отрицательным.")
    if votes.total > present:
        problems.append(f"Голосов ({votes.total}) больше, чем присутствующих ({present}).")
    return problems
