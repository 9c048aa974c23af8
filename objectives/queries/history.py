"""The history of an assessment (with its assignment), of its review's sign-offs and due date, of an action, and of
an evidence item, as people read it.

Assessments, actions and evidence are walked one way (`walk`): each recorded version against the one before, over
the fields people record (`RECORDED_FIELDS`), through django-simple-history's `diff_against`; every value is printed
one way (`shown`), and an empty one is "" everywhere, which the page marks with the one blank mark.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.utils.formats import date_format
from django.utils.text import capfirst

from objectives.models import Action, Assessment, Assignment, Evidence, OwnScore, Review, person


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list = field(default_factory=list)  # (label, old, new); "" for no value
    reason: str = ""


def _who(record):
    return person(record.history_user) if record.history_user else "System"


def _is_set(value):
    """Return whether a recorded value is there: not None, "", or an unticked mark (False)."""
    return value is not None and value != "" and value is not False


def shown(model, record, name, levels=None):
    """Return a recorded field's value as the history prints it: a level's label, a choice's words, a person, a
    date; "" for none."""
    value = getattr(record, name)
    if not _is_set(value):
        return ""
    if value is True:  # "Not applicable", the one mark the history records
        return "Yes"
    if name in ("score", "target") and levels is not None:
        return levels.label(value) if value in levels else ""
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return dict(model_field.choices).get(value, value)
    if isinstance(value, get_user_model()):
        return person(value)
    if isinstance(value, date):
        return date_format(value)
    return str(value)


def label(model, name):
    """Return a field's name as people read it: "Score", "Continued or new", "Due date"."""
    return capfirst(model._meta.get_field(name).verbose_name)


def changes_between(model, record, before, levels=None):
    """Return the recorded fields that differ from `before` to `record`, in their recorded order, as (label, old,
    new); with no `before`, those `record` sets, as ("", value)."""
    fields = model.RECORDED_FIELDS
    if before is None:
        names = [name for name in fields if _is_set(getattr(record, name))]
    else:
        delta = record.diff_against(before, included_fields=fields)
        names = sorted((change.field for change in delta.changes), key=fields.index)
    return [
        (
            label(model, name),
            shown(model, before, name, levels) if before is not None else "",
            shown(model, record, name, levels),
        )
        for name in names
    ]


def walk(model, records, describe, levels=None):
    """Return a HistoryEntry for each recorded version, oldest first, with what changed since the one before.

    `describe(record, before, changes)` names the step ("Created", "Changed" ...) and its reason, as (what, reason),
    or returns None to leave a version out (one that changed no recorded field).
    """
    entries, before = [], None
    for record in records:
        changes = changes_between(model, record, before, levels)
        described = describe(record, before, changes)
        if described is not None:
            what, reason = described
            entries.append(HistoryEntry(record.history_date, _who(record), what, changes, reason))
        before = record
    return entries


def _reason(record):
    return record.history_change_reason or ""


def _assessment_step(record, before, changes):
    if record.history_type == "+":
        return "Created", _reason(record)
    if record.history_type == "-":
        return "Removed from the review", _reason(record)
    return ("Changed", _reason(record)) if changes and before is not None else None


def assessment_history(assessment, levels):
    """Return each recorded change of the assessment with its changed fields' old and new values, oldest first."""
    records = assessment.history.select_related("history_user").order_by("history_date", "history_id")
    return walk(Assessment, records, _assessment_step, levels)


def review_events(review):
    """Return the review's start, sign-offs and reopenings, and each change of its due date.

    Records are read in the order they were written: a sign-off recorded later keeps its own date (a review
    imported today that was signed off last year), so by date it would come before the review's start.
    """
    records = list(Review.history.filter(id=review.pk).select_related("history_user").order_by("history_id"))
    entries, before = [], None
    for record in records:
        due = ("Due by", shown(Review, before, "due_by") if before else "", shown(Review, record, "due_by"))
        if before is None:
            changes = [due] if record.due_by else []
            entries.append(HistoryEntry(record.history_date, _who(record), "Review started", changes, _reason(record)))
        elif record.status != before.status:
            what = "Published (signed off)" if record.status == Review.Status.PUBLISHED else "Reopened"
            reason = _reason(record)
            reason = reason.removeprefix("Reopened: ") if reason.startswith("Reopened: ") else ""
            entries.append(HistoryEntry(record.history_date, _who(record), what, reason=reason))
        elif record.due_by != before.due_by:
            entries.append(HistoryEntry(record.history_date, _who(record), "Due date changed", [due]))
        before = record
    return entries


