"""Apply a table's changes exactly as planned, all or nothing, with a history row for each that names the person.

`preview(table, user=...)` plans and writes nothing. `apply(...)` plans again inside a transaction, with the
rows locked, refuses if anything is in error or if the plan differs from the preview the person confirmed,
and then writes every change in bulk: the database is written a handful of times per import, never per row.
`import_document` is the command line's import of a committee document through the same plan and apply.
"""

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from objectives.imports import committee_document
from objectives.imports.actions import write_actions
from objectives.imports.plan import Planner
from objectives.models import Assessment


class NotApplied(Exception):
    """The import was not applied; `preview` is the file read afresh, and says why."""

    def __init__(self, preview, *, stale=False):
        self.preview = preview
        self.stale = stale
        super().__init__("the data changed since the preview" if stale else "the file has errors or no changes")


def preview(table, *, user, **options):
    """Read the table against the database and return what importing it would do; write nothing."""
    return Planner(table, user, **options).plan()


def apply(table, *, user, fingerprint=None, **options):
    """Apply the table's changes as previewed, all or nothing; raise NotApplied if it cannot be exactly that.

    Without a fingerprint (the command line), apply what the plan says now.
    """
    with transaction.atomic():
        planned = Planner(table, user, lock=True, **options).plan()
        if fingerprint is not None and planned.fingerprint != fingerprint:
            raise NotApplied(planned, stale=True)
        if not planned.can_apply:
            raise NotApplied(planned)
        _write(planned, user=user, reason=f"Imported from {table.name}")
    return planned


def import_document(data, name, *, framework, year=None, user=None):
    """Import a committee document into its year's review, creating the review and new objectives if need be.

    Return the plan applied (or, if the file changes nothing, the plan); raise FileRefused if the file cannot
    be read, and NotApplied if any row is in error. Nothing is written unless all of it is.
    """
    table = committee_document.read(data, name, year=year)
    try:
        return apply(table, user=user, framework=framework, create_review=True, add_objectives=True)
    except NotApplied as refusal:
        if refusal.preview.errors:
            raise
        return refusal.preview


def _write(planned, *, user, reason):
    now = timezone.now()
    for review in planned.new_reviews:
        review._history_user, review._change_reason = user, reason
        review.save()
    for objective in planned.new_objectives:
        objective.save()
    created, updated, written = [], [], {"version", "updated_at"}
    for row in planned.rows:
        if row.status == "new":
            values = {"origin": Assessment.Origin.NEW, **row.values}
            values.pop("actions", None)
            created.append(Assessment(review_id=row.review.id, objective_id=row.objective.id, **values))
        elif row.status == "changed":
            assessment = row.assessment
            for name in row.changed:
                if name != "actions":
                    setattr(assessment, name, row.values[name])
                    written.add(name)
            assessment.next_version()
            assessment.updated_at = now
            updated.append(assessment)
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    if created:
        bulk_create_with_history(created, Assessment, **history)
    if updated:
        bulk_update_with_history(updated, Assessment, sorted(written), **history)
    write_actions([row for row in planned.rows if "actions" in row.changed], user=user, reason=reason, when=now)
