"""Writes of one assessment: an edit saved unless it is stale, an objective added to a draft or taken out of it.

Each takes the review's lock first (`Review.objects.lock_draft`), so that a write and a sign-off take turns.
"""

from django.db import transaction

from objectives.models import Assessment, Review


def save_assessment(*, assessment, opened_version, by):
    """Save an edit (the form's or the admin's) unless someone else saved the assessment since it was opened.

    The review is locked first, so that an edit and a sign-off take turns: raise SignedOff, writing nothing, if
    the review was published meanwhile. Return (saved, current): `current` is the assessment as stored now. When
    another change came first, nothing is written and the caller shows that change beside the editor's own.
    """
    with transaction.atomic():
        Review.objects.lock_draft(assessment.review_id)
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if current.version != opened_version:
            return False, current
        assessment.version = current.version
        assessment.next_version()
        assessment._history_user = by
        assessment.save()
    return True, assessment
