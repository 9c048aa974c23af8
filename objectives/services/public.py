"""Making a signed-off review public for residents, and withdrawing it: each one transaction with its history."""

from django.db import transaction
from django.utils import timezone

from objectives.models import PublicRelease, Review


class NotSignedOff(Exception):
    """A draft cannot be made public: nothing was written."""

    def __init__(self, review):
        self.review = review
        super().__init__(f"The {review.label} review is a draft: only a signed-off review can be made public.")


def make_public(review, *, by, include_comments, when=None):
    """Make a signed-off review public (again, if withdrawn), with or without its comments; return its release.

    The review's row is locked, so that a reopening at the same moment comes before (NotSignedOff) or after (and
    withdraws it). Making public a review already public records the choice of comments, if it changed.
    """
    when = when or timezone.now()
    with transaction.atomic():
        if not Review.objects.lock(review.pk).is_published:
            raise NotSignedOff(review)
        release = PublicRelease.objects.select_for_update().filter(review_id=review.pk).first()
        if release is not None and not release.is_withdrawn and release.include_comments == include_comments:
            return release
        if release is None:
            release = PublicRelease(review_id=review.pk)
        again = release.pk is not None and not release.is_withdrawn
        release.include_comments = include_comments
        release.released_at, release.released_by = (release.released_at, release.released_by) if again else (when, by)
        release.withdrawn_at = release.withdrawn_by = None
        words = "with its comments" if include_comments else "without its comments"
        release._history_user, release._history_date = by, when
        release._change_reason = f"{'Now shown' if again else 'Made public'} {words}"
        release.save()
    return release


def withdraw_public(review, *, by, when=None):
    """Withdraw a review's public page (it then answers 410 Gone).

    Return False, changing nothing, if it is not public (another manager withdrew it first).
    """
    with transaction.atomic():
        release = PublicRelease.objects.select_for_update().filter(review_id=review.pk).first()
        if release is None or release.is_withdrawn:
            return False
        release.withdraw(by=by, when=when or timezone.now())
    return True
