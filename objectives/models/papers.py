"""A review's front sheet: what an English council's committee report says on its first page, and the key messages.

One per review, set by a manager while it is a draft (`services.papers.save_front_sheet`, under the review's
lock) and frozen with its sign-off, as the scores are: the signed-off pack says what was agreed. A review with none
saved reads the defaults of `FrontSheet.for_review` (the settings' committee, author and contact officer).
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from objectives.models.reviews import TEXT_LIMIT, Review

LINE_LIMIT = 200


class FrontSheet(models.Model):
    class Classification(models.TextChoices):
        OPEN = "open", "Open"
        EXEMPT = "exempt", "Exempt"

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="front_sheet")
    report_to = models.CharField("report to", max_length=LINE_LIMIT, help_text="The committee that receives it.")
    meeting_date = models.DateField(null=True, blank=True)
    agenda_item = models.CharField(max_length=40, blank=True, help_text="As the agenda numbers it, e.g. 7.")
    report_author = models.CharField(max_length=LINE_LIMIT, help_text="The post or person who wrote the report.")
    contact_officer = models.CharField(
        max_length=LINE_LIMIT, blank=True, help_text="Name, post, email or telephone of whom to ask."
    )
    classification = models.CharField(max_length=10, choices=Classification.choices, default=Classification.OPEN)
    purpose = models.TextField(max_length=TEXT_LIMIT)
    recommendations = models.TextField(max_length=TEXT_LIMIT, help_text="One a line; the paper numbers them.")
    financial_implications = models.TextField(max_length=TEXT_LIMIT)
    legal_implications = models.TextField(max_length=TEXT_LIMIT)
    risk_implications = models.TextField(max_length=TEXT_LIMIT)
    background_papers = models.TextField(max_length=TEXT_LIMIT, blank=True, help_text="One a line.")
    key_messages = models.TextField(
        max_length=TEXT_LIMIT,
        blank=True,
        help_text="Three to five, one a line. Until a manager saves them, the pack proposes them from the figures.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    FIELDS = (
        "report_to",
        "meeting_date",
        "agenda_item",
        "report_author",
        "contact_officer",
        "classification",
        "purpose",
        "recommendations",
        "financial_implications",
        "legal_implications",
        "risk_implications",
        "background_papers",
        "key_messages",
    )

    def __str__(self):
        return f"Front sheet of the {self.review.year} review"

    @classmethod
    def for_review(cls, review):
        """Return the review's front sheet, or (unsaved) the one its settings and figures would give it."""
        try:
            return review.front_sheet
        except cls.DoesNotExist:
            return cls.defaults(review)

    @classmethod
    def defaults(cls, review):
        title = review.framework.title
        return cls(
            review=review,
            report_to=settings.SCORECARD_PAPER_REPORT_TO,
            report_author=settings.SCORECARD_PAPER_AUTHOR,
            contact_officer=settings.SCORECARD_PAPER_CONTACT,
            purpose=(
                f"To report the council's procurement maturity in {review.year}, scored against the {title}, and the "
                "action plan to raise it."
            ),
            recommendations=(
                f"The committee notes the {review.year} scores and the progress since the last review.\n"
                "The committee comments on the action plan and the objectives below target."
            ),
            financial_implications="None arise directly from this report; each action is met from existing budgets.",
            legal_implications="None arise directly from this report.",
            risk_implications=(
                "Objectives below target are a risk to value for money and to compliance; the action plan says how "
                "each is addressed."
            ),
            background_papers=f"The {title} (Local Government Association).",
        )

    def lines(self, name):
        """Return a field of one item a line (recommendations, background papers, key messages) as its items."""
        return [line.strip(" •-\t") for line in getattr(self, name).splitlines() if line.strip(" •-\t")]
