"""An assessment's actions as an import reads them: one action per paragraph or list item of the file's text.

An import adds an action for each paragraph or list item whose words are not among the assessment's actions yet,
and leaves those whose words are there as they are, with their progress. One on the review that the file no
longer names is taken off it (deleted if it was raised there and is on no other review), unless it has progress
recorded: that one is never removed by an import, and the preview says so.
"""

from dataclasses import dataclass, field

from simple_history.utils import bulk_create_with_history

from objectives.imports.formulas import strip_controls
from objectives.models import Action
from objectives.rules.text import items, normalise


@dataclass(slots=True)
class ActionChanges:
    adds: list = field(default_factory=list)  # texts of the actions to raise
    removes: list = field(default_factory=list)  # actions to take off the review
    kept: list = field(default_factory=list)  # actions the file no longer names, kept for their progress

    def __bool__(self):
        return bool(self.adds or self.removes)


def _as_imported(text):
    # An export leaves control characters out (`formulas.escaped`): the same words, read back, are no change.
    return normalise(strip_controls(text))


def plan_actions(current, text):
    """Return the ActionChanges that make `current` (the assessment's actions) match the file's `text`."""
    wanted = items(text)
    have = {_as_imported(action.text) for action in current}
    changes = ActionChanges(adds=[words for words in dict.fromkeys(wanted) if words not in have])
    for action in current:
        if _as_imported(action.text) not in wanted:
            (changes.kept if action.has_progress() else changes.removes).append(action)
    return changes


def write_actions(rows, *, user, reason, when):
    """Raise and remove the actions that the rows' plans say, recording each in the actions' history.

    New actions are written in bulk, as the assessments are: a council's file raises thousands.
    """
    raised = []
    for row in rows:
        # After every action on the review for the objective, carried ones too, as `Action.raise_in` places one.
        last = max((action.position for action in row.assessment.action_list), default=0) if row.assessment else 0
        raised += [
            Action(raised_in=row.review, objective=row.objective, text=words, position=position, created_at=when)
            for position, words in enumerate(row.actions.adds, start=last + 1)
        ]
    raised = bulk_create_with_history(
        raised, Action, default_user=user, default_change_reason=reason, default_date=when
    )
    Action.reviews.through.objects.bulk_create(
        Action.reviews.through(action_id=action.pk, review_id=action.raised_in_id) for action in raised
    )
    for row in rows:
        review = row.review
        for action in row.actions.removes:
            action._history_user, action._change_reason = user, reason
            if action.raised_in_id == review.id and action.reviews.count() == 1:
                action.delete()
            else:
                action.reviews.remove(review)
