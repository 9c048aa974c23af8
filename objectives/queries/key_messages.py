"""The key messages a review's pack proposes, from its figures and its actions: for the front sheet and sign-off."""

from objectives.models import Action
from objectives.queries.figures import review_figures
from objectives.rules.key_messages import propose


def proposed_for(review, *, earlier, today):
    """Return the key messages the pack of `review` proposes, compared with `earlier[0]` if any."""
    figures = review_figures(review, compare_with=earlier[0] if earlier else None)
    return propose(figures, list(Action.objects.for_plan(review)), today=today)
