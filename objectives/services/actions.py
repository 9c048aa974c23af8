"""Writes of an action: raise it, change it unless the change is stale, add a progress note.

Each takes the turn of the reviews the action is on (their rows locked, as `Review.publish` locks its own), so
that a change and a sign-off take turns: the words of an action agreed a moment ago are refused (SignedOff), never
changed after the sign-off.
"""

from django.db import transaction

from objectives.models import Action, Review


def _take_turn(action):
    """Lock every review the action is on (in one order, so that two writers never wait on each other) and the
    action; return the action as stored now, with its reviews as they are now."""
    list(Review.objects.filter(actions=action).order_by("pk").select_for_update(of=("self",)))
    return Action.objects.select_for_update(of=("self",)).prefetch_related("reviews").get(pk=action.pk)


def raise_action(*, review, objective, by, **fields):
    """Raise a new action on the review for the objective, in the review's turn (sign-off marks it raised after)."""
    with transaction.atomic():
        locked = Review.objects.lock(review.pk)
        return Action.raise_in(locked, objective=objective, by=by, **fields)


def change_action(*, action, opened_version, by):
    """Save a change (the form's) unless someone else changed the action since it was opened.

    Return (saved, current): `current` is the action as stored now; when another change came first, nothing is
    written and the caller shows that change beside the editor's own. Raise SignedOff, writing nothing, if the
    change meets new words of an action that a sign-off (perhaps a moment ago) agreed.
    """
    with transaction.atomic():
        current = _take_turn(action)
        if current.version != opened_version:
            return False, current
        current.check_text_may_change(action.text)
        current.move_due_date(action.due_date)
        action.original_due_date = current.original_due_date
        action.version = current.version + 1
        action._history_user = by
        action.save()
    return True, action


def add_progress(*, note, action, by, status_fields):
    """Save a progress note and the action's new status (`status_fields`: status, done_on, dropped_reason), each
    recorded with who made it, in the turn of the action's reviews."""
    with transaction.atomic():
        current = _take_turn(action)
        note.action, note.author = current, by
        note.save()
        if any(getattr(current, name) != value for name, value in status_fields.items()):
            for name, value in status_fields.items():
                setattr(current, name, value)
            current.version += 1
            current._history_user = by
            current._change_reason = "With a progress note"
            current.save()
    return note


class PlanRefused(Exception):
    """A planning grid's save that wrote nothing: `stale` are the actions someone changed since the page opened."""

    def __init__(self, stale):
        super().__init__(f"{len(stale)} action(s) changed since the page was opened")
        self.stale = stale


def plan_actions(*, plans, by):
    """Set the owner, lead and due date of many actions at once, all or nothing: `plans` maps an action's id to
    ({owner, lead, due_date}, the version its row was opened on).

    Return how many actions changed. Raise PlanRefused, writing nothing, if someone changed any of them since the page
    was opened. Each change is in its action's history; a due date moved once agreed keeps the first as revised.
    """
    with transaction.atomic():
        # Every review any of them is on, in one order, then the actions: as `_take_turn` does for one.
        # (a subquery, not a join with DISTINCT, which PostgreSQL refuses to lock)
        on = Action.reviews.through.objects.filter(action_id__in=list(plans)).values("review_id")
        list(Review.objects.filter(pk__in=on).order_by("pk").select_for_update(of=("self",)))
        current = list(
            Action.objects.select_for_update(of=("self",))
            .prefetch_related("reviews")
            .filter(pk__in=plans)
            .order_by("pk")
        )
        stale = [action for action in current if action.version != plans[action.pk][1]]
        if stale:
            raise PlanRefused(stale)
        changed = 0
        for action in current:
            fields = plans[action.pk][0]
            if (action.owner, action.lead, action.due_date) == (fields["owner"], fields["lead"], fields["due_date"]):
                continue
            action.owner, action.lead = fields["owner"], fields["lead"]
            action.move_due_date(fields["due_date"])
            action.version += 1
            action._history_user = by
            action._change_reason = "Planned on the review's planning page"
            action.save()
            changed += 1
    return changed
