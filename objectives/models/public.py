"""A signed-off review made public for residents (the `/public/` pages), by a manager's choice, and withdrawn."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from objectives.models.reviews import Review


class PublicReleaseQuerySet(models.QuerySet):
    def current(self):
        """Return the releases on show: not withdrawn, of a review that is signed off."""
        return self.filter(withdrawn_at__isnull=True, review__status=Review.Status.PUBLISHED)


class PublicRelease(models.Model):
    """One row per review ever made public; making it public again after a withdrawal reuses the row, and the
    history keeps every publishing and withdrawal with who and when."""

    review = models.OneToOneField(Review, on_delete=models.PROTECT, related_name="public_release")
    include_comments = models.BooleanField(
        "include the comments", default=False, help_text="Whether the public page shows each objective's comments."
    )
    released_at = models.DateTimeField()
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PublicReleaseQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        permissions = [("publish_public", "Can make signed-off reviews public and withdraw them")]
        constraints = [
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True, withdrawn_by__isnull=True)
                | Q(withdrawn_at__isnull=False, withdrawn_by__isnull=False),
                name="public_release_withdrawn_with_who",
            )
        ]

    def __str__(self):
        return f"Public release of the {self.review.label} review"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    def withdraw(self, *, by, when, reason="Withdrawn from the public"):
        self.withdrawn_at, self.withdrawn_by = when, by
        self._history_user, self._history_date, self._change_reason = by, when, reason
        self.save()
