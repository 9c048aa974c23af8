"""The dashboard's figures of a review's actions: how many of each RAG per theme, and the longest overdue."""

from dataclasses import dataclass

from objectives.models import Action, Theme
from objectives.rules import rag

# The dashboard lists the longest overdue actions, up to this many; the action plan, filtered, lists them all.
OVERDUE_LISTED = 10


@dataclass
class ActionFigures:
    """A review's actions by RAG per theme, and its overdue ones, for the dashboard."""

    keys: list  # the Rags, in the key's order
    themes: list  # (theme, [count for each key]), in the framework's order
    overdue: list  # the longest overdue of the red actions, up to OVERDUE_LISTED, longest first
    overdue_count: int  # how many are red in all


def action_figures(review, *, theme=None, today=None):
    """Return the ActionFigures of the review's actions (of one theme, if given): three queries.

    The counts need only each action's RAG and theme, so they come from rows of values; the longest overdue are
    fetched whole, to be listed.
    """
    keys = [key_rag for key_rag, _ in rag.rule()]
    counts = {}  # theme id -> [count for each key], in plan (so framework) order
    for row in Action.objects.for_figures(review).in_theme(theme):
        counts.setdefault(row["theme_id"], [0] * len(keys))[rag.KEYS.index(Action.rag_of_row(row, today).key)] += 1
    themes = Theme.objects.filter(framework_id=review.framework_id).in_bulk()
    overdue = (
        Action.objects.filter(reviews=review)
        .in_theme(theme)
        .overdue(today)
        .select_related("objective")
        .order_by("due_date", "pk")
    )
    return ActionFigures(
        keys,
        [(themes[theme_id], row) for theme_id, row in counts.items()],
        list(overdue[:OVERDUE_LISTED]),
        sum(row[rag.KEYS.index("red")] for row in counts.values()),
    )
