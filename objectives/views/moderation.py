"""Agree an objective's score from its own scores, and a review's scoring rules: managers (`moderate_assessment`),
drafts only."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from objectives.forms.moderation import AgreeForm, ModerationForm
from objectives.models import Moderation, SignedOff
from objectives.queries.moderation import own_scores_for
from objectives.services.moderation import RationaleNeeded, agree_score, set_rules
from objectives.views.access import editable_review_or_404
from objectives.views.assessments import assessment_or_404


@login_required
def assessment_agree(request, key, number):
    review = editable_review_or_404(request.user, key, "objectives.moderate_assessment")
    assessment = assessment_or_404(review, number)
    own = own_scores_for(assessment, request.user)
    form = AgreeForm(request.POST or None, assessment=assessment, own_scores=own.rows)
    if form.is_valid():
        try:
            agree_score(
                assessment=assessment,
                score=form.cleaned_data["score"],
                rationale=form.cleaned_data["rationale"],
                by=request.user,
            )
        except RationaleNeeded as refusal:  # an own score that differs came in since the page was opened
            own = own_scores_for(assessment, request.user)
            form.add_error("rationale", str(refusal))
        except SignedOff as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"The score of #{number} is agreed.")
            return redirect(assessment)
    context = {
        "review": review,
        "assessment": assessment,
        "own": own,
        "form": form,
        "levels": review.framework.levels_by_number(),
        "nav": "reviews",
    }
    return render(request, "objectives/assessment_agree.html", context)


@login_required
def review_moderation(request, key):
    review = editable_review_or_404(request.user, key, "objectives.moderate_assessment")
    # A checkbox left unticked posts nothing: the form is bound to any POST, even an empty one.
    form = ModerationForm(request.POST if request.method == "POST" else None, instance=Moderation.of(review))
    if form.is_valid():
        set_rules(moderation=form.save(commit=False), by=request.user)
        messages.success(request, f"The scoring rules of the {review.label} review are saved.")
        return redirect(review)
    return render(request, "objectives/review_moderation.html", {"review": review, "form": form, "nav": "reviews"})
