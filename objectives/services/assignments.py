"""Who scores which objective of a draft review, and by when: the assign page's one save.

A manager assigns objectives one by one, a whole key area, or a whole theme, on one page; the review's due date
is on the same page. Everything is saved in one transaction with the review locked, or nothing is.
"""

from django.db import transaction
from django.utils.formats import date_format

from objectives.models import Assessment, Assignment, Review, people_who_may, person


class AssignmentRefused(Exception):
    """An assignment cannot be made (the person may not score objectives): nothing was written."""


def assign(*, review, officers, due_by, by):
    """Save the assign page: `officers` maps an assessment's id to its officer (a user) or None for nobody.

    The review is locked and must be a draft (SignedOff otherwise). Each change goes into its assignment's history,
    a new due date into the review's. Raise AssignmentRefused, writing nothing, if any officer may not score.
    Return how many assignments changed.
    """
    allowed = set(people_who_may("change_assessment").values_list("pk", flat=True))
    changed = 0
    with transaction.atomic():
        locked = Review.objects.lock_draft(review.pk)
        current = {
            a.assessment_id: a
            for a in Assignment.objects.select_for_update().filter(assessment__review=locked, assessment__in=officers)
        }
        if set(officers) - set(Assessment.objects.for_review(locked).values_list("pk", flat=True)):
            raise AssignmentRefused(f"An objective is not in the {locked.year} review: open the page again.")
        for assessment_id, officer in officers.items():
            assignment = current.get(assessment_id)
            if officer is None and assignment is not None:
                assignment._history_user = by
                assignment.delete()
            elif officer is not None and (assignment is None or assignment.officer_id != officer.pk):
                if officer.pk not in allowed:
                    raise AssignmentRefused(f"{person(officer)} may not score objectives.")
                assignment = assignment or Assignment(assessment_id=assessment_id)
                assignment.officer = officer
                assignment._history_user = by
                assignment.save()
            else:
                continue
            changed += 1
        if locked.due_by != due_by:
            locked.due_by = due_by
            locked._history_user = by
            locked._change_reason = f"Due by {date_format(due_by)}" if due_by else "Due date removed"
            locked.save()
            review.due_by = due_by
    return changed
