"""What is each person's and due: the items of `/my-work/`, of the navigation's count and of the reminder digests.

Items come from a short list of sources (`SOURCES`), each one query for one person or for everyone at once:

- `ObjectivesToScore`: objectives assigned to the person in a draft review and not yet scored;
- `ActionsToUpdate`: open actions the person keeps up to date (is the owner of), overdue first;
- `EvidenceToReview`: evidence of a draft review the person owns that is past its review-by date.

A source is any object with `key`, `heading`, `empty` (what the page says when it has nothing);
`items(*, today, user=None)`, which returns `Item`s of that user, or of every user when `user` is None, in the order
the page lists them; and `attention(user, *, today)`, a QuerySet of the rows whose items need the user now (the
navigation counts them, all sources in one query).
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator

from objectives.models import Action, Assignment, Evidence, OwnScore, Profile, Review, person
from objectives.rules.rag import due_soon_until, is_due_soon, is_overdue

DUE_SOON, OVERDUE, TO_REVIEW = "due soon", "overdue", "to review"
TITLE_LIMIT = 240  # characters of an action's words on a line of My work or a digest


def due_reason(due, today):
    """Return why something due on `due` needs reminding as at `today`: overdue, due soon, or "" (not yet)."""
    if due is None:
        return ""
    if is_overdue(due, today):
        return OVERDUE
    if is_due_soon(due, today):
        return DUE_SOON
    return ""


@dataclass
class Item:
    """One thing a person has to do, with the page where it is done."""

    key: str  # what the reminder record names: "<kind>:<id>"
    user_id: int
    title: str
    context: str  # where it is: the review, the key area
    path: str  # the page where the work is done
    due: datetime.date | None
    reason: str  # "" while nothing is due: digests remind only of items with a reason
    rag: object = None  # objectives.rules.rag.Rag, for actions
    link_text: str = ""
    status: str = ""  # what the page says while there is no reason: "Not scored"
    owner: object = None  # the user, on a manager's list of everyone's overdue actions
    source: str = ""  # its source's key, set by `everyones_items`
    # Whether the navigation counts it, as its source's `attention` does: an objective still to score always; any
    # other item once it has a reason.
    always_counts: bool = False

    @property
    def needs_attention(self):
        return self.always_counts or bool(self.reason)

    @property
    def due_text(self):
        return date_format(self.due, "SHORT_DATE_FORMAT") if self.due else ""

    @property
    def reason_label(self):
        """Return the reason in words as the page and the digests show it: "Overdue", "Due soon", "To review"."""
        return self.reason.capitalize()


# An assignment is done when its officer has recorded their own score, when the objective is marked not applicable,
# or when it has a score and no own score at all (entered before own scores, or imported): another person's own
# score, agreed by the rule of one voice, leaves it the assigned officer's to score.
OWN_SCORED = Exists(OwnScore.objects.filter(assessment=OuterRef("assessment"), scorer=OuterRef("officer")))
SCORED_WITHOUT_OWN = Q(assessment__score__isnull=False) & ~Exists(
    OwnScore.objects.filter(assessment=OuterRef("assessment"))
)
DONE = Q(OWN_SCORED) | Q(assessment__not_applicable=True) | SCORED_WITHOUT_OWN
# An assignment waiting for its score: in a draft, and not done.
WAITING = Q(assessment__review__status=Review.Status.DRAFT) & ~DONE


class ObjectivesToScore:
    key = "objectives"
    heading = "Objectives to score"
    empty = "No objective of a draft review is assigned to you and waiting for its score."

    def attention(self, user, *, today):
        return Assignment.objects.filter(WAITING, officer=user)

    def items(self, *, today, user=None):
        assignments = (
            Assignment.objects.filter(WAITING)
            .select_related("assessment__review__framework", "assessment__objective__key_area")
            .order_by("-assessment__review__year", "assessment__objective__number")
        )
        if user is not None:
            assignments = assignments.filter(officer=user)
        items = []
        for assignment in assignments:
            assessment, review = assignment.assessment, assignment.assessment.review
            objective = assessment.objective
            items.append(
                Item(
                    key=f"assessment:{assessment.pk}",
                    user_id=assignment.officer_id,
                    title=f"#{objective.number} {objective.title}",
                    context=f"{review.label} review · {objective.key_area.name}",
                    path=reverse("objectives:assessment_edit", args=[review, objective.number]),
                    due=review.due_by,
                    reason=due_reason(review.due_by, today),
                    link_text="Score it",
                    status="Not scored",
                    always_counts=True,
                )
            )
        return items


class ActionsToUpdate:
    key = "actions"
    heading = "Actions to keep up to date"
    empty = "You keep no open action up to date."

    def attention(self, user, *, today):
        return Action.objects.open().filter(owner=user, due_date__lte=due_soon_until(today))

    def items(self, *, today, user=None):
        actions = Action.objects.open()
        actions = actions.filter(owner=user) if user is not None else actions.filter(owner__isnull=False)
        return sorted(self.as_items(actions, today), key=by_due_date)

    @staticmethod
    def as_items(actions, today):
        """Return the actions as Items, reading only what an item shows: a large council has a thousand open."""
        actions = (
            actions.with_last_note()
            .annotate(number=F("objective__number"), objective_title=F("objective__title"), year=F("raised_in__year"))
            .only("text", "due_date", "status", "created_at", "owner", "lead")
        )
        return [
            Item(
                key=f"action:{action.pk}",
                user_id=action.owner_id,
                title=action.text if len(action.text) <= TITLE_LIMIT else Truncator(action.text).chars(TITLE_LIMIT),
                context=f"#{action.number} {action.objective_title} · raised in {action.year}",
                path=reverse("objectives:action_progress", args=[action.pk]),
                due=action.due_date,
                reason=due_reason(action.due_date, today),
                rag=action.rag(today=today),
                link_text="Add a progress note",
            )
            for action in actions
        ]


def by_due_date(item):
    """Order overdue first, then by due date, then those with none."""
    return (item.reason != OVERDUE, item.due is None, item.due or datetime.date.max, item.key)


class EvidenceToReview:
    key = "evidence"
    heading = "Evidence to review"
    empty = "None of the evidence you own is past its review-by date."

    def due(self, today):
        """Return the current items of draft reviews past their review-by date.

        A signed-off review's evidence is frozen, so nobody can review it there: once the next review starts, the
        item is carried into it, and the new item, on the draft, is what to review.
        """
        return Evidence.objects.current().due_for_review(today).filter(assessment__review__status=Review.Status.DRAFT)

    def attention(self, user, *, today):
        return self.due(today).filter(owner=user)

    def items(self, *, today, user=None):
        evidence = self.due(today).select_related("assessment__review__framework", "assessment__objective")
        evidence = evidence.filter(owner=user) if user is not None else evidence.filter(owner__isnull=False)
        items = []
        for item in evidence.order_by("review_by", "pk"):
            review, objective = item.assessment.review, item.assessment.objective
            items.append(
                Item(
                    key=f"evidence:{item.pk}",
                    user_id=item.owner_id,
                    title=item.title,
                    context=f"#{objective.number} {objective.title} · {review.label} review",
                    path=reverse("objectives:evidence_edit", args=[item.pk]),
                    due=item.review_by,
                    reason=TO_REVIEW,
                    link_text="Review it",
                )
            )
        return items


SOURCES = [ObjectivesToScore(), ActionsToUpdate(), EvidenceToReview()]


def my_items(user, *, today):
    """Return [(source, its items)] of one person, every source in order."""
    return [(source, source.items(today=today, user=user)) for source in SOURCES]


def everyones_items(*, today):
    """Return {user id: [items]} of everyone, for the digests: one query per source, however many people."""
    result = {}
    for source in SOURCES:
        for item in source.items(today=today):
            item.source = source.key
            result.setdefault(item.user_id, []).append(item)
    return result


def attention_count(user, *, today):
    """Return how many of the person's items need them now (`Item.needs_attention`): one query for every source."""
    parts = [source.attention(user, today=today).order_by().values_list("pk") for source in SOURCES]
    return parts[0].union(*parts[1:], all=True).count()


