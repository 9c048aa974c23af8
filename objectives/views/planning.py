"""The planning grid of a review's actions: owner, lead and due date of many at once, for a manager."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from objectives.forms.planning import PlanningForm, planning_rows
from objectives.services.actions import PlanRefused, plan_actions
from objectives.views.access import require_perm, visible_review_or_404


@login_required
@require_http_methods(["GET", "POST"])
def planning(request, key):
    """Give many actions an owner, a lead and a due date in one save, all or nothing.

    A manager's page (changing actions and deciding who does what), on a draft or a published review alike: an
    action's owner, lead and due date keep moving after sign-off. `?all=on` lists every open action, not only those
    that lack one of the three.
    """
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.change_action", "objectives.assign_assessment")
    everything = request.GET.get("all") == "on"
    form = PlanningForm(request.POST or None, actions=planning_rows(review, everything=everything))
    stale = []
    if form.is_valid():
        try:
            changed = plan_actions(plans=form.plans(), by=request.user)
        except PlanRefused as refused:
            stale = refused.stale
            form.add_error(None, forms.ValidationError("Someone changed these actions meanwhile.", code="stale"))
            form.data = form.data.copy()
            for action in stale:  # saving again, after reading their change, is deliberate
                form.data[f"version_{action.pk}"] = action.version
        else:
            messages.success(request, f"The {review.label} review's actions are planned ({changed} changed).")
            return redirect("objectives:action_plan", review)
    context = {"review": review, "form": form, "stale": stale, "everything": everything, "nav": "reviews"}
    return render(request, "objectives/action_planning.html", context, status=409 if stale else 200)
