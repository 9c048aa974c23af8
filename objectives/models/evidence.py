"""Evidence: what shows a score. A file or a link on one assessment, with its date, an owner and a review-by date.

An uploaded file is a `StoredFile`: kept once, under a random name, in the storage `STORAGES["evidence"]`, and
never changed or copied. An `Evidence` item belongs to one assessment. Starting the next review makes a new item
on the new assessment for each current one (`carried_from`), pointing at the same stored file: the year's
record stays as it was signed off, and officers confirm, replace or withdraw what came forward.

Nothing is deleted. Withdrawing an item keeps it, and its file, in the record (out of the lists), with who
withdrew it, when and why. Sign-off freezes a review's evidence: no item is added, changed or withdrawn until a
manager reopens it (`check_may_change`, raising SignedOff).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from objectives.models.reviews import REASON_LIMIT, Assessment, SignedOff

TITLE_LIMIT = 200
SHOWS_LIMIT = 2000


class StoredFile(models.Model):
    """One uploaded file, as its content was found to be: the bytes live in the evidence storage."""

    stored_as = models.CharField(max_length=100, unique=True, editable=False, help_text="Its random name in storage.")
    name = models.CharField(max_length=255, help_text="The file's name as uploaded, without any folder.")
    content_type = models.CharField(max_length=120, help_text="The type found in its content at upload.")
    kind = models.CharField(max_length=40, help_text="What it is, as people read it: PDF, Word, CSV ...")
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.name


class EvidenceQuerySet(models.QuerySet):
    def current(self):
        """Return the items not withdrawn: those the lists show."""
        return self.filter(withdrawn_at__isnull=True)

    def due_for_review(self, today=None):
        return self.filter(review_by__lt=today or timezone.localdate())

    def for_list(self):
        return self.select_related(
            "file", "owner", "added_by", "carried_from__assessment__review", "assessment__objective"
        ).order_by("assessment__objective__number", "dated", "pk")

    def counts_by_assessment(self, assessments, today=None):
        """Return {assessment id: (current items, of which due for review)} for these assessments, in one query."""
        due = Q(review_by__lt=today or timezone.localdate())
        rows = (
            self.current()
            .filter(assessment__in=assessments)
            .values("assessment_id")
            .annotate(count=Count("pk"), due=Count("pk", filter=due))
        )
        return {row["assessment_id"]: (row["count"], row["due"]) for row in rows}


class Evidence(models.Model):
    # What people record about an item: edited in the form and shown field by field in its history.
    RECORDED_FIELDS = ("title", "shows", "dated", "owner", "review_by", "link", "file", "withdrawn_reason")

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="evidence")
    title = models.CharField(max_length=TITLE_LIMIT, help_text="e.g. Contract management training record 2021.")
    shows = models.TextField(
        "what it shows", max_length=SHOWS_LIMIT, blank=True, help_text="How it supports the objective's score."
    )
    dated = models.DateField("date of the document", help_text="The date of the document, meeting or page.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_owned",
        help_text="Who keeps it up to date.",
    )
    review_by = models.DateField(
        "review by", null=True, blank=True, help_text="When it should be looked at again; flagged once past."
    )
    file = models.ForeignKey(StoredFile, on_delete=models.PROTECT, null=True, blank=True, related_name="items")
    link = models.URLField(max_length=2000, blank=True, help_text="An https:// address, instead of a file.")
    carried_from = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="carried_into",
        help_text="The item of the previous review it was carried forward from.",
    )
    confirmed_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When an officer confirmed an item carried forward."
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )
    withdrawn_reason = models.TextField("why it was withdrawn", max_length=REASON_LIMIT, blank=True)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "evidence"
        ordering = ["assessment", "dated", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file__isnull=False) & Q(link="")) | (Q(file__isnull=True) & ~Q(link="")),
                name="evidence_is_a_file_or_a_link",
            ),
            models.CheckConstraint(
                condition=Q(link="") | Q(link__startswith="https://"), name="evidence_link_is_https"
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | ~Q(withdrawn_reason=""), name="withdrawn_evidence_has_reason"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("objectives:evidence_detail", args=[self.pk])

    def clean(self):
        # That it is a file or a link, not both, the form checks and the database enforces: the file is stored
        # only once the rest of the form is valid.
        if self.link and not self.link.startswith("https://"):
            raise ValidationError({"link": "Only https:// links are accepted."}, code="https")

    @property
    def kind(self):
        return self.file.kind if self.file_id else "Link"

    @property
    def is_withdrawn(self):
        return self.withdrawn_at is not None

    @property
    def to_confirm(self):
        """Carried forward from the previous review and not yet confirmed, replaced or withdrawn."""
        return self.carried_from_id is not None and self.confirmed_at is None and not self.is_withdrawn

    @property
    def review_year(self):
        return self.assessment.review.year

    @property
    def from_year(self):
        return self.carried_from.assessment.review.year if self.carried_from_id else None

    def is_due(self, today=None):
        return self.review_by is not None and self.review_by < (today or timezone.localdate())

    def check_may_change(self, review):
        """Raise SignedOff if `review`, this item's (locked by the caller), is published: its evidence is frozen."""
        if review.is_published:
            raise SignedOff(review)
