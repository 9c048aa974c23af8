"""Actions: what will be done about an objective, tracked through the year, and their dated progress notes.

An action is raised in one review (`raised_in`) and belongs to every review it is on (`reviews`, which includes
the one it was raised in). Starting the next review adds each open action to it: the same row, not a copy, so
its notes and history follow it and it still says where it was raised. Done and dropped actions stay with the
reviews they were on. An action's assessment is (review, objective) for each review it belongs to.

Sign-off freezes which actions were agreed and their words: an action that was on a review when it was signed
off keeps its text and cannot be deleted. Its progress (status, notes, lead, owner, due date) moves all year;
a due date moved after sign-off keeps the first date it had (`original_due_date`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Max, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from objectives.models.catalogue import Objective
from objectives.models.reviews import TEXT_LIMIT, Review, SignedOff
from objectives.rules import rag
from objectives.rules.text import normalise

SHORT_LIMIT = 200  # a lead, a lead councillor


class ActionQuerySet(models.QuerySet):
    def with_last_note(self):
        """Annotate each action with the date of its latest progress note, which its RAG needs."""
        return self.annotate(last_note_on=Max("notes__on"))

    def for_plan(self, review):
        """Return the review's actions as its action plan lists them: by theme, key area, objective, position.

        Their objectives, key areas, themes and reviews come in a query each (prefetched), so that the few of them
        are made once, not once per action as a join would; owners, which many actions lack, come in the join.
        """
        return (
            self.filter(reviews=review)
            .select_related("owner")
            .prefetch_related("objective__key_area__theme", "raised_in")
            .with_last_note()
            .order_by(
                "objective__key_area__theme__position",
                "objective__key_area__position",
                "objective__number",
                "position",
                "pk",
            )
        )

    def for_figures(self, review):
        """Return the review's actions as the dashboard counts them: in plan order, as rows of the fields that
        their RAG needs (`rag_of_row`) and their theme's id, which a thousand of cost a fraction of as objects."""
        return (
            self.for_plan(review)
            .select_related(None)
            .prefetch_related(None)
            .values(
                "pk",
                "status",
                "due_date",
                "created_at",
                "last_note_on",
                "lead",
                "owner_id",
                theme_id=F("objective__key_area__theme"),
            )
        )

    def in_theme(self, theme):
        """Return the actions on objectives of `theme`; all of them if it is None."""
        return self if theme is None else self.filter(objective__key_area__theme=theme)

    def open(self):
        return self.filter(status__in=[Action.Status.PLANNED, Action.Status.IN_PROGRESS])

    def overdue(self, today=None):
        """Return the open actions whose due date has passed: those whose RAG is red (`objectives.rules.rag`)."""
        return self.open().filter(due_date__lt=today or timezone.localdate())

    def not_planned(self):
        """Return the open actions with no lead, owner or due date: those the rule calls "not yet planned"
        (`objectives.rules.rag.is_not_planned`)."""
        return self.open().filter(due_date=None, lead="", owner=None)

    def to_plan(self):
        """Return the open actions that lack an owner, a lead or a due date: the planning grid's rows."""
        return self.open().filter(Q(due_date=None) | Q(lead="") | Q(owner=None))


def status_errors(status, *, done_on, dropped_reason, today=None):
    """Return {field: ValidationError} for a status and the dates and reason it needs: what the action form, the
    progress form and the admin refuse alike."""
    errors = {}
    if status == Action.Status.DONE and not done_on:
        errors["done_on"] = ValidationError("Say when it was done.", code="done_on")
    if status in (Action.Status.PLANNED, Action.Status.IN_PROGRESS) and done_on:
        errors["done_on"] = ValidationError(
            "An open action has no done date: clear the date, or set the status to Done.", code="open_done_on"
        )
    elif done_on and done_on > (today or timezone.localdate()):
        errors["done_on"] = ValidationError(
            "The done date %(date)s is in the future: give the date it was done, today or before.",
            code="future_done_on",
            params={"date": date_format(done_on)},
        )
    if status == Action.Status.DROPPED and not dropped_reason:
        errors["dropped_reason"] = ValidationError("Say why it was dropped.", code="dropped_reason")
    return errors


