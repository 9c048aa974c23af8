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
        item.due = item.is_due(today)
        if not by_objective or by_objective[-1].assessment.pk != item.assessment_id:
            by_objective.append(ObjectiveEvidence(item.assessment))
        by_objective[-1].items.append(item)
    due = sorted((item for item in items if item.due), key=lambda item: (item.review_by, item.pk))
    return ReviewEvidence(due=due, by_objective=by_objective, count=len(items))


def assessment_evidence(assessment, today=None):
    """Return the assessment's current items, due for review first, each marked `due`."""
    today = today or timezone.localdate()
    items = list(Evidence.objects.current().filter(assessment=assessment).for_list())
    for item in items:
        item.due = item.is_due(today)
    return sorted(items, key=lambda item: not item.due)


def attach_evidence_counts(assessments, today=None):
    """Give each assessment `evidence_count` and `evidence_due` (current items, and those due), in one query."""
    counts = Evidence.objects.counts_by_assessment([a.pk for a in assessments], today)
    for assessment in assessments:
        assessment.evidence_count, assessment.evidence_due = counts.get(assessment.pk, (0, 0))
    return assessments
