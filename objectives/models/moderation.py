"""Several voices, one agreed score: each person's own score of an objective, the agreement a manager records, and
a review's rules for both.

The agreed score is the assessment's `score`, so that every page, paper and export that shows a score shows the
agreed one. Own scores are rows of their own and are never overwritten by it; `Agreement` says who agreed the score
and why. Sign-off freezes all three in the database as well (migration 0019's triggers).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone
from simple_history.models import HistoricalRecords

from objectives.models.reviews import TEXT_LIMIT, Assessment, Review


class OwnScore(models.Model):
    """One person's own score of an objective in a review, with why: recorded from the edit form, independently."""

    RECORDED_FIELDS = ("score", "rationale")  # what its history shows

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="own_scores")
    scorer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="own_scores", help_text="Who gave it."
    )
    score = models.PositiveSmallIntegerField("own score", help_text="A maturity level of the review's framework.")
    rationale = models.TextField(
        "why", blank=True, max_length=TEXT_LIMIT, help_text="Why this level, in the scorer's words."
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["assessment", "recorded_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "scorer"], name="one_own_score_per_person"),
            models.CheckConstraint(condition=Q(score__gte=1), name="own_score_positive"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("rationale"), TEXT_LIMIT), name="own_score_rationale_within_limit"
            ),
        ]

    def __str__(self):
        return f"{self.assessment}: {self.score} by user {self.scorer_id}"


class Agreement(models.Model):
    """Who agreed an assessment's score (its `score`) and why; no row means no one has agreed it yet, and a row with
    no one (`agreed_by` empty) is a single voice taken as agreed under the review's rule."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="agreement")
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(default=timezone.now)
    rationale = models.TextField(
        blank=True, max_length=TEXT_LIMIT, help_text="Why this score: required when it differs from an own score."
    )

    history = HistoricalRecords()

    class Meta:
        permissions = [("moderate_assessment", "Can agree an objective's score from its own scores")]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("rationale"), TEXT_LIMIT), name="agreement_rationale_within_limit"
            ),
        ]

    def __str__(self):
        return f"{self.assessment} agreed"

    @property
    def is_by_rule(self):
        return self.agreed_by_id is None


class Moderation(models.Model):
    """A review's rules for own scores; no row means the defaults (`Moderation.of`)."""

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="moderation")
    blind = models.BooleanField(
        "blind scoring",
        default=True,
        help_text="An officer sees the others' own scores of an objective only once they have recorded their own. "
        "Managers always see them.",
    )
    single_voice_agrees = models.BooleanField(
        "one own score is agreed",
        default=True,
        help_text="Own scores that are all one level (one voice, or all alike) make it the agreed score, until a "
        "manager agrees one.",
    )
    pack_names_scorers = models.BooleanField(
        "the pack names who gave each own score",
        default=False,
        help_text="Otherwise committee members read the agreed score and the spread, never who gave which own score.",
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"Scoring rules of the {self.review.label} review"

    @classmethod
    def of(cls, review):
        """Return the review's rules, unsaved with the defaults if no one changed them."""
        try:
            return review.moderation
        except cls.DoesNotExist:
            return cls(review=review)
