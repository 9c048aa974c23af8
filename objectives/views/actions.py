"""The action plan of a review, and raising, reading, changing and progressing its actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_GET, require_http_methods

from objectives.forms.actions import ActionForm, ActionPlanFilterForm, ProgressForm
from objectives.imports.exports import PLAN_FORMATS, export_plan
from objectives.models import Action, Assessment, person
from objectives.queries.action_plan import action_plan
from objectives.queries.history import action_history
from objectives.rules import rag
from objectives.rules.rag import is_overdue
from objectives.services.actions import add_progress, change_action, raise_action
from objectives.views.access import latest_review_of, require_perm, visible_action_or_404, visible_review_or_404
from scorecard.downloads import private_download


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open
def plan(request, key):
    review = visible_review_or_404(request.user, key)
    filters = ActionPlanFilterForm(request.GET)
    if not filters.is_valid():
        raise Http404("No such filter value.")
    context = {
        "review": review,
        "filters": filters,
        "plan": action_plan(review, filters.cleaned_data, page=request.GET.get("page", 1)),
        "rule": rag.rule(),
        "may_change": request.user.has_perm("objectives.change_action"),
        "nav": "actions",
    }
    return render(request, "objectives/action_plan.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def new(request, key, number):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.add_action")
    assessment = get_object_or_404(
        Assessment.objects.select_related("objective"), review=review, objective__number=number
    )
    form = ActionForm(request.POST or None, initial={"owner": request.user.pk})  # who raises it, until changed
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in Action.RECORDED_FIELDS}
        action = raise_action(review=review, objective=assessment.objective, by=request.user, **fields)
        messages.success(request, f"The action is raised on objective #{number}.")
        _warn_if_past_due(request, form, action)
        return redirect(action)
    context = {"review": review, "assessment": assessment, "form": form, "nav": "actions"}
    return render(request, "objectives/action_form.html", context)


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open
def detail(request, pk):
    action = visible_action_or_404(request.user, pk)
    context = {
        "action": action,
        "review": latest_review_of(request.user, action),
        "rag_now": action.rag_now,
        "notes": action.notes.select_related("author"),
        "history": action_history(action, user=request.user),
        "may_change": request.user.has_perm("objectives.change_action"),
        "nav": "actions",
    }
    return render(request, "objectives/action_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    action = visible_action_or_404(request.user, pk)
    require_perm(request.user, "objectives.change_action")
    form = ActionForm(request.POST or None, instance=action)
    conflict = None
    if form.is_valid():
        opened = form.cleaned_data["version"]
        saved, current = change_action(action=form.save(commit=False), opened_version=opened, by=request.user)
        if saved:
            messages.success(request, "The action is saved.")
            _warn_if_past_due(request, form, current)
            return redirect(current)
        conflict = _conflict(form, current, opened)
    context = {
        "action": action,
        "review": latest_review_of(request.user, action),
        "form": form,
        "conflict": conflict,
        "nav": "actions",
    }
    return render(request, "objectives/action_form.html", context, status=409 if conflict else 200)


def _warn_if_past_due(request, form, action):
    """Say so when an open action is given a due date already past: a date may be recorded late, so it is saved,
    but it reads as overdue from now on."""
    is_open = action.status in (Action.Status.PLANNED, Action.Status.IN_PROGRESS)
    if is_open and "due_date" in form.changed_data and is_overdue(action.due_date, timezone.localdate()):
        messages.warning(
            request, f"The due date, {date_format(action.due_date)}, is already past: the action reads as overdue."
        )


def _conflict(form, current, opened):
    """Return what another person saved since the form was opened, field by field, and let the form save over it
    deliberately (its version moves on to theirs)."""
    form.data = form.data.copy()
    form.data["version"] = current.version
    was = current.history.filter(version=opened).order_by("-history_date").first()
    changes = []
    for name in Action.RECORDED_FIELDS:
        field = Action._meta.get_field(name)
        old, new = (getattr(record, name) if record else None for record in (was, current))
        if old != new:
            shown = [person(v) if name == "owner" else dict(field.choices or ()).get(v, v) for v in (old, new)]
            changes.append((field.verbose_name.capitalize(), *("" if v is None else v for v in shown)))
    return {"changes": changes, "by": current.history.order_by("-history_date").first()}


@login_required
@require_http_methods(["GET", "POST"])
def progress(request, pk):
    action = visible_action_or_404(request.user, pk)
    require_perm(request.user, "objectives.change_action")
    form = ProgressForm(request.POST or None, action=action)
    if form.is_valid():
        add_progress(note=form.save(commit=False), action=action, by=request.user, status_fields=form.status_fields())
        messages.success(request, "The progress note is added.")
        return redirect(action)
    context = {"action": action, "review": latest_review_of(request.user, action), "form": form, "nav": "actions"}
    return render(request, "objectives/action_progress.html", context)


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open
def export(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.change_action")
    file_format = request.GET.get("format", "xlsx").lower()
    if file_format not in PLAN_FORMATS:
        return HttpResponseBadRequest(
            f"Unknown format: choose one of {', '.join(PLAN_FORMATS)}.", content_type="text/plain"
        )
    data, content_type, filename = export_plan(review, file_format)
    return private_download(data, filename=filename, content_type=content_type)
