"""Every lifecycle table walked pair by pair: each (state, action) either leads where the table
says or is refused with InvalidTransition; actions need their permission; reasons where required."""
import pytest

from approvals.lifecycle import MEETING, STEP
from core.actor import Actor
from core.errors import InvalidTransition, NotAllowed
from core.roles import ROLE_LABELS
from documents.lifecycle import ACT
from documents.order_lifecycle import ORDER, PUBLICATION
from workflow.lifecycle import TASK

LIFECYCLES = [TASK, ACT, STEP, MEETING, ORDER, PUBLICATION]
EVERYONE = Actor(1, "all", 1, frozenset(ROLE_LABELS))
NOBODY = Actor(2, "none", 1, frozenset())
PAIRS = [(lc, s, a) for lc in LIFECYCLES for s in lc.states for a in lc.actions]


@pytest.mark.parametrize("lc, state, action", PAIRS, ids=[f"{lc.name}:{s}:{a}" for lc, s, a in PAIRS])
def test_every_state_action_pair(lc, state, action):
    target = lc.transitions.get((state, action))
    if target is None:
        with pytest.raises(InvalidTransition):
            lc.next_state(EVERYONE, state, action, reason="причина")
        return
    assert lc.next_state(EVERYONE, state, action, reason="причина") == target
    with pytest.raises(NotAllowed):
        lc.next_state(NOBODY, state, action, reason="причина")
    if action in lc.reason_required:
        with pytest.raises(InvalidTransition):
            lc.next_state(EVERYONE, state, action, reason=" ")


@pytest.mark.parametrize("lc", LIFECYCLES, ids=[lc.name for lc in LIFECYCLES])
def test_no_orphan_states_and_the_check_constraint_lists_them(lc):
    reachable = set(lc.transitions.values())
    initial = [s for s in lc.states if s not in reachable]
    assert len(initial) <= 1  # only the start state is never entered (an act's draft is re-entered)
    assert all(f"'{s}'" in lc.check_constraint() for s in lc.states)