def overdue_actions(*, today):
    """Return every open action that is overdue, for a manager, the earliest first, each Item with its owner."""
    actions = Action.objects.overdue(today).order_by("due_date", "objective__number", "pk")
    items = ActionsToUpdate.as_items(actions, today)
    owners = get_user_model().objects.filter(pk__in={item.user_id for item in items}).select_related("profile")
    owners = {owner.pk: owner for owner in owners}
    for item in items:
        item.owner = owners.get(item.user_id)
    return items


def unowned_actions(review, *, today):
    """Return the review's open actions that nobody keeps up to date, for a manager, in the action plan's order, each
    Item leading to the action (the planning grid gives many of them owners at once)."""
    actions = Action.objects.filter(reviews=review).open().filter(owner=None)
    items = ActionsToUpdate.as_items(actions.order_by("objective__number", "position", "pk"), today)
    for item in items:
        item.path = reverse("objectives:action_detail", args=[item.key.split(":")[1]])
        item.link_text = "Read it"
    return items


@dataclass
class OfficerProgress:
    officer: object
    assigned: int
    scored: int  # scored or marked not applicable: done, as on the scorecard's progress

    @property
    def not_scored(self):
        return self.assigned - self.scored

    @property
    def reminders(self):
        return reminder_status(self.officer)


def reminder_status(user):
    """Return whether the person gets digests, in words: by email, turned off, or no email address."""
    if not user.email:
        return "no email address"
    return "by email" if Profile.of(user).digests else "turned off"


def review_progress(review):
    """Return the draft's progress by officer (assigned, scored) and how many objectives nobody is assigned."""
    counts = (
        Assignment.objects.filter(assessment__review=review)
        .values("officer")
        .annotate(assigned=Count("pk"), scored=Count("pk", filter=DONE))
    )
    counts = {row["officer"]: row for row in counts}
    officers = get_user_model().objects.filter(pk__in=counts).select_related("profile")
    rows = [OfficerProgress(o, counts[o.pk]["assigned"], counts[o.pk]["scored"]) for o in officers]
    rows.sort(key=lambda row: person(row.officer).casefold())
    unassigned = review.assessments.count() - sum(row.assigned for row in rows)
    return rows, unassigned
