"""A review's action plan as its page shows it: counts by RAG, then the actions by theme, key area and objective."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils import timezone

from objectives.models import Action, ProgressNote
from objectives.rules import rag
from objectives.rules.scoring import by_key_area, by_objective, runs

# The page lists this many actions at a time: a large council's plan runs to a thousand, more than anyone reads
# on one screen (the export and the paper hold them all). The counts by RAG are always of the whole plan.
PAGE_SIZE = 100


@dataclass
class ObjectiveActions:
    objective: object
    actions: list = field(default_factory=list)


@dataclass
class Plan:
    counts: list  # (Rag, how many) for every key, over the whole plan before filters
    groups: list  # (theme, key area, [ObjectiveActions]) in catalogue order; one group of all when sorted by due
    shown: int  # how many actions pass the filters, on every page
    total: int
    sorted_by_due: bool = False
    page: object = None  # the django.core.paginator.Page that `groups` holds, when the plan is paged

    def page_numbers(self):
        """Return the page numbers to link to, with the paginator's ELLIPSIS for each gap: 1 2 3 … 10."""
        return self.page.paginator.get_elided_page_range(self.page.number, on_each_side=2, on_ends=1)


def matches(action, filters):
    """Return whether the action passes every filter given (cleaned ActionPlanFilterForm data).

    The plan's counts need every action and its RAG anyway, so the filters look at the one list in hand.
    """
    checks = {
        "status": lambda wanted: action.status == wanted,
        "rag": lambda wanted: action.rag_now.key == wanted,
        "lead": lambda wanted: wanted.casefold() in action.lead.casefold(),
        "owner": lambda wanted: action.owner_id == wanted.pk,
        "overdue": lambda wanted: action.rag_now.key == "red",
        "due_before": lambda wanted: action.due_date is not None and action.due_date < wanted,
        "raised_in": lambda wanted: action.raised_in.year == wanted,
    }
    return all(check(filters[name]) for name, check in checks.items() if filters.get(name))


def rag_counts(actions):
    """Return (Rag, how many of the actions) for every key of the rule, in its order."""
    return [(key, sum(action.rag_now.key == key.key for action in actions)) for key, _ in rag.rule()]


def action_plan(review, filters, *, today=None, page=None):
    """Return the review's Plan under `filters` (cleaned ActionPlanFilterForm data), as at `today`.

    With `page` (a page number as the URL gives it; a wrong one is the nearest page), the plan's groups hold that
    page of PAGE_SIZE actions; without it, every action that passes the filters.
    """
    today = today or timezone.localdate()
    everything = list(Action.objects.for_plan(review))
    shown = [action for action in everything if matches(action, filters)]
    counts = rag_counts(everything)
    by_due = filters.get("sort") == "due"
    if by_due:
        shown.sort(key=lambda a: (a.due_date is None, a.due_date or today, a.objective.number, a.position))
    listed, paged = shown, None
    if page is not None:
        paged = Paginator(shown, PAGE_SIZE).get_page(page)
        listed = paged.object_list
    groups = _in_one_group(listed) if by_due else _grouped(listed)
    return Plan(counts, groups, len(shown), len(everything), sorted_by_due=by_due, page=paged)


def _in_one_group(actions):
    return [(None, None, [ObjectiveActions(None, actions)])] if actions else []


def _grouped(actions):
    return [
        (key_area.theme, key_area, [ObjectiveActions(o, listed) for o, listed in runs(in_area, by_objective)])
        for key_area, in_area in runs(actions, by_key_area)
    ]


def attach_actions(assessments):
    """Fill each assessment's `action_list` and `actions` (its "Action(s)", see `Assessment`), and each action's
    `has_notes`, in one query for assessments of any reviews; return the assessments as a list."""
    assessments = list(assessments)
    links = (
        Action.reviews.through.objects.filter(
            review_id__in={a.review_id for a in assessments},
            action__objective_id__in={a.objective_id for a in assessments},
        )
        .select_related("action")
        .annotate(has_notes=Exists(ProgressNote.objects.filter(action=OuterRef("action"))))
        .order_by("action__position", "action__pk")
    )
    found = defaultdict(list)
    for link in links:
        link.action.has_notes = link.has_notes  # the cached property's value, as a prefetch fills a relation
        found[link.review_id, link.action.objective_id].append(link.action)
    for assessment in assessments:
        assessment.action_list = found[assessment.review_id, assessment.objective_id]
    return assessments
