"""Import assessments from a table: preview what it would change, then apply exactly that, all or nothing.

`preview(table, user=...)` reads every row against the database and says of each whether it is new, changed
(which fields, old and new), unchanged or in error (row, column and reason); it writes nothing. `apply(...)`
runs the same reading again inside a transaction, refuses if anything is in error or if the result differs
from the preview the person confirmed, and then writes every change in bulk, with a history row for each that
names the person. The database is read a handful of times per import, never once per row.
"""

import gc
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from objectives.imports.plan import Planner, Preview
from objectives.imports.reading import read_upload
from objectives.imports.resources import AssessmentResource, normalise_header
from objectives.models import Assessment

__all__ = ["NotApplied", "Preview", "apply", "preview", "read_table"]


def is_column(header):
    """Return whether a header names a column of the assessments' import."""
    return normalise_header(header) in AssessmentResource.column_names()


def has_required_columns(headers):
    named = {AssessmentResource.column_names().get(normalise_header(header)) for header in headers}
    return {"year", "objective"} <= named


def read_table(data, name):
    """Read an upload as a table of assessments (raise FileRefused if it cannot be)."""
    return read_upload(data, name, is_column=is_column, wanted=has_required_columns)


class NotApplied(Exception):
    """The import was not applied; `preview` is the file read afresh, and says why."""

    def __init__(self, preview, *, stale=False):
        self.preview = preview
        self.stale = stale
        super().__init__("the data changed since the preview" if stale else "the file has errors or no changes")


@contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector while an import runs.

    An import makes hundreds of thousands of short-lived objects that reference counting frees; the cyclic
    collector would walk them over and over for nothing, which costs about a third of a large import's time
    (bench/bench_import.py). It is process-wide, so it is turned back on only if it was on.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def preview(table, *, user):
    """Read the table against the database and return what importing it would do; write nothing."""
    with paused_gc():
        return Planner(table, user).plan()


def apply(table, *, user, fingerprint):
    """Apply the table's changes as previewed, all or nothing; raise NotApplied if it cannot be exactly that."""
    with paused_gc(), transaction.atomic():
        planned = Planner(table, user, lock=True).plan()
        if planned.fingerprint != fingerprint:
            raise NotApplied(planned, stale=True)
        if not planned.can_apply:
            raise NotApplied(planned)
        _write(planned, user=user, reason=f"Imported from {table.name}")
    return planned


def _write(planned, *, user, reason):
    now = timezone.now()
    created, updated, written = [], [], {"version", "updated_at"}
    for row in planned.rows:
        if row.status == "new":
            values = {"origin": Assessment.Origin.NEW, **row.values}
            created.append(Assessment(review_id=row.review.id, objective_id=row.objective.id, **values))
        elif row.status == "changed":
            assessment = row.assessment
            for name in row.changed:
                setattr(assessment, name, row.values[name])
                written.add(name)
            assessment.version += 1
            assessment.updated_at = now
            updated.append(assessment)
    history = {"default_user": user, "default_change_reason": reason, "default_date": now}
    if created:
        bulk_create_with_history(created, Assessment, **history)
    if updated:
        bulk_update_with_history(updated, Assessment, sorted(written), **history)
