"""The RAG rule at each of its boundaries, as at 1 December 2026."""

import datetime

import pytest
import time_machine

from objectives.models import Objective, ProgressNote
from objectives.rules.rag import KEYS, rag_of, rule
from tests.factories import make_action, make_assessment, make_review

TODAY = datetime.date(2026, 12, 1)
LONG_AGO = datetime.date(2026, 1, 1)


def days(n):
    return TODAY + datetime.timedelta(days=n)


def rag_at(status, due, last_note, *, lead="Procurement", owner_id=None):
    return rag_of(
        status=status,
        due_date=due,
        last_note_on=last_note,
        started_on=LONG_AGO,
        lead=lead,
        owner_id=owner_id,
        today=TODAY,
    )


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
    rag = rag_at(status, due, last_note)
    assert rag.key == expected
    assert rag.label == expected.capitalize() and rag.icon  # words and a shape, never colour alone
    assert rag.letter == expected[0].upper() or (expected, rag.letter) == ("dropped", "X")


@pytest.mark.parametrize(
    ("status", "due", "lead", "owner_id", "expected"),
    [
        ("planned", None, "", None, "not_planned"),  # carried or imported with nothing: not yet planned
        ("in_progress", None, "", None, "not_planned"),
        ("planned", None, "Procurement", None, "amber"),  # a lead but no date: amber, as before
        ("planned", None, "", 7, "amber"),  # an owner but no date
        ("planned", days(200), "", None, "green"),  # a date with nobody: planned enough to be on track
        ("planned", days(-1), "", None, "red"),  # a date that has passed is red, whoever leads it
        ("done", None, "", None, "done"),
        ("dropped", None, "", None, "dropped"),
    ],
)
def test_not_yet_planned_is_a_state_of_its_own(status, due, lead, owner_id, expected):
    rag = rag_at(status, due, None, lead=lead, owner_id=owner_id)
    assert rag.key == expected
    if expected == "not_planned":
        assert (rag.label, rag.letter, rag.icon) == ("Not yet planned", "N", "○")
        assert rag.reason == "no lead, owner or due date yet"


def test_the_key_lists_not_yet_planned_apart_from_amber():
    keys = [key.key for key, _ in rule()]
    assert keys == KEYS == ["red", "amber", "green", "not_planned", "done", "dropped"]
    meaning = {key.key: words for key, words in rule()}
    assert "no lead, owner or due date" in meaning["not_planned"]
    assert sorted(KEYS, key=lambda key: rule()[KEYS.index(key)][0].rank) == KEYS


def test_the_thresholds_are_settings(settings):
    settings.SCORECARD_DUE_SOON_DAYS = 7
    settings.SCORECARD_RAG_STALE_DAYS = 10
    assert rag_at("planned", days(8), None).key == "green"
    assert rag_at("in_progress", days(99), days(-10)).key == "amber"


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


@time_machine.travel("2026-12-01", tick=False)
def test_the_not_planned_actions_are_those_the_rule_calls_so(nps, officer):
    """`Action.objects.not_planned()` is the SQL form of the rule's "not yet planned", at each of its edges."""
    review = make_review(framework=nps, year=2026)
    objective = Objective.objects.get(framework=nps, number=3)
    make_assessment(review=review, objective=objective)
    for status in ("planned", "in_progress", "done", "dropped"):
        for fields in ({}, {"lead": "Legal"}, {"owner": officer}, {"due_date": days(40)}, {"due_date": days(-3)}):
            make_action(
                review=review,
                objective=objective,
                status=status,
                done_on=TODAY if status == "done" else None,
                dropped_reason="Not needed." if status == "dropped" else "",
                **fields,
            )
    actions = review.actions.with_last_note()
    by_rule = {a.pk for a in actions if a.rag().key == "not_planned"}
    assert by_rule == set(actions.not_planned().values_list("pk", flat=True))
    assert len(by_rule) == 2  # planned and in progress, with nothing
    assert set(actions.not_planned().values_list("pk", flat=True)) <= set(
        actions.to_plan().values_list("pk", flat=True)
    )
    assert actions.to_plan().count() == 10  # every open one: each has one of the three at most
