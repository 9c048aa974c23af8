"""The RAG rule: an action's red, amber or green, computed from its status and dates, never typed.

- Red: overdue (the due date is before today) and neither done nor dropped.
- Not yet planned: open, with no lead, no owner and no due date (as carried or imported actions often are): a
  state of its own, counted apart from amber, so that a committee does not read a gap in the plan as a risk. Its SQL
  form is `Action.objects.not_planned()`, beside `overdue()`.
- Amber: due within SCORECARD_DUE_SOON_DAYS (30) and not started; in progress with no progress note for
  SCORECARD_RAG_STALE_DAYS (90); or no due date (with a lead or an owner).
- Green: otherwise. Done and dropped actions show as "Done" and "Dropped", not as a colour.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format


@dataclass(frozen=True)
class Rag:
    key: str  # red, amber, green, not_planned, done, dropped: also the CSS class's suffix
    label: str
    icon: str  # a shape beside the colour, so that the status never rests on colour alone
    reason: str = ""

    @property
    def letter(self):
        """Return the one letter a paper prints in the RAG's shaded cell: R, A, G, N (not yet planned), D, X."""
        return LETTERS[self.key]

    @property
    def rank(self):
        """Return its place in the key's order: red first, so that a list sorted by it leads with what is late."""
        return KEYS.index(self.key)

    def __str__(self):
        return self.label


RED, AMBER, GREEN = ("red", "Red", "▲"), ("amber", "Amber", "◆"), ("green", "Green", "●")
NOT_PLANNED = Rag("not_planned", "Not yet planned", "○", reason="no lead, owner or due date yet")
DONE, DROPPED = Rag("done", "Done", "✓"), Rag("dropped", "Dropped", "✕")
KEYS = ["red", "amber", "green", "not_planned", "done", "dropped"]
LETTERS = {"red": "R", "amber": "A", "green": "G", "not_planned": "N", "done": "D", "dropped": "X"}


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
        (NOT_PLANNED, "not yet planned: open, with no lead, owner or due date; not a risk, a gap in the plan."),
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


def is_not_planned(*, status, due_date, lead, owner_id):
    """Return whether an action is not yet planned: open, with no lead, owner or due date. Its SQL form is
    `Action.objects.not_planned()`: `open().filter(due_date=None, lead="", owner=None)`."""
    return status in ("planned", "in_progress") and due_date is None and not lead and owner_id is None


def rag_of(*, status, due_date, last_note_on, started_on, lead, owner_id, today=None):
    """Return the Rag of an action with this status, these dates, lead and owner, as at `today`."""
    today = today or timezone.localdate()
    if status == "done":
        return DONE
    if status == "dropped":
        return DROPPED
    if is_overdue(due_date, today):
        return Rag(*RED, reason=f"overdue since {date_format(due_date)}")
    if is_not_planned(status=status, due_date=due_date, lead=lead, owner_id=owner_id):
        return NOT_PLANNED
    if due_date is None:
        return Rag(*AMBER, reason="no due date")
    if status == "planned" and is_due_soon(due_date, today):
        return Rag(*AMBER, reason="due soon and not started")
    latest = last_note_on or started_on
    if status == "in_progress" and today - latest >= datetime.timedelta(days=stale_days()):
        return Rag(*AMBER, reason=f"no progress note for {stale_days()} days")
    return Rag(*GREEN)
