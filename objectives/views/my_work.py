"""The pages of people's own work: what is mine (`/my-work/`), assigning a review's objectives, and my account."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from objectives.forms.assignment import AssignForm
from objectives.models import Profile, Review
from objectives.queries.moderation import to_agree
from objectives.queries.my_work import my_items, overdue_actions, review_progress, unowned_actions
from objectives.rules.rag import due_soon_days
from objectives.services.assignments import AssignmentRefused, assign
from objectives.views.access import editable_review_or_404, require_perm


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only
def my_work(request):
    """What is mine and due; for a manager also the current draft's progress by officer and the overdue actions."""
    require_perm(request.user, "objectives.change_assessment")
    today = timezone.localdate()
    context = {"sections": my_items(request.user, today=today), "today": today, "nav": "my_work"}
    if request.user.has_perm("objectives.assign_assessment"):
        # Each framework's current draft (its latest), the main framework's first.
        drafts = Review.objects.filter(status=Review.Status.DRAFT).select_related("framework").order_by("-year")
        current = {}
        for draft in drafts:
            current.setdefault(draft.framework_id, draft)
        current = sorted(current.values(), key=lambda draft: (not draft.is_of_main_framework, draft.framework.name))
        progress = [(draft, *review_progress(draft)) for draft in current]
        context.update(progress=progress, overdue=overdue_actions(today=today))
        latest = Review.objects.select_related("framework").order_by("-year").first()
        context.update(latest=latest, unowned=unowned_actions(latest, today=today) if latest else [])
    if request.user.has_perm("objectives.moderate_assessment"):
        context["to_agree"] = to_agree()
    return render(request, "objectives/my_work.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def review_assign(request, key):
    """Assign a draft's objectives to officers, one by one, by key area or by theme, and set its due date."""
    review = editable_review_or_404(request.user, key, "objectives.assign_assessment")
    form = AssignForm(request.POST or None, review=review)
    if form.is_valid():
        try:
            changed = assign(
                review=review, officers=form.officers(), due_by=form.cleaned_data["due_by"], by=request.user
            )
        except AssignmentRefused as refused:
            form.add_error(None, forms.ValidationError(str(refused), code="refused"))
        else:
            messages.success(request, f"The {review.label} review's assignments are saved ({changed} changed).")
            return redirect("objectives:review_assign", review)
    context = {"review": review, "form": form, "due_soon_days": due_soon_days(), "nav": "reviews"}
    return render(request, "objectives/review_assign.html", context, status=400 if form.errors else 200)


class AccountForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["digests"]


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    """My name and email (the administrator sets them) and whether I get reminder digests."""
    # A checkbox left unticked posts nothing: the form is bound to any POST, even an empty one.
    form = AccountForm(request.POST if request.method == "POST" else None, instance=Profile.of(request.user))
    if form.is_valid():
        profile = form.save(commit=False)
        profile._history_user = request.user
        profile.save()
        messages.success(request, "Your reminder digests are " + ("on." if profile.digests else "off."))
        return redirect("objectives:account")
    return render(request, "objectives/account.html", {"form": form, "nav": "account"})
