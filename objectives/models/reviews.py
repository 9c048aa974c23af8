"""Each year's review of a framework, its assessments, and the rule that a signed-off review is final."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import capfirst
from simple_history.models import HistoricalRecords

from objectives.models.catalogue import Framework, Objective
from objectives.rules.text import normalise, one_line

# The longest comments (or action) one assessment may hold: ten times the seed's longest entry, about 600 words,
# which the committee report still lays out in well under a second. The form, the imports and the database agree.
TEXT_LIMIT = 4000
# The longest reason a manager may give for reopening a signed-off review.
REASON_LIMIT = 500


class SignedOff(PermissionDenied):
    """A change met a review that is published: nothing was written (403, saying so, if nothing catches it)."""

    def __init__(self, review):
        self.review = review
        # As a clause, for messages that name a row and a column first (imports); as a sentence everywhere else.
        self.reason = f"the {review.label} review is published and read-only: a manager must reopen it first"
        super().__init__(f"{capfirst(self.reason)}.")


class NotAgreed(Exception):
    """Sign-off met objectives with own scores but no agreed score: nothing was written. `numbers` are theirs."""

    def __init__(self, review, numbers):
        self.review, self.numbers = review, numbers
        listed = ", ".join(f"#{number}" for number in numbers)
        super().__init__(f"The {review.label} review cannot be signed off: no score is agreed yet for {listed}.")


class ReviewQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Return the reviews this user may see: committee members see published ones only."""
        if user.has_perm("objectives.view_draft_review"):
            return self
        return self.filter(status=Review.Status.PUBLISHED)

    def earlier_than(self, review):
        """Return the reviews of the review's framework before it, newest first: the first is the one compared with."""
        return self.filter(framework_id=review.framework_id, year__lt=review.year).order_by("-year")

    def lock(self, pk):
        """Return the review, locked until the transaction ends, so that sign-off and changes take turns."""
        return self.select_for_update(of=("self",)).select_related("framework").get(pk=pk)

    def lock_draft(self, pk):
        """Return the review locked, as `lock` does; raise SignedOff if it is published."""
        review = self.lock(pk)
        if review.is_published:
            raise SignedOff(review)
        return review


