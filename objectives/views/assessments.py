from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from objectives.forms.assessments import AddObjectiveForm, AssessmentForm, NewObjectiveForm, ScorecardFilterForm
from objectives.models import Action, Assessment, LevelDescription, OwnScore, SignedOff
from objectives.queries.action_plan import attach_actions
from objectives.queries.evidence import assessment_evidence
from objectives.queries.history import changes_since, combined_history
from objectives.queries.mappings import ties_of
from objectives.queries.moderation import own_scores_for
from objectives.queries.scorecard_page import next_after
from objectives.services.assessments import NotAdded, add_assessment, remove_assessment
from objectives.services.moderation import save_edit
from objectives.views.access import can_edit, editable_review_or_404, require_perm, visible_review_or_404


def assessment_or_404(review, number):
    return get_object_or_404(
        Assessment.objects.select_related("objective__key_area__theme", "review__framework"),
        review=review,
        objective__number=number,
    )


@login_required
def assessment_detail(request, key, number):
    review = visible_review_or_404(request.user, key)
    assessment = assessment_or_404(review, number)
    levels = review.framework.levels_by_number()
    own = own_scores_for(assessment, request.user)
    earlier = attach_actions(
        Assessment.objects.filter(objective=assessment.objective, review__year__lt=review.year)
        .filter(review__in=type(review).objects.visible_to(request.user))
        .select_related("review")
        .order_by("-review__year")
    )
    context = {
        "review": review,
        "assessment": assessment,
        "earlier": earlier,
        "levels": levels,
        "history": combined_history(assessment, levels, user=request.user, own_scores=own.shown and own.named),
        "actions": list(Action.objects.for_plan(review).filter(objective=assessment.objective)),
        "may_raise": request.user.has_perm("objectives.add_action"),
        "evidence": assessment_evidence(assessment),
        "ties": ties_of(assessment.objective, user=request.user),
        "may_add_evidence": not review.is_published and request.user.has_perm("objectives.add_evidence"),
        "may_edit": can_edit(request.user, review),
        "may_remove": not review.is_published and request.user.has_perm("objectives.delete_assessment"),
        "may_agree": not review.is_published and request.user.has_perm("objectives.moderate_assessment"),
        "own": own,
        "nav": "reviews",
    }
    return render(request, "objectives/assessment_detail.html", context)


@login_required
def assessment_edit(request, key, number):
    review = editable_review_or_404(request.user, key, "objectives.change_assessment")
    assessment = assessment_or_404(review, number)
    levels = review.framework.levels_by_number()
    form = AssessmentForm(
        request.POST or None,
        instance=assessment,
        may_set_target=request.user.has_perm("objectives.set_target"),
        own_score=OwnScore.objects.filter(assessment=assessment, scorer=request.user).first(),
    )
    conflict = signed_off = None
    filters = ScorecardFilterForm(request.GET, review=review)
    query = request.GET.urlencode() if filters.is_valid() else ""
    if form.is_valid():
        opened = form.cleaned_data["version"]
        try:
            saved, current = save_edit(
                assessment=form.save(commit=False),
                opened_version=opened,
                assessment_changed=form.assessment_changed,
                # Marking it not applicable leaves one's own score as it was: it is no level of anyone's.
                own=None
                if form.instance.not_applicable
                else (form.cleaned_data["score"], form.cleaned_data["rationale"]),
                by=request.user,
            )
        except SignedOff as refusal:  # published while this person edited: their text stays in the form
            signed_off = str(refusal)
        else:
            if saved:
                messages.success(request, f"Objective #{number} is saved.")
                if "save_next" in request.POST:
                    return _next(request, assessment, filters.cleaned_data if query else {}, query)
                return redirect(assessment)
            conflict = _conflict(form, current, opened, levels)
    previous, last_year = _last_year(review, assessment)
    context = {
        "review": review,
        "assessment": assessment,
        "form": form,
        "conflict": conflict,
        "signed_off": signed_off,
        "descriptions": [
            (levels.label(level), text) for level, text in LevelDescription.for_objective(assessment.objective).items()
        ],
        "levels": levels,
        "back_url": _scorecard_url(review, query, number),
        "previous": previous,
        "last_year": last_year,
        "actions": list(Action.objects.for_plan(review).filter(objective=assessment.objective)),
        "may_raise": request.user.has_perm("objectives.add_action"),
        "own_count": assessment.own_scores.count(),
        "nav": "reviews",
    }
    return render(request, "objectives/assessment_edit.html", context, status=409 if conflict or signed_off else 200)


def _last_year(review, assessment):
    """Return the review before this one and the objective's assessment in it, or None for either."""
    previous = review.previous()
    last_year = previous and previous.assessments.filter(objective=assessment.objective).first()
    if last_year:
        attach_actions([last_year])
    return previous, last_year


def _scorecard_url(review, query, number):
    return f"{reverse('objectives:review_detail', args=[review])}{f'?{query}' if query else ''}#objective-{number}"


def _next(request, assessment, filters, query):
    """Go on to the next objective's form, in scorecard order and under the scorecard's filters."""
    following = next_after(assessment, user=request.user, filters=filters)
    if following is None:
        messages.info(request, "That was the last objective" + (" these filters show." if query else "."))
        return redirect(_scorecard_url(assessment.review, query, assessment.objective.number))
    url = reverse("objectives:assessment_edit", args=[assessment.review, following.objective.number])
    return redirect(f"{url}?{query}" if query else url)


def _conflict(form, current, opened, levels):
    """Return what another person saved since the form was opened, and let the form save over it deliberately."""
    form.data = form.data.copy()
    form.data["version"] = current.version
    return {
        "changes": changes_since(current, opened, levels),
        "by": current.history.first(),
    }


@login_required
def assessment_add(request, key):
    """Add an objective of the catalogue to a draft review as new, or one the catalogue lacks to both."""
    review = editable_review_or_404(request.user, key, "objectives.add_assessment", "objectives.publish_review")
    creating = "create" in request.POST  # which of the page's two forms was sent
    chosen = AddObjectiveForm(request.POST if "add" in request.POST else None, review=review, prefix="catalogue")
    created = NewObjectiveForm(request.POST if creating else None, review=review, prefix="new")
    form = created if creating else chosen
    if form.is_valid():
        if creating:
            require_perm(request.user, "objectives.add_objective")
            objective = created.save(commit=False)
        else:
            objective = chosen.cleaned_data["objective"]
        try:
            new = Assessment(review=review, objective=objective, origin=Assessment.Origin.NEW)
            add_assessment(assessment=new, by=request.user)
        except NotAdded as refusal:  # another manager added it a moment ago
            form.add_error(None, str(refusal))
        else:
            messages.success(request, f"Objective #{objective.number} is added to the {review.label} review as new.")
            return redirect("objectives:assessment_edit", review, objective.number)
    context = {
        "review": review,
        "form": chosen,
        "new_form": created,
        "may_add": chosen.fields["objective"].queryset.exists(),
        "may_create": request.user.has_perm("objectives.add_objective"),
        "nav": "reviews",
    }
    return render(request, "objectives/assessment_add.html", context)


@login_required
def assessment_remove(request, key, number):
    review = editable_review_or_404(request.user, key, "objectives.delete_assessment")
    assessment = assessment_or_404(review, number)
    if request.method == "POST":
        remove_assessment(assessment=assessment, by=request.user)
        messages.success(request, f"Objective #{number} is taken out of the {review.label} review.")
        return redirect(review)
    return render(request, "objectives/assessment_remove.html", {"review": review, "assessment": assessment})
