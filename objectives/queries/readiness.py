"""Whether a draft is ready to sign off: what the publish page counts, each with the page where it is put right.

A review may be published with any of them outstanding (a manager decides), but one: objectives with own scores
but no agreed score (`blocks`), which `Review.publish` refuses; the page says what they are first.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone

from objectives.models import Action, Assessment, Evidence
from objectives.queries.moderation import waiting_to_be_agreed


def below_target_without_action(review):
    """Return the review's assessments below target with no open action on their objective, by number: what the
    publish page counts and the pack's exceptions list (one definition for both)."""
    open_actions = Action.objects.filter(reviews=review, objective=OuterRef("objective")).open()
    return list(
        Assessment.objects.filter(review=review, score__isnull=False, target__isnull=False, score__lt=F("target"))
        .exclude(Exists(open_actions))
        .select_related("objective")
        .order_by("objective__number")
    )


@dataclass
class Check:
    key: str
    count: int
    text: str  # what is outstanding, in words: "2 objectives are not scored"
    ok: str  # what the page says when there are none
    link: str  # the page where it is put right
    link_text: str
    blocks: bool = False  # sign-off refuses while it is outstanding
    items: list = field(default_factory=list)  # what is outstanding, where the page lists it

    @property
    def ready(self):
        return self.count == 0


def _objectives(n):
    return f"{n} objective{'s' if n != 1 else ''}"


def readiness(review, *, today=None):
    """Return the review's Checks, in the order a manager puts them right: agreed scores, scores, actions,
    evidence, gaps."""
    today = today or timezone.localdate()
    scorecard = reverse("objectives:review_detail", args=[review])
    # Marked not applicable is done: it waits for no score.
    not_scored = review.assessments.filter(score__isnull=True, not_applicable=False).count()
    not_planned = Action.objects.filter(reviews=review).not_planned().count()
    evidence = Evidence.objects.current().filter(assessment__review=review)
    to_confirm = evidence.filter(carried_from__isnull=False, confirmed_at__isnull=True).count()
    past_review = evidence.due_for_review(today).count()
    gaps = len(below_target_without_action(review))
    waiting = list(
        waiting_to_be_agreed(review.assessments.all()).select_related("objective").order_by("objective__number")
    )
    were = {1: "is"}
    return [
        Check(
            "not_agreed",
            len(waiting),
            f"{_objectives(len(waiting))} with own scores {'has' if len(waiting) == 1 else 'have'} no agreed score",
            "Every objective with own scores has an agreed score.",
            f"{scorecard}?not_scored=on",
            "Agree them from each objective's page",
            blocks=True,
            items=waiting,
        ),
        Check(
            "not_scored",
            not_scored,
            f"{_objectives(not_scored)} {were.get(not_scored, 'are')} not scored",
            "Every objective is scored.",
            f"{scorecard}?not_scored=on",
            "Score them on the scorecard",
        ),
        Check(
            "not_planned",
            not_planned,
            f"{not_planned} action{'s' if not_planned != 1 else ''} {were.get(not_planned, 'are')} not yet planned "
            "(no lead, owner or due date)",
            "Every open action has a lead, an owner or a due date.",
            reverse("objectives:action_planning", args=[review]),
            "Plan them on one page",
        ),
        Check(
            "to_confirm",
            to_confirm,
            f"{to_confirm} evidence item{'s' if to_confirm != 1 else ''} carried forward {were.get(to_confirm, 'are')} "
            "still to confirm",
            "No evidence carried forward is waiting to be confirmed.",
            reverse("objectives:review_evidence", args=[review]),
            "Confirm, replace or withdraw them",
        ),
        Check(
            "past_review",
            past_review,
            f"{past_review} evidence item{'s' if past_review != 1 else ''} {were.get(past_review, 'are')} past "
            "the review-by date",
            "No evidence is past its review-by date.",
            reverse("objectives:review_evidence", args=[review]),
            "Review them on the evidence list",
        ),
        Check(
            "below_target",
            gaps,
            f"{_objectives(gaps)} below target {'has' if gaps == 1 else 'have'} no open action",
            "Every objective below target has an open action.",
            f"{scorecard}?below_target=on",
            "Raise actions from the scorecard",
        ),
    ]
