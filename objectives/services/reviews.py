"""Workflows that span several models, each one transaction with its history."""

from django.db import IntegrityError, transaction

from objectives.models import Action, Assessment, Assignment, Moderation, Review, people_who_may
from objectives.services.evidence import carry_forward


class ReviewExists(Exception):
    """Someone else started the review of that year first."""


def start_first_review(*, framework, year, by, due_by=None):
    """Start a framework's first review: every objective of the framework in it as new, unscored and unassigned.

    Raise ReviewExists, writing nothing, if the framework has a review of that year already.
    """
    try:
        with transaction.atomic():
            review = Review(framework=framework, year=year, due_by=due_by)
            review._history_user = by
            review._change_reason = f"Started as the first review of {framework.name}"
            review.save()
            assessments = [
                Assessment(review=review, objective=objective, origin=Assessment.Origin.NEW)
                for objective in framework.objectives.order_by("number")
            ]
            for assessment in assessments:
                assessment._history_user = by
                assessment._change_reason = f"Started as the first review of {framework.name}"
                assessment.save()
    except IntegrityError:
        if Review.objects.filter(framework=framework, year=year).exists():
            raise ReviewExists(year) from None
        raise
    return review


def start_review(*, previous, year, by, carry_text=False, due_by=None):
    """Start the review of `year` from `previous` (of the same framework): every objective carried forward as
    continued, with its target.

    Scores start empty, and so do comments unless `carry_text`, when last year's are the starting text for
    officers to edit; last year's are shown beside the fields while editing in any case. Every open action
    (planned or in progress) of `previous` is carried into it: the same action, still raised where it was. Each
    objective's current evidence is linked into it "from <previous year>" (the same file, not a copy), for officers
    to confirm, replace or withdraw. The scoring rules (`Moderation`) carry on; own scores start afresh. Each
    objective starts assigned to the officer who had it in `previous`, if they still may score; `due_by` is the new
    review's due date (the form offers last year's, a year on). Raise ReviewExists, writing nothing, if the
    framework's review of that year exists already (two managers starting it at once).
    """
    try:
        with transaction.atomic():
            review = Review(framework=previous.framework, year=year, due_by=due_by)
            review._history_user = by
            review._change_reason = f"Started from the {previous.year} review"
            review.save()
            scorers = set(people_who_may("change_assessment").values_list("pk", flat=True))
            earlier_assessments = Assessment.objects.for_review(previous).select_related("assignment")
            for earlier in earlier_assessments.order_by("objective__number"):
                assessment = Assessment(
                    review=review,
                    objective_id=earlier.objective_id,
                    target=earlier.target,
                    origin=Assessment.Origin.CONTINUED,
                    comments=earlier.comments if carry_text else "",
                )
                assessment._history_user = by
                assessment._change_reason = f"Carried forward from {previous.year}"
                assessment.save()
                officer_id = getattr(getattr(earlier, "assignment", None), "officer_id", None)
                if officer_id in scorers:
                    assignment = Assignment(assessment=assessment, officer_id=officer_id)
                    assignment._history_user = by
                    assignment._change_reason = f"Carried forward from {previous.year}"
                    assignment.save()
            carried = list(Action.objects.filter(reviews=previous).open())
            review.actions.add(*carried)
            Action.history.bulk_history_create(
                carried, update=True, default_user=by, default_change_reason=Action.carried_reason(year)
            )
            carry_forward(previous=previous, review=review, by=by)
            _carry_rules(previous=previous, review=review, by=by)
    except IntegrityError:
        if Review.objects.filter(framework=previous.framework_id, year=year).exists():
            raise ReviewExists(year) from None
        raise
    return review


def _carry_rules(*, previous, review, by):
    """Give the new review the scoring rules of `previous`, if a manager changed them from the defaults there."""
    rules = Moderation.objects.filter(review=previous).first()
    if rules is None:
        return
    rules.pk, rules.review = None, review
    rules._history_user = by
    rules._change_reason = f"Carried forward from {previous.year}"
    rules.save()


def set_targets(*, review, targets, by):
    """Set many assessments' targets at once, all or nothing: `targets` maps an assessment's id to (target, the
    version its row was opened on).

    Return the assessments that someone else changed since the page was opened; if there are any, nothing is
    written. Each changed target is recorded in its assessment's history. Raise SignedOff if the review was
    published meanwhile.
    """
    with transaction.atomic():
        Review.objects.lock_draft(review.pk)
        current = Assessment.objects.select_for_update(of=("self",)).filter(review=review, pk__in=targets)
        current = list(current.in_scorecard_order())
        stale = [a for a in current if a.version != targets[a.pk][1]]
        if stale:
            return stale
        for assessment in current:
            target = targets[assessment.pk][0]
            if assessment.target != target:
                assessment.target = target
                assessment.next_version()
                assessment._history_user = by
                assessment._change_reason = "Targets set on the review's targets page"
                assessment.save()
    return []
