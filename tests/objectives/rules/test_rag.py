"""The RAG rule at each of its boundaries, as at 1 December 2026."""

import datetime

import pytest
import time_machine

from objectives.models import Objective, ProgressNote
from objectives.rules.rag import rag_of
from tests.factories import make_action, make_assessment, make_review

TODAY = datetime.date(2026, 12, 1)
LONG_AGO = datetime.date(2026, 1, 1)


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("status", "due", "last_note", "expected"),
    [
        ("planned", days(-1), None, "red"),
        ("in_progress", days(-1), TODAY, "red"),
        ("planned", TODAY, None, "amber"),  # due today is not yet overdue, and not started
        ("in_progress", TODAY, TODAY, "green"),
        ("planned", days(30), None, "amber"),
        ("planned", days(31), None, "green"),
        ("in_progress", days(200), days(-89), "green"),
        ("in_progress", days(200), days(-90), "amber"),
        ("in_progress", days(200), None, "amber"),  # no note since it was raised, long ago
        ("planned", None, None, "amber"),
        ("in_progress", None, TODAY, "amber"),
        ("done", days(-100), None, "done"),
        ("dropped", days(-100), None, "dropped"),
    ],
)
def test_rag_at_each_boundary(status, due, last_note, expected):
    rag = rag_of(status=status, due_date=due, last_note_on=last_note, started_on=LONG_AGO, today=TODAY)
    assert rag.key == expected
    assert rag.label == expected.capitalize() and rag.icon  # words and a shape, never colour alone


def test_the_thresholds_are_settings(settings):
    settings.SCORECARD_DUE_SOON_DAYS = 7
    settings.SCORECARD_RAG_STALE_DAYS = 10
    assert (
        rag_of(status="planned", due_date=days(8), last_note_on=None, started_on=LONG_AGO, today=TODAY).key == "green"
    )
    stale = rag_of(status="in_progress", due_date=days(99), last_note_on=days(-10), started_on=LONG_AGO, today=TODAY)
    assert stale.key == "amber"


@time_machine.travel("2026-12-01", tick=False)
def test_an_actions_rag_counts_its_latest_progress_note(nps, officer):
    review = make_review(framework=nps, year=2026)
    objective = Objective.objects.get(framework=nps, number=3)
    make_assessment(review=review, objective=objective)
    with time_machine.travel("2026-01-01", tick=False):
        action = make_action(review=review, objective=objective, status="in_progress", due_date=days(100))
    assert action.rag().key == "amber"
    ProgressNote.objects.create(action=action, on=days(-89), text="Met the team.", author=officer)
    assert action.rag().key == "green"
    assert action.rag(today=days(1)).key == "amber"


@time_machine.travel("2026-12-01", tick=False)
def test_the_overdue_actions_are_the_red_ones(nps, officer):
    """The dashboard lists `Action.objects.overdue()`: the same actions as the rule calls red, at its boundary."""
    review = make_review(framework=nps, year=2026)
    objective = Objective.objects.get(framework=nps, number=3)
    make_assessment(review=review, objective=objective)
    for status in ("planned", "in_progress", "done", "dropped"):
        for due in (days(-1), TODAY, days(1), None):
            make_action(
                review=review,
                objective=objective,
                status=status,
                due_date=due,
                done_on=TODAY if status == "done" else None,
                dropped_reason="Not needed." if status == "dropped" else "",
            )
    actions = review.actions.with_last_note()
    assert {a.pk for a in actions if a.rag().key == "red"} == set(actions.overdue().values_list("pk", flat=True))
    assert actions.overdue().count() == 2
