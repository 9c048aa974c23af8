from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from objectives.forms.assessments import ScorecardFilterForm
from objectives.forms.reviews import NewReviewForm, ReopenForm, TargetChoiceForm, TargetsForm
from objectives.models import Action, Framework, FrontSheet, NotAgreed, PublicRelease, Review, SignedOff
from objectives.queries.key_messages import proposed_for
from objectives.queries.readiness import readiness
from objectives.queries.scorecard_page import scorecard_page
from objectives.rules.scoring import reviews_to_compare
from objectives.services.papers import freeze_key_messages
from objectives.services.reviews import ReviewExists, set_targets, start_first_review, start_review
from objectives.views.access import can_edit, editable_review_or_404, require_perm, visible_review_or_404


@login_required
def home(request):
    """Land officers and managers on what is theirs to do; committee members on the latest review they may see."""
    require_perm(request.user, "objectives.view_review")
    if request.user.has_perm("objectives.change_assessment"):
        return redirect("objectives:my_work")
    review = Review.objects.visible_to(request.user).first()
    if review is None:
        return render(request, "objectives/review_list.html", {"reviews": [], "nav": "reviews"})
    return redirect(review)


@login_required
def review_list(request):
    require_perm(request.user, "objectives.view_review")
    reviews = (
        Review.objects.visible_to(request.user)
        .select_related("framework", "published_by")
        .annotate(
            objective_count=Count("assessments"),
            scored_count=Count("assessments", filter=Q(assessments__score__isnull=False)),
            mean_score=Avg("assessments__score"),
        )
        .order_by("-year", "framework__name")  # Meta.ordering does not apply to a query with aggregates
    )
    may_start = request.user.has_perm("objectives.add_review") and reviews.exists()
    return render(
        request, "objectives/review_list.html", {"reviews": reviews, "may_start": may_start, "nav": "reviews"}
    )


@login_required
def review_detail(request, key):
    review = visible_review_or_404(request.user, key)
    filters = ScorecardFilterForm(request.GET, review=review)
    if not filters.is_valid():
        raise Http404(" ".join(error for errors in filters.errors.values() for error in errors))
    context = {
        "review": review,
        "filters": filters,
        "scorecard": scorecard_page(review, user=request.user, filters=filters.cleaned_data),
        "levels": review.framework.levels_by_number(),
        "query": request.GET.urlencode(),
        "may_edit": can_edit(request.user, review),
        "may_manage": request.user.has_perm("objectives.publish_review"),
        "may_make_public": request.user.has_perm("objectives.publish_public"),
        "public_release": PublicRelease.objects.filter(review=review).first(),
        "nav": "reviews",
    }
    return render(request, "objectives/review_detail.html", context)


@login_required
def review_new(request):
    """Start a review: the framework first (asked when there are several), then its year, from its latest review."""
    require_perm(request.user, "objectives.add_review")
    frameworks = list(Framework.objects.order_by("name"))
    if not frameworks:
        raise Http404("There is no framework to review: load one first.")
    slug = request.POST.get("framework") or request.GET.get("framework")
    chosen = next((f for f in frameworks if f.slug == slug), None)
    if chosen is None:
        if slug or len(frameworks) > 1:
            latest = {f.pk: f.reviews.order_by("-year").first() for f in frameworks}
            choices = [(framework, latest[framework.pk]) for framework in frameworks]
            return render(request, "objectives/review_new_framework.html", {"choices": choices, "nav": "reviews"})
        chosen = frameworks[0]
    previous = chosen.reviews.select_related("framework").order_by("-year").first()
    carried = Action.objects.filter(reviews=previous).open() if previous else Action.objects.none()
    to_plan, not_planned = carried.to_plan().count(), carried.not_planned().count()
    form = NewReviewForm(
        request.POST or None, framework=chosen, previous=previous, to_plan=to_plan, this_year=timezone.now().year
    )
    if form.is_valid():
        year = form.cleaned_data["year"]
        try:
            if previous is None:
                review = start_first_review(
                    framework=chosen, year=year, by=request.user, due_by=form.cleaned_data["due_by"]
                )
            else:
                review = start_review(
                    previous=previous,
                    year=year,
                    by=request.user,
                    carry_text=form.cleaned_data["carry_text"],
                    due_by=form.cleaned_data["due_by"],
                )
        except ReviewExists:  # another manager started it a moment ago
            form.add_error("year", forms.ValidationError(NewReviewForm.EXISTS, code="exists", params={"year": year}))
        else:
            started = f"from {previous.year}" if previous else f"with the {review.assessments.count()} objectives"
            messages.success(request, f"The {review.label} review has started {started}, as a draft.")
            if form.cleaned_data.get("plan_next"):
                return redirect("objectives:action_planning", review)
            return redirect(review)
    context = {
        "form": form,
        "framework": chosen,
        "several": len(frameworks) > 1,
        "previous": previous,
        "carried": carried.count(),
        "to_plan": to_plan,
        "not_planned": not_planned,
        "nav": "reviews",
    }
    return render(request, "objectives/review_new.html", context)