def assignment_history(assessment):
    """Return who was assigned the objective in this review, and when and by whom, each change."""
    records = Assignment.history.filter(assessment_id=assessment.pk).select_related("history_user", "officer")
    entries = []
    for record in records.order_by("history_date", "history_id"):
        what = "Assigned to nobody" if record.history_type == "-" else f"Assigned to {person(record.officer)}"
        entries.append(HistoryEntry(record.history_date, _who(record), what, reason=_reason(record)))
    return entries


def _own_score_step(record, before, changes):
    if record.history_type == "+":
        return "Own score recorded", _reason(record)
    if record.history_type == "-":
        return "Own score withdrawn", _reason(record)
    return ("Own score changed", _reason(record)) if changes else None


def own_score_history(assessment, levels):
    """Return each recorded change of each own score of the assessment, by whoever made it (its scorer)."""
    records = OwnScore.history.filter(assessment_id=assessment.pk).select_related("history_user")
    by_own = {}
    for record in records.order_by("history_date", "history_id"):
        by_own.setdefault(record.id, []).append(record)
    return [entry for versions in by_own.values() for entry in walk(OwnScore, versions, _own_score_step, levels)]


def combined_history(assessment, levels, *, user, own_scores=False):
    """Return the assessment's changes and its review's status changes together, newest first, and its own scores'
    changes if `own_scores` (the reader sees who gave which: `queries.moderation.own_scores_for`).

    Those who may not see drafts (committee members) see the sign-offs only: every change to an assessment was
    made while its review was a draft, and the committee reads what was signed off, not how it was drafted.
    """
    entries = review_events(assessment.review)
    if user.has_perm("objectives.view_draft_review"):
        entries += assessment_history(assessment, levels) + assignment_history(assessment)
        if own_scores:
            entries += own_score_history(assessment, levels)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def changes_since(current, version, levels):
    """Return what another person changed between `version` (when opened) and `current`, as (label, old, new)."""
    opened = current.history.filter(version=version).order_by("-history_date").first()
    newest = current.history.order_by("-history_date", "-history_id").first()
    if opened is None or newest is None:
        return []
    return changes_between(Assessment, newest, opened, levels)


def _action_step(record, before, changes):
    if before is None:
        return "Raised", _reason(record)
    if changes:
        return "Changed", _reason(record)
    if _reason(record):  # a step with no field changed, such as being carried into the next review
        return _reason(record), ""
    return None


def action_history(action, *, user):
    """Return each recorded change of the action, newest first, with its changed fields' old and new values.

    Those who may not see drafts (committee members) read no step that names a draft: the action's being carried
    into a review still being drafted (its progress, which keeps moving all year, they do read).
    """
    records = action.history.select_related("history_user", "owner").order_by("history_date", "history_id")
    entries = walk(Action, records, _action_step)[::-1]
    if user.has_perm("objectives.view_draft_review"):
        return entries
    drafts = {Action.carried_reason(r.year) for r in action.reviews.all() if not r.is_published}
    return [entry for entry in entries if entry.changes or entry.what not in drafts]


def _evidence_step(record, before, changes):
    if before is None:
        return ("Carried forward" if record.carried_from_id else "Added"), _reason(record)
    if record.withdrawn_at and not before.withdrawn_at:
        return "Withdrawn", _reason(record)
    if record.confirmed_at and not before.confirmed_at and not changes:
        return "Confirmed", _reason(record)
    return ("Changed", _reason(record)) if changes else None


def evidence_history(item):
    """Return each recorded change of the evidence item, newest first: added, changed, confirmed, withdrawn."""
    records = item.history.select_related("history_user", "owner", "file").order_by("history_date", "history_id")
    return walk(Evidence, records, _evidence_step)[::-1]
