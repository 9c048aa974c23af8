"""Evidence workflows: add, change, confirm and withdraw an item, each one transaction with its history; and carry
a review's current evidence into the next.

Every writer locks the item's review first (`Review.objects.lock_draft`), so that a sign-off and a change take
turns: a published review's evidence is frozen (SignedOff) until a manager reopens it.
"""

from django.db import transaction
from django.utils import timezone

from objectives.files.storage import checked_upload, files_kept_only_if_committed, store_file
from objectives.models import Assessment, Evidence, Review


class Withdrawn(Exception):
    """The item was withdrawn (perhaps a moment ago, by someone else): it can no longer be changed."""


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