class Review(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="reviews")
    year = models.PositiveSmallIntegerField(help_text="The year assessed, e.g. 2021.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_by = models.DateField(
        "due by", null=True, blank=True, help_text="The date by which officers should have scored their objectives."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-year", "framework__name"]
        permissions = [
            ("view_draft_review", "Can see draft reviews"),
            ("publish_review", "Can publish and reopen reviews"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["framework", "year"], name="one_review_per_framework_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_review_has_sign_off",
            ),
            models.CheckConstraint(condition=Q(status__in=["draft", "published"]), name="review_status_valid"),
        ]

    def __str__(self):
        return f"{self.year} review ({self.get_status_display().lower()})"

    def get_absolute_url(self):
        return reverse("objectives:review_detail", args=[self])

    @property
    def is_of_main_framework(self):
        return self.framework.slug == settings.SCORECARD_MAIN_FRAMEWORK

    @property
    def name_parts(self):
        """What names the review in its downloads' file names: its year, after any framework's slug but the main's."""
        return (self.year,) if self.is_of_main_framework else (self.framework.slug, self.year)

    @property
    def label(self):
        """The review as sentences name it ("the {label} review"): its year, after which any framework but the main
        one: "2021", "2022 Procurement Act 2023 readiness"."""
        return str(self.year) if self.is_of_main_framework else f"{self.year} {self.framework.name}"

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    def publish(self, *, by, when=None):
        """Sign the review off: it becomes read-only and visible to committee members.

        The review's row is locked first, so an edit saved at the same moment lands before the sign-off or is
        refused after it, and of two managers publishing at once the second is told it is done (SignedOff).
        Raise NotAgreed, writing nothing, while an objective has own scores but no agreed score; under the lock,
        as an own score may come in meanwhile.
        """
        with transaction.atomic():
            Review.objects.lock_draft(self.pk)
            waiting = list(
                self.assessments.filter(own_scores__isnull=False, score__isnull=True, not_applicable=False)
                .order_by("objective__number")
                .values_list("objective__number", flat=True)
                .distinct()
            )
            if waiting:
                raise NotAgreed(self, waiting)
            self.status = self.Status.PUBLISHED
            self.published_at = when or timezone.now()
            self.published_by = by
            self._history_user = by
            self._history_date = self.published_at  # the sign-off's own date, also when it is recorded later
            self._change_reason = "Published"
            self.save()

    def reopen(self, *, by, reason):
        """Make a published review editable again; the history keeps who reopened it, when and why.

        Return False, changing nothing, if it is a draft already (another manager reopened it first).
        """
        with transaction.atomic():
            if not Review.objects.lock(self.pk).is_published:
                return False
            self.status = self.Status.DRAFT
            self.published_at = None
            self.published_by = None
            self._history_user = by
            self._change_reason = f"Reopened: {reason}"
            self.save()
            # A reopened review is no longer what was signed off: its public page is withdrawn (410), in its history.
            releases = self._meta.get_field("public_release").related_model.objects
            release = releases.filter(review=self, withdrawn_at__isnull=True).first()
            if release is not None:
                reason = "Withdrawn from the public: the review was reopened"
                release.withdraw(by=by, when=timezone.now(), reason=reason)
        return True

    def previous(self):
        """Return the latest review of the same framework before this one, or None."""
        return Review.objects.earlier_than(self).first()


class AssessmentQuerySet(models.QuerySet):
    def for_review(self, review):
        return self.filter(review=review)

    def in_scorecard_order(self):
        """Order as the committee table is: continued first, then by theme, key area and number."""
        return self.select_related("objective__key_area__theme").order_by(
            "origin",  # "continued" sorts before "new"
            "objective__key_area__theme__position",
            "objective__key_area__position",
            "objective__number",
        )


class Assessment(models.Model):
    class Origin(models.TextChoices):
        CONTINUED = "continued", "Continued"
        NEW = "new", "New"

    # What people record about an objective in a review: edited in the form, read by imports and exports, and
    # shown field by field in the history. Anything else (version, timestamps) is bookkeeping. Its actions are
    # objects of their own (`Action`), with their own history. "Not applicable" and its reason sit beside the score,
    # which they replace.
    RECORDED_FIELDS = ("score", "not_applicable", "not_applicable_reason", "target", "origin", "comments")

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="assessments")
    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="assessments")
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="A maturity level of the review's framework; empty if not yet scored.",
    )
    target = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The level the council aims for; empty if none is set."
    )
    not_applicable = models.BooleanField(
        "not applicable",
        default=False,
        help_text="Marked as not applying to the council (only where the framework allows it): it has no score and "
        "counts in no average or chart.",
    )
    not_applicable_reason = models.CharField(
        "why not applicable", max_length=REASON_LIMIT, blank=True, help_text="Why the objective does not apply."
    )
    origin = models.CharField(
        "continued or new",
        max_length=10,
        choices=Origin.choices,
        default=Origin.NEW,
        help_text="Continued from the previous review, or new in this one.",
    )
    comments = models.TextField(
        blank=True, max_length=TEXT_LIMIT, help_text="What has been done. Blank lines separate paragraphs."
    )
    # Moved on by every change (`next_version`), so that a form opened on an older version is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["review", "objective__number"]
        permissions = [("set_target", "Can set target levels")]
        constraints = [
            models.UniqueConstraint(fields=["review", "objective"], name="one_assessment_per_objective_per_review"),
            # The database also checks, by trigger, that score and target are levels of the review's framework
            # and that the objective is in it (migration 0002), and refuses any change to an assessment of a
            # published review (migration 0004): a check constraint cannot look at other tables.
            models.CheckConstraint(condition=Q(score__gte=1) | Q(score__isnull=True), name="score_positive"),
            models.CheckConstraint(condition=Q(target__gte=1) | Q(target__isnull=True), name="target_positive"),
            models.CheckConstraint(condition=Q(origin__in=["continued", "new"]), name="assessment_origin_valid"),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | (Q(score__isnull=True) & ~Q(not_applicable_reason="")),
                name="not_applicable_has_reason_and_no_score",
            ),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("comments"), TEXT_LIMIT), name="comments_within_limit"
            ),
        ]

    def __str__(self):
        return f"{self.review.year} #{self.objective.number}"

    def get_absolute_url(self):
        return reverse("objectives:assessment_detail", args=[self.review, self.objective.number])

    def clean(self):
        self.comments = normalise(self.comments)
        self.not_applicable_reason = one_line(self.not_applicable_reason)
        if self.review_id is not None:
            self.refuse_not_applicable(self.review.framework)

    def not_applicable_problems(self, framework, *, levels=None):
        """Return {field: clause} of what refuses this assessment's "Not applicable" in its framework: one that
        does not allow it (naming its `levels`, if given), a score or a target beside it, or no reason.

        The one rule of the form, the admin, the service and the imports; the database checks the score and the
        reason too, but a check constraint cannot read the framework.
        """
        if not self.not_applicable:
            return {}
        if not framework.allows_not_applicable:
            listing = f": its levels are {levels.listing()}" if levels else ""
            return {"score": f"{framework} has no “Not applicable”{listing}"}
        problems = {}
        if self.score is not None:
            problems["score"] = "an objective marked not applicable has no score"
        if self.target is not None:
            problems["target"] = "an objective marked not applicable has no target"
        if not self.not_applicable_reason.strip():
            problems["not_applicable_reason"] = "say why the objective does not apply"
        return problems

    def refuse_not_applicable(self, framework):
        """Raise ValidationError, by field, if the framework refuses this assessment's "Not applicable"."""
        problems = self.not_applicable_problems(framework)
        if problems:
            raise ValidationError({name: f"{capfirst(clause)}." for name, clause in problems.items()})

    @property
    def is_done(self):
        """Return whether the objective needs no more scoring: it is scored, or marked not applicable."""
        return self.score is not None or self.not_applicable

    # Its "Action(s)": the actions on its review for its objective, in order, and their words a paragraph each, as
    # the committee's table prints them. `queries.action_plan.attach_actions` fills both for many assessments in one
    # query; an assessment read alone asks for its own.
    @cached_property
    def action_list(self):
        return list(self.review.actions.filter(objective_id=self.objective_id).order_by("position", "pk"))

    @cached_property
    def actions(self):
        return "\n\n".join(action.text for action in self.action_list)

    def next_version(self):
        """Move the version on: every writer of a change (the form, the admin, an import) calls this first."""
        self.version += 1
