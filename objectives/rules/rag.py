"""The RAG rule: an action's red, amber or green, computed from its status and dates, never typed.

- Red: overdue (the due date is before today) and neither done nor dropped.
- Amber: due within SCORECARD_DUE_SOON_DAYS (30) and not started; in progress with no progress note for
  SCORECARD_RAG_STALE_DAYS (90); or no due date.
- Green: otherwise. Done and dropped actions show as "Done" and "Dropped", not as a colour.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format


@dataclass(frozen=True)
class Rag:
    key: str  # red, amber, green, done, dropped: also the CSS class's suffix
    label: str
    icon: str  # a shape beside the colour, so that the status never rests on colour alone
    reason: str = ""

    def __str__(self):
        return self.label


RED, AMBER, GREEN = ("red", "Red", "▲"), ("amber", "Amber", "◆"), ("green", "Green", "●")
DONE, DROPPED = Rag("done", "Done", "✓"), Rag("dropped", "Dropped", "✕")
KEYS = ["red", "amber", "green", "done", "dropped"]


def due_soon_days():
    """Return the one horizon of "due soon", for the RAG and for My work alike (SCORECARD_DUE_SOON_DAYS)."""
    return settings.SCORECARD_DUE_SOON_DAYS


def stale_days():
    return settings.SCORECARD_RAG_STALE_DAYS


def rule():
    """Return the rule in words, for the key on the action plan page."""
    return [
        (Rag(*RED), "overdue: the due date has passed and the action is not done or dropped."),
        (
            Rag(*AMBER),
            f"due within {due_soon_days()} days and not started, in progress with no progress note for "
            f"{stale_days()} days, or with no due date.",
        ),
        (Rag(*GREEN), "on track: none of the above."),
        (DONE, "done."),
        (DROPPED, "dropped, with the reason why."),
    ]


def is_overdue(due_date, today):
    """Return whether something due on `due_date` is overdue as at `today`: its SQL form, for open actions, is
    `Action.objects.overdue(today)`."""
    return due_date is not None and due_date < today


def is_due_soon(due_date, today):
    """Return whether something due on `due_date` is due within `due_soon_days()` of `today` and not yet overdue:
    its SQL form is `due_date__range=(today, today + due_soon(today))`, here as `due_soon_until(today)`."""
    return due_date is not None and not is_overdue(due_date, today) and due_date <= due_soon_until(today)


def due_soon_until(today):
    """Return the last day that is "due soon" as at `today`."""
    return today + datetime.timedelta(days=due_soon_days())


def rag_of(*, status, due_date, last_note_on, started_on, today=None):
    """Return the Rag of an action with this status and these dates, as at `today`."""
    today = today or timezone.localdate()
    if status == "done":
        return DONE
    if status == "dropped":
        return DROPPED
    if is_overdue(due_date, today):
        return Rag(*RED, reason=f"overdue since {date_format(due_date)}")
    if due_date is None:
        return Rag(*AMBER, reason="no due date")
    if status == "planned" and is_due_soon(due_date, today):
        return Rag(*AMBER, reason="due soon and not started")
    latest = last_note_on or started_on
    if status == "in_progress" and today - latest >= datetime.timedelta(days=stale_days()):
        return Rag(*AMBER, reason=f"no progress note for {stale_days()} days")
    return Rag(*GREEN)
