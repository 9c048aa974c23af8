"""Evidence workflows: add, change, confirm and withdraw an item, each one transaction with its history; carry a
review's current evidence into the next; and the rows of a review's evidence list and of its report's appendix.

Every writer locks the item's review first (`Review.objects.lock_draft`), so that a sign-off and a change take
turns: a published review's evidence is frozen (SignedOff) until a manager reopens it.
"""

import hashlib
import secrets
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from objectives.models import Assessment, Evidence, Review, StoredFile
from objectives.uploads import Refused, check_upload, clean_name, download_name


class Withdrawn(Exception):
    """The item was withdrawn (perhaps a moment ago, by someone else): it can no longer be changed."""


NOT_STORED = "The server could not store the file (its disk may be full), so nothing was added. Try again later."


def evidence_storage():
    return storages["evidence"]


def checked_upload(upload):
    """Check an upload, (bytes, name), before any lock is taken: its type, a zip bomb, a virus (a scan may take
    seconds). Return (bytes, its cleaned name, its FileType), or None for no upload; raise Refused if not accepted."""
    if not upload:
        return None
    data, name = upload
    name = clean_name(name)
    return data, name, check_upload(data, name)


def store_file(checked, *, by):
    """Keep a checked upload (`checked_upload`) under a random name; return its StoredFile.

    Raise Refused, storing nothing, if it cannot be stored.
    """
    data, name, file_type = checked
    try:
        stored_as = evidence_storage().save(secrets.token_hex(16), ContentFile(data))
    except OSError:
        raise Refused(NOT_STORED) from None
    try:
        return StoredFile.objects.create(
            stored_as=stored_as,
            name=download_name(name, file_type),
            content_type=file_type.content_type,
            kind=file_type.kind,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=by,
        )
    except BaseException:
        evidence_storage().delete(stored_as)
        raise


@contextmanager
def files_kept_only_if_committed():
    """Run a write in a transaction; if it fails, remove the files it stored, which no row will name."""
    stored = []
    try:
        with transaction.atomic():
            yield stored
    except BaseException:
        for name in stored:
            evidence_storage().delete(name)
        raise


def _save(item, *, by, reason=None):
    item.full_clean()
    item._history_user = by
    if reason:
        item._change_reason = reason
    item.save()
    return item


def add_evidence(*, assessment, by, upload=None, **fields):
    """Add an item to the assessment: a file (`upload` is (bytes, name)) or a link; raise SignedOff if published."""
    checked = checked_upload(upload)
    with files_kept_only_if_committed() as stored:
        Review.objects.lock_draft(assessment.review_id)
        file = store_file(checked, by=by) if checked else None
        stored += [file.stored_as] if file else []
        return _save(Evidence(assessment=assessment, added_by=by, file=file, **fields), by=by)


def _lock(item):
    """Lock the item's review and the item; raise SignedOff if the review is published, Withdrawn if the item is.

    Return the item as stored now: a change waits here for one made at the same time, and then sees it.
    """
    item.check_may_change(Review.objects.lock(item.assessment.review_id))
    stored = Evidence.objects.select_for_update().get(pk=item.pk)
    if stored.is_withdrawn:
        raise Withdrawn(stored)
    return stored


def change_evidence(*, item, by, upload=None):
    """Save the item's changed fields, with a new file if `upload` is given (replacing its file or link).

    Changing an item carried forward confirms it for this review.
    """
    checked = checked_upload(upload)
    with files_kept_only_if_committed() as stored:
        confirmed_at = _lock(item).confirmed_at
        item.confirmed_at = confirmed_at
        if checked:
            item.file, item.link = store_file(checked, by=by), ""
            stored.append(item.file.stored_as)
        elif item.link:
            item.file = None
        reason = None
        if item.to_confirm:
            item.confirmed_at, reason = timezone.now(), f"Replaced or changed, and confirmed for {item.review_year}"
        return _save(item, by=by, reason=reason)


def confirm_evidence(*, item, by):
    """Confirm an item carried forward: it still shows what it did, for this review. Any other is left as it is."""
    with transaction.atomic():
        item = _lock(item)
        if not item.to_confirm:
            return item
        item.confirmed_at = timezone.now()
        return _save(item, by=by, reason=f"Confirmed for {item.review_year}")


def withdraw_evidence(*, item, by, reason):
    """Withdraw the item: kept in the record with its file, out of the lists."""
    with transaction.atomic():
        item = _lock(item)
        item.withdrawn_at, item.withdrawn_by, item.withdrawn_reason = timezone.now(), by, reason
        return _save(item, by=by, reason="Withdrawn")


def carry_forward(*, previous, review, by):
    """Link each current item of `previous` into `review`'s assessment of the same objective, to be confirmed.

    The new item points at the same stored file (never a copy) and says where it came from (`carried_from`).
    """
    assessments = dict(Assessment.objects.filter(review=review).values_list("objective_id", "pk"))
    earlier = Evidence.objects.current().filter(assessment__review=previous).select_related("assessment")
    copied = ("title", "shows", "dated", "owner_id", "review_by", "file_id", "link")
    for item in earlier.order_by("pk"):
        if item.assessment.objective_id in assessments:
            carried = Evidence(
                assessment_id=assessments[item.assessment.objective_id],
                carried_from=item,
                added_by=by,
                **{name: getattr(item, name) for name in copied},
            )
            _save(carried, by=by, reason=f"Carried forward from {previous.year}")


@dataclass
class ObjectiveEvidence:
    assessment: object
    items: list = field(default_factory=list)


@dataclass
class ReviewEvidence:
    due: list
    by_objective: list
    count: int


def review_evidence(review, today=None):
    """Return the review's current items: those due for review, then all of them by objective."""
    today = today or timezone.localdate()
    items = list(Evidence.objects.current().filter(assessment__review=review).for_list())
    by_objective = []
    for item in items:
        item.due = item.is_due(today)
        if not by_objective or by_objective[-1].assessment.pk != item.assessment_id:
            by_objective.append(ObjectiveEvidence(item.assessment))
        by_objective[-1].items.append(item)
    due = sorted((item for item in items if item.due), key=lambda item: (item.review_by, item.pk))
    return ReviewEvidence(due=due, by_objective=by_objective, count=len(items))


def assessment_evidence(assessment, today=None):
    """Return the assessment's current items, due for review first, each marked `due`."""
    today = today or timezone.localdate()
    items = list(Evidence.objects.current().filter(assessment=assessment).for_list())
    for item in items:
        item.due = item.is_due(today)
    return sorted(items, key=lambda item: not item.due)


def attach_evidence_counts(assessments, today=None):
    """Give each assessment `evidence_count` and `evidence_due` (current items, and those due), in one query."""
    counts = Evidence.objects.counts_by_assessment([a.pk for a in assessments], today)
    for assessment in assessments:
        assessment.evidence_count, assessment.evidence_due = counts.get(assessment.pk, (0, 0))
    return assessments


def evidence_appendix(review, *, theme=None, today=None):
    """Return the report appendix's rows: each current item's objective, title, date, review-by date and kind.

    Never a file's content: the report says what evidence there is, and the pages hold it. `theme`: its only.
    """
    today = today or timezone.localdate()
    items = Evidence.objects.current().filter(assessment__review=review).for_list()
    if theme is not None:
        items = items.filter(assessment__objective__key_area__theme=theme)
    return [
        {
            "number": item.assessment.objective.number,
            "objective": item.assessment.objective.title,
            "title": item.title,
            "dated": item.dated,
            "review_by": item.review_by,
            "kind": item.kind,
            "due": item.is_due(today),
        }
        for item in items
    ]
