"""The plan task lifecycle table walked pair by pair."""
import pytest

from core.actor import Actor
from core.errors import InvalidTransition, NotAllowed, StaleState
from workflow.lifecycle import TASK

EDITOR = Actor(1, "wg", 1, frozenset({"working_group"}))
TEACHER = Actor(2, "t", 1, frozenset({"teacher"}))

PAIRS = [(s, a) for s in TASK.states for a in TASK.actions]


@pytest.mark.parametrize("state, action", PAIRS)
def test_every_state_action_pair(state, action):
    expected = TASK.transitions.get((state, action))
    if expected is None:
        with pytest.raises(InvalidTransition):
            TASK.next_state(EDITOR, state, action, reason="причина")
    else:
        assert TASK.next_state(EDITOR, state, action, reason="причина") == expected


def test_reopen_and_cancel_need_a_reason():
    with pytest.raises(InvalidTransition, match="причину"):
        TASK.next_state(EDITOR, "done", "reopen")
    with pytest.raises(InvalidTransition, match="причину"):
        TASK.next_state(EDITOR, "planned", "cancel", reason="  ")


def test_stale_form_is_refused():
    with pytest.raises(StaleState):
        TASK.next_state(EDITOR, "done", "complete", seen_state="in_progress")


def test_without_permission_only_an_assignee_may_act():
    with pytest.raises(NotAllowed):
        TASK.next_state(TEACHER, "planned", "start")
    assert TASK.next_state(TEACHER, "planned", "start", also_allowed=True) == "in_progress"
