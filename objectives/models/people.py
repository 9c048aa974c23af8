"""People and their work: who scores which objective of a draft review, each person's reminder choice, and the
record of the reminders sent to them.

An assignment is a row of its own rather than a field of the assessment: assigning moves no assessment's version
(so an officer's open edit form reports no conflict), and it needs none of the assessment table's triggers.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from objectives.models.reviews import Assessment


def person(user):
    """Return a user's name as every page and mail shows it: the full name the admin set, else the user name."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def people_who_may(codename, *, keeping=None):
    """Return the active users whose role has the permission `codename` (e.g. "change_action"), by name: those an
    objective can be assigned to, or an action or an evidence item kept by; and the user `keeping` (an id), if
    given (or the users of a set of ids), whoever they are now: a form keeps the owner it has, even one who has left
    or changed role."""
    may = Q(is_active=True, groups__permissions__codename=codename)
    if isinstance(keeping, set | frozenset):
        may |= Q(pk__in=keeping)
    elif keeping is not None:
        may |= Q(pk=keeping)
    return get_user_model().objects.filter(may).distinct().order_by("first_name", "last_name", "username")


class Assignment(models.Model):
    """The officer who scores an objective in a review: set by a manager, carried into the next review."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="assignment")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text="Who scores the objective and writes its comments.",
    )
    assigned_at = models.DateTimeField(default=timezone.now, editable=False)

    history = HistoricalRecords()

    class Meta:
        permissions = [("assign_assessment", "Can assign objectives to officers and set a review's due date")]

    def __str__(self):
        return f"{self.assessment} to {person(self.officer)}"


class Profile(models.Model):
    """What a person chooses for themselves: whether reminder digests come by email. No row means the defaults."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    digests = models.BooleanField(
        "email me a digest of what is due",
        default=True,
        help_text="At most one email a day, and only when something of yours is due or overdue.",
    )

    history = HistoricalRecords()

    def __str__(self):
        return f"{person(self.user)}'s settings"

    @classmethod
    def of(cls, user):
        """Return the user's profile, unsaved with the defaults if they never changed it."""
        try:
            return user.profile
        except cls.DoesNotExist:
            return cls(user=user)


class SentReminder(models.Model):
    """One item of a digest accepted by the mail server: who, what (`item`, e.g. "action:12"), why, which day.

    `manage.py send_reminders` reminds of an item again only when its reason changes or a week has passed.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.CharField(max_length=60, help_text='What was due, as "<kind>:<id>", e.g. "action:12".')
    reason = models.CharField(max_length=30, help_text="Why it was due: due soon, overdue, to review.")
    sent_on = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["sent_on", "user"], name="sent_reminder_day_user")]
        constraints = [
            models.UniqueConstraint(fields=["user", "item", "reason", "sent_on"], name="sent_reminder_once_a_day"),
        ]

    def __str__(self):
        return f"{self.sent_on}: {self.item} ({self.reason}) to user {self.user_id}"


class RunLock(models.Model):
    """A command that must run alone, while it runs: its row, unique by name, taken by inserting it (the database
    lets one insert win, on SQLite and PostgreSQL alike) and given back at the end (`services.reminders.alone`).

    A run beats (`beat_at`) after each mail; a row with no beat for `STALE_AFTER` is a run that was killed, and the
    next run takes it over.
    """

    name = models.CharField(max_length=60, unique=True, help_text='The command, e.g. "send_reminders".')
    holder = models.CharField(max_length=200, help_text="Which run holds it: host, process and a random token.")
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(help_text="When the run last showed it was alive.")

    def __str__(self):
        return f"{self.name}, held by {self.holder} since {self.started_at:%Y-%m-%d %H:%M:%S}"
