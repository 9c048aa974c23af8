"""The history of an assessment (with its assignment), of its review's sign-offs and due date, of an action, and of
an evidence item, as people read it: newest first.

Differences between two recorded versions come from django-simple-history's `diff_against`, over the fields that
people record (`Assessment.RECORDED_FIELDS`).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.formats import date_format
from django.utils.text import capfirst

from objectives.models import Action, Assessment, Assignment, Evidence, Review, person


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    what: str
    changes: list = field(default_factory=list)  # (label, old, new)
    reason: str = ""


def _name(user):
    return person(user) if user else "System"


def _who(record):
    return _name(record.history_user)


def _show(name, value, levels):
    """Return a value as the history shows it; "" for none, which the page marks as blank."""
    if name in ("score", "target"):
        return levels.label(value) if value in levels else ""
    if name == "origin":
        return dict(Assessment.Origin.choices).get(value, value)
    return value or ""


def _differences(record, before, levels):
    """Return the recorded fields that differ from `before` to `record`, as (label, old, new)."""
    delta = record.diff_against(before, included_fields=Assessment.RECORDED_FIELDS)
    return [
        (
            Assessment.field_label(change.field),
            _show(change.field, change.old, levels),
            _show(change.field, change.new, levels),
        )
        for change in sorted(delta.changes, key=lambda change: Assessment.RECORDED_FIELDS.index(change.field))
    ]


def assessment_history(assessment, levels):
    """Return each recorded change of the assessment with its changed fields' old and new values."""
    records = list(assessment.history.select_related("history_user").order_by("history_date", "history_id"))
    entries, before = [], None
    for record in records:
        if record.history_type == "+":
            what = "Created"
            changes = [
                (Assessment.field_label(name), "", _show(name, getattr(record, name), levels))
                for name in Assessment.RECORDED_FIELDS
                if getattr(record, name) not in (None, "")
            ]
        else:
            what = "Removed from the review" if record.history_type == "-" else "Changed"
            changes = _differences(record, before, levels) if before is not None else []
            if what == "Changed" and not changes:
                before = record
                continue
        entries.append(
            HistoryEntry(record.history_date, _who(record), what, changes, record.history_change_reason or "")
        )
        before = record
    return entries


def _day(value):
    return date_format(value) if value else ""


def review_events(review):
    """Return the review's start, sign-offs and reopenings, and each change of its due date.

    Records are read in the order they were written: a sign-off recorded later keeps its own date (a review
    imported today that was signed off last year), so by date it would come before the review's start.
    """
    records = list(Review.history.filter(id=review.pk).select_related("history_user").order_by("history_id"))
    entries, before = [], None
    for record in records:
        reason = record.history_change_reason or ""
        if before is None:
            changes = [("Due by", "", _day(record.due_by))] if record.due_by else []
            entries.append(HistoryEntry(record.history_date, _who(record), "Review started", changes, reason))
        elif record.status != before.status:
            what = "Published (signed off)" if record.status == Review.Status.PUBLISHED else "Reopened"
            reason = reason.removeprefix("Reopened: ") if reason.startswith("Reopened: ") else ""
            entries.append(HistoryEntry(record.history_date, _who(record), what, reason=reason))
        elif record.due_by != before.due_by:
            changes = [("Due by", _day(before.due_by), _day(record.due_by))]
            entries.append(HistoryEntry(record.history_date, _who(record), "Due date changed", changes))
        before = record
    return entries


def assignment_history(assessment):
    """Return who was assigned the objective in this review, and when and by whom, each change."""
    records = Assignment.history.filter(assessment_id=assessment.pk).select_related("history_user", "officer")
    entries = []
    for record in records.order_by("history_date", "history_id"):
        what = "Assigned to nobody" if record.history_type == "-" else f"Assigned to {person(record.officer)}"
        entries.append(HistoryEntry(record.history_date, _who(record), what, reason=record.history_change_reason or ""))
    return entries


def combined_history(assessment, levels, *, user):
    """Return the assessment's changes and its review's status changes together, newest first.

    Those who may not see drafts (committee members) see the sign-offs only: every change to an assessment was
    made while its review was a draft, and the committee reads what was signed off, not how it was drafted.
    """
    entries = review_events(assessment.review)
    if user.has_perm("objectives.view_draft_review"):
        entries += assessment_history(assessment, levels) + assignment_history(assessment)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def changes_since(current, version, levels):
    """Return what another person changed between `version` (when opened) and `current`, as (label, old, new)."""
    opened = current.history.filter(version=version).order_by("-history_date").first()
    newest = current.history.order_by("-history_date", "-history_id").first()
    if opened is None or newest is None:
        return []
    return _differences(newest, opened, levels)


def _show_action(record, name):
    if name == "owner":
        return _name(record.owner) if record.owner_id else "(none)"
    if name == "status":
        return Action.Status(record.status).label
    value = getattr(record, name)
    return date_format(value) if hasattr(value, "strftime") else value or "(empty)"


def _action_label(name):
    return capfirst(Action._meta.get_field(name).verbose_name)


def action_history(action):
    """Return each recorded change of the action, newest first, with its changed fields' old and new values."""
    records = list(action.history.select_related("history_user", "owner").order_by("history_date", "history_id"))
    entries, before = [], None
    for record in records:
        if before is None:
            what, names = "Raised", [n for n in Action.RECORDED_FIELDS if getattr(record, n) not in (None, "")]
        else:
            what = "Changed"
            names = [c.field for c in record.diff_against(before, included_fields=Action.RECORDED_FIELDS).changes]
        changes = [
            (_action_label(n), _show_action(before, n) if before else "", _show_action(record, n)) for n in names
        ]
        before = record
        reason = record.history_change_reason or ""
        if changes:
            entries.append(HistoryEntry(record.history_date, _who(record), what, changes, reason))
        elif reason:  # a step with no field changed, such as being carried into the next review
            entries.append(HistoryEntry(record.history_date, _who(record), reason))
    return entries[::-1]


def _show_evidence(record, name):
    if name == "owner":
        return _name(record.owner) if record.owner_id else ""
    if name == "file":
        return record.file.name if record.file_id else ""
    value = getattr(record, name)
    return date_format(value) if hasattr(value, "strftime") else value or ""


def evidence_history(item):
    """Return each recorded change of the evidence item, newest first: added, changed, confirmed, withdrawn."""
    records = item.history.select_related("history_user", "owner", "file").order_by("history_date", "history_id")
    entries, before = [], None
    for record in records:
        if before is None:
            what = "Carried forward" if record.carried_from_id else "Added"
            names = [n for n in Evidence.RECORDED_FIELDS if getattr(record, f"{n}_id", getattr(record, n, None))]
        else:
            what = "Withdrawn" if record.withdrawn_at and not before.withdrawn_at else "Changed"
            delta = record.diff_against(before, included_fields=Evidence.RECORDED_FIELDS)
            names = [change.field for change in delta.changes]
            if record.confirmed_at and not before.confirmed_at and not names:
                what = "Confirmed"
        changes = [
            (
                capfirst(Evidence._meta.get_field(n).verbose_name),
                _show_evidence(before, n) if before else "",
                _show_evidence(record, n),
            )
            for n in names
        ]
        if before is None or changes or what != "Changed":
            entries.append(
                HistoryEntry(record.history_date, _who(record), what, changes, record.history_change_reason or "")
            )
        before = record
    return entries[::-1]
