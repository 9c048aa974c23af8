"""Writes of one assessment: an edit saved unless it is stale, an objective added to a draft or taken out of it.

Each takes the review's lock first (`Review.objects.lock_draft`), so that a write and a sign-off take turns.
"""

from django.db import transaction

from objectives.models import Assessment, Objective, Review


def save_assessment(*, assessment, opened_version, by):
    """Save an edit (the form's or the admin's) unless someone else saved the assessment since it was opened.

    The review is locked first, so that an edit and a sign-off take turns: raise SignedOff, writing nothing, if
    the review was published meanwhile. Return (saved, current): `current` is the assessment as stored now. When
    another change came first, nothing is written and the caller shows that change beside the editor's own.
    Raise ValidationError, writing nothing, for a "Not applicable" its framework refuses (the forms ask first).
    """
    with transaction.atomic():
        locked = Review.objects.lock_draft(assessment.review_id)
        assessment.refuse_not_applicable(locked.framework)
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if current.version != opened_version:
            return False, current
        assessment.version = current.version
        assessment.next_version()
        assessment._history_user = by
        assessment.save()
    return True, assessment


class NotAdded(Exception):
    """The objective cannot be added: it is in the review already, or its number was taken meanwhile."""


def add_assessment(*, assessment, by):
    """Add an assessment (not saved yet) to its draft review, and its objective to the catalogue if it is new.

    The review is locked before anything is checked, so that two managers adding the same objective take turns
    and the second is told it is there (NotAdded); raise SignedOff if the review was published meanwhile.
    """
    objective = assessment.objective
    with transaction.atomic():
        locked = Review.objects.lock_draft(assessment.review_id)
        if objective.pk is None:
            if Objective.objects.filter(framework_id=locked.framework_id, number=objective.number).exists():
                raise NotAdded(f"#{objective.number} is in {locked.framework} already: choose it from the catalogue.")
            objective.save()
            assessment.objective = objective
        elif Assessment.objects.filter(review=locked, objective=objective).exists():
            raise NotAdded(f"#{objective.number} is in the {locked.year} review already.")
        assessment._history_user = by
        assessment.save()
    return assessment


def remove_assessment(*, assessment, by):
    """Take an objective out of a draft review (its history keeps it); raise SignedOff if published meanwhile."""
    with transaction.atomic():
        Review.objects.lock_draft(assessment.review_id)
        assessment._history_user = by
        assessment.delete()