@login_required
def review_publish(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.publish_review")
    if review.is_published:
        raise PermissionDenied(f"The {review.label} review is published already.")
    if request.method == "POST":
        try:
            with transaction.atomic():  # a refused sign-off keeps no frozen key messages either
                earlier = reviews_to_compare(review, published_only=True)  # as the committee will read the pack
                proposed = proposed_for(review, earlier=earlier, today=timezone.localdate())
                freeze_key_messages(review=review, proposed=proposed, by=request.user)
                review.publish(by=request.user)
        except SignedOff:  # another manager published it a moment ago: once is enough
            messages.info(request, f"The {review.label} review was published already: nothing changed.")
        except NotAgreed as refusal:  # the page listed them, or an own score came in since it was shown
            messages.error(request, str(refusal))
            return redirect("objectives:review_publish", review)
        else:
            messages.success(
                request, f"The {review.label} review is published: it is read-only and committee members see it."
            )
        return redirect(review)
    checks = readiness(review)
    edited = FrontSheet.objects.filter(review=review).exclude(key_messages="").exists()
    context = {
        "review": review,
        "checks": checks,
        "ready": all(check.ready for check in checks),
        "blocked": any(check.blocks and not check.ready for check in checks),
        "edited": edited,
    }
    return render(request, "objectives/review_publish.html", context)


@login_required
def review_reopen(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.publish_review")
    if not review.is_published:
        raise PermissionDenied(f"The {review.label} review is a draft already.")
    form = ReopenForm(request.POST or None)
    if form.is_valid():
        if review.reopen(by=request.user, reason=form.cleaned_data["reason"]):
            messages.success(
                request, f"The {review.label} review is reopened as a draft; committee members no longer see it."
            )
        else:
            messages.info(request, f"The {review.label} review was reopened already: nothing changed.")
        return redirect(review)
    return render(request, "objectives/review_reopen.html", {"review": review, "form": form})


@login_required
def review_targets(request, key):
    """Set the targets of a whole draft review, or of one theme (?theme=), in one save; ?fill= pre-fills them."""
    review = editable_review_or_404(request.user, key, "objectives.set_target")
    levels = review.framework.levels_by_number()
    choice = TargetChoiceForm(request.GET, review=review, levels=levels)
    if not choice.is_valid():
        raise Http404("No such theme, or no such level to fill in.")
    assessments = choice.assessments()
    form = TargetsForm(
        request.POST or None,
        assessments=assessments,
        last_targets=choice.last_targets(),
        levels=levels,
        fill=choice.filler(),
    )
    stale = []
    if form.is_valid():
        stale = set_targets(review=review, targets=form.targets(), by=request.user)
        if not stale:
            messages.success(request, f"The targets of the {review.label} review are saved.")
            return redirect(review)
        form.data = form.data.copy()
        for assessment in stale:  # saving again, after reading their change, is deliberate
            form.data[f"version_{assessment.pk}"] = assessment.version
    context = {"review": review, "form": form, "choice": choice, "stale": stale, "levels": levels, "nav": "reviews"}
    return render(request, "objectives/review_targets.html", context, status=409 if stale else 200)