class Action(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    # What people record about an action: edited in the form, exported, and shown field by field in the history.
    RECORDED_FIELDS = ("text", "lead", "owner", "lead_councillor", "due_date", "status", "done_on", "dropped_reason")

    objective = models.ForeignKey(Objective, on_delete=models.PROTECT, related_name="actions")
    raised_in = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="raised_actions")
    reviews = models.ManyToManyField(Review, related_name="actions", help_text="Every review the action is on.")
    text = models.TextField(
        "action", max_length=TEXT_LIMIT, help_text="What will be done, in the words the committee reads."
    )
    lead = models.CharField(max_length=SHORT_LIMIT, blank=True, help_text="The team or post that leads it.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions",
        help_text="Who keeps it up to date.",
    )
    lead_councillor = models.CharField(max_length=SHORT_LIMIT, blank=True)
    due_date = models.DateField(null=True, blank=True)
    original_due_date = models.DateField(
        null=True, blank=True, editable=False, help_text="The due date agreed at sign-off, if it has moved since."
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PLANNED)
    done_on = models.DateField(null=True, blank=True)
    dropped_reason = models.TextField("why it was dropped", max_length=TEXT_LIMIT, blank=True)
    raised_after_sign_off = models.BooleanField(
        default=False, editable=False, help_text="Raised after the review it was raised in was published."
    )
    position = models.PositiveIntegerField(default=0, help_text="Order among the objective's actions.")
    # Moved on by every change (`services.actions.change_action`), so that a form opened on an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["objective__number", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["planned", "in_progress", "done", "dropped"]), name="action_status_valid"
            ),
            models.CheckConstraint(condition=~Q(status="done") | Q(done_on__isnull=False), name="done_action_has_date"),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(dropped_reason=""), name="dropped_action_has_reason"
            ),
            models.CheckConstraint(condition=LessThanOrEqual(Length("text"), TEXT_LIMIT), name="action_within_limit"),
        ]

    def __str__(self):
        return f"#{self.objective.number}: {self.text[:60]}"

    def get_absolute_url(self):
        return reverse("objectives:action_detail", args=[self.pk])

    @staticmethod
    def carried_reason(year):
        """Return the words its history records when an open action is carried into the review of `year`."""
        return f"Carried into the {year} review"

    def clean(self):
        self.text, self.dropped_reason = normalise(self.text), normalise(self.dropped_reason)
        errors = status_errors(self.status, done_on=self.done_on, dropped_reason=self.dropped_reason)
        if errors:
            raise ValidationError(errors)

    @classmethod
    def raise_in(cls, review, *, objective, by, **fields):
        """Raise a new action in `review` for `objective`, after the objective's others on the review (those carried
        into it too, as an import places its new ones); record who raised it."""
        last = cls.objects.filter(reviews=review, objective=objective).aggregate(last=Max("position"))["last"]
        action = cls(
            raised_in=review,
            objective=objective,
            position=(last or 0) + 1,
            raised_after_sign_off=review.is_published,
            **fields,
        )
        action.full_clean()
        action._history_user = by
        action.save()
        action.reviews.add(review)
        return action

    @cached_property
    def rag_now(self):
        """The action's RAG as at today, worked out once per row read (pages, papers and exports list it)."""
        return self.rag()

    def rag(self, today=None):
        """Return the action's RAG as at `today`, by the rule of `objectives.rules.rag`."""
        # The plan annotates it (`with_last_note`); a lone action asks.
        last = self.last_note_on if hasattr(self, "last_note_on") else self._last_note_on()
        row = {"status": self.status, "due_date": self.due_date, "last_note_on": last, "created_at": self.created_at}
        return self.rag_of_row({**row, "lead": self.lead, "owner_id": self.owner_id}, today=today)

    @staticmethod
    def rag_of_row(row, today=None):
        """Return the RAG as at `today` of an action given as a row of values (see `for_figures`)."""
        return rag.rag_of(
            status=row["status"],
            due_date=row["due_date"],
            last_note_on=row["last_note_on"],
            started_on=timezone.localdate(row["created_at"]),
            today=today,
            lead=row["lead"],
            owner_id=row["owner_id"],
        )

    def _last_note_on(self):
        return self.notes.aggregate(last=Max("on"))["last"]

    @cached_property
    def has_notes(self):
        """Whether it has a progress note (`queries.action_plan.attach_actions` fills it for many at once)."""
        return self.notes.exists()

    def has_progress(self):
        """Return whether anything has happened to the action since it was raised: a note, or a new status."""
        return self.status != self.Status.PLANNED or self.has_notes

    def is_agreed(self):
        """Return whether a review that the action was on has been signed off since it was raised."""
        return any(r.is_published and r.published_at >= self.created_at for r in self.reviews.all())

    def check_text_may_change(self, text):
        """Raise SignedOff if `text` differs from the agreed words of an action that was signed off."""
        if text != self.text and self.is_agreed():
            raise SignedOff(next(r for r in self.reviews.all() if r.is_published))

    def move_due_date(self, due_date):
        """Set a new due date; once the action was agreed, keep the first date it had as the original.

        A first date given after sign-off is no revision: it is moving a date, once agreed, that shows.
        """
        if due_date != self.due_date and self.is_agreed() and self.original_due_date is None:
            self.original_due_date = self.due_date
        self.due_date = due_date

    def delete(self, *args, **kwargs):
        if self.pk and self.is_agreed():
            raise SignedOff(next(r for r in self.reviews.all() if r.is_published))
        return super().delete(*args, **kwargs)


class ProgressNote(models.Model):
    """A dated entry on an action's progress: what happened, by whom."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="notes")
    on = models.DateField(default=timezone.localdate, help_text="The date the progress was made or seen.")
    text = models.TextField("note", max_length=TEXT_LIMIT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=LessThanOrEqual(Length("text"), TEXT_LIMIT), name="note_within_limit"),
        ]

    def __str__(self):
        return f"{self.on}: {self.text[:60]}"
