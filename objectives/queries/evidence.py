"""A review's and an assessment's current evidence as their pages list it, due for review first."""

from dataclasses import dataclass, field

from django.utils import timezone

from objectives.models import Evidence


@dataclass
class ObjectiveEvidence:
    assessment: object
    items: list = field(default_factory=list)


@dataclass
class ReviewEvidence:
    due: list
    by_objective: list
    count: int


def review_evidence(review, today=None):
    """Return the review's current items: those due for review, then all of them by objective."""
    today = today or timezone.localdate()
    items = list(Evidence.objects.current().filter(assessment__review=review).for_list())
    by_objective = []
    for item in items:
        if not by_objective or by_objective[-1].assessment.pk != item.assessment_id:
            by_objective.append(ObjectiveEvidence(item.assessment))
        by_objective[-1].items.append(item)
    due = sorted((item for item in items if item.is_due(today)), key=lambda item: (item.review_by, item.pk))
    return ReviewEvidence(due=due, by_objective=by_objective, count=len(items))


def assessment_evidence(assessment, today=None):
    """Return the assessment's current items, due for review first."""
    today = today or timezone.localdate()
    items = list(Evidence.objects.current().filter(assessment=assessment).for_list())
    return sorted(items, key=lambda item: not item.is_due(today))
