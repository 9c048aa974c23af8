"""Writes of own and agreed scores: a person's own score recorded from the edit form, the agreed score a manager
records, and a review's scoring rules.

Each takes the review's lock first (`Review.objects.lock_draft`), as every writer does, so that a write and a
sign-off take turns, then the assessment's row, so that own scores and an agreement of one objective take turns
too: two people recording their own scores at once both land, and an agreement sees every own score before it.
"""

from django.db import transaction
from django.utils import timezone

from objectives.models import Agreement, Assessment, Moderation, OwnScore, Review
from objectives.rules.spread import needs_rationale


class RationaleNeeded(Exception):
    """The agreed score differs from an own score and no reason was given: nothing was written."""

    def __init__(self, own_scores):
        self.own_scores = own_scores
        super().__init__("The agreed score differs from an own score: say why it was agreed.")


def record_own_score(*, assessment, by, score, rationale=""):
    """Record (or change, or with `score` None withdraw) `by`'s own score of the assessment; return the assessment
    as stored now.

    Under the review's rule (`Moderation.single_voice_agrees`) a score no manager agreed follows the own scores
    while they are all the same level, and has none while they differ; an agreement a manager recorded stays.
    Raise SignedOff, writing nothing, if the review is published.
    """
    with transaction.atomic():
        review = Review.objects.lock_draft(assessment.review_id)
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        _write_own(current, by=by, score=score, rationale=rationale)
        if _follow_rule(current, review, by=by):
            current.next_version()
            current._history_user = by
            current.save()
    return current


def save_edit(*, assessment, opened_version, assessment_changed, own, by):
    """Save the edit form: the assessment's own fields if any changed (unless stale), and the editor's own score
    (`own`: (score, rationale), or None to leave it as it is), in one transaction and one version of the assessment.
    Return (saved, current) as `save_assessment` does. An objective marked not applicable has no score.

    An own score is the editor's alone, so it meets no one else's change: only the assessment's fields are
    compared with the version the form was opened on.
    """
    with transaction.atomic():
        review = Review.objects.lock_draft(assessment.review_id)
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment_changed and current.version != opened_version:
            return False, current
        if assessment_changed:
            assessment.score, assessment.version = current.score, current.version
            if assessment.not_applicable:
                assessment.score = None
        else:
            assessment = current
        if own is not None:
            _write_own(assessment, by=by, score=own[0], rationale=own[1])
        if _follow_rule(assessment, review, by=by) or assessment_changed:
            assessment.next_version()
            assessment._history_user = by
            assessment.save()
    return True, assessment


def _write_own(assessment, *, by, score, rationale):
    mine = OwnScore.objects.filter(assessment=assessment, scorer=by).first()
    if score is None:
        if mine is not None:
            mine._history_user = by
            mine.delete()
    elif mine is None:
        own = OwnScore(assessment=assessment, scorer=by, score=score, rationale=rationale)
        own._history_user = by
        own.save()
    elif (mine.score, mine.rationale) != (score, rationale):
        mine.score, mine.rationale = score, rationale
        mine._history_user = by
        mine.save()


def _follow_rule(assessment, review, *, by):
    """Set the assessment's score (not saved) from its own scores where the review's rule says so, and its
    agreement by the rule; return whether the score changed."""
    if not Moderation.of(review).single_voice_agrees or assessment.not_applicable:
        return False
    agreement = Agreement.objects.filter(assessment=assessment).first()
    if agreement is not None and not agreement.is_by_rule:
        return False  # a manager agreed it: only a manager changes it
    levels = set(OwnScore.objects.filter(assessment=assessment).values_list("score", flat=True))
    if not levels and agreement is None:
        return False  # no voice, and a score from elsewhere (an import, before own scores) stays
    agreed = next(iter(levels)) if len(levels) == 1 else None
    if agreed is None and agreement is not None:
        agreement._history_user = by
        agreement.delete()
    elif agreed is not None and agreement is None:
        agreement = Agreement(assessment=assessment, agreed_by=None)
        agreement._history_user = by
        agreement.save()
    if assessment.score == agreed:
        return False
    assessment.score = agreed
    assessment._change_reason = (
        "Agreed: the own scores agree" if agreed else "Own scores differ: to be agreed" if levels else "No own score"
    )
    return True


def agree_score(*, assessment, score, rationale, by):
    """Record the agreed score of an assessment and why; its own scores stay as they are. Return the assessment.

    The own scores are read under the assessment's lock: raise RationaleNeeded, writing nothing, if the score
    differs from any of them and no reason is given (one may have come in since the page was opened); SignedOff
    if the review is published.
    """
    rationale = rationale.strip()
    with transaction.atomic():
        Review.objects.lock_draft(assessment.review_id)
        current = Assessment.objects.select_for_update().get(pk=assessment.pk)
        own_scores = list(OwnScore.objects.filter(assessment=current))
        if not rationale and needs_rationale(score, own_scores):
            raise RationaleNeeded(own_scores)
        agreement = Agreement.objects.filter(assessment=current).first() or Agreement(assessment=current)
        agreement.agreed_by, agreement.agreed_at, agreement.rationale = by, timezone.now(), rationale
        agreement._history_user = by
        agreement.save()
        if current.score != score or current.not_applicable:
            current.score = score
            current.not_applicable, current.not_applicable_reason = False, ""  # an agreed score makes it apply
            current.next_version()
            current._history_user = by
            current._change_reason = "Agreed" + (f": {rationale}" if rationale else "")
            current.save()
    return current


def set_rules(*, moderation, by):
    """Save a review's scoring rules (a Moderation, changed); raise SignedOff if the review is published."""
    with transaction.atomic():
        Review.objects.lock_draft(moderation.review_id)
        moderation._history_user = by
        moderation.save()
    return moderation
