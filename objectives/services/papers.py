"""Writes of a review's front sheet: in the draft's turn (its row locked), so that sign-off freezes it."""

from django.db import transaction

from objectives.models import FrontSheet, Review


def save_front_sheet(*, review, fields, by):
    """Save the draft review's front sheet with `fields` (FrontSheet.FIELDS); raise SignedOff if it was published
    meanwhile. Return the front sheet."""
    with transaction.atomic():
        locked = Review.objects.lock_draft(review.pk)
        sheet = FrontSheet.objects.filter(review=locked).first() or FrontSheet.defaults(locked)
        for name, value in fields.items():
            setattr(sheet, name, value)
        sheet.full_clean()
        sheet._history_user = by
        sheet.save()
    return sheet


def freeze_key_messages(*, review, proposed, by):
    """Before sign-off: keep the key messages the pack proposes (`proposed`, a list) if a manager saved none, so that
    the signed-off pack says what it said when signed, however the actions move afterwards."""
    with transaction.atomic():
        locked = Review.objects.lock_draft(review.pk)
        sheet = FrontSheet.objects.filter(review=locked).first() or FrontSheet.defaults(locked)
        if sheet.key_messages.strip():
            return sheet
        sheet.key_messages = "\n".join(proposed)
        sheet._history_user = by
        sheet._change_reason = "Key messages as proposed, kept at sign-off"
        sheet.save()
    return sheet
