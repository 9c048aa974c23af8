"""The evidence behind a review's scores: add, read, download, change, confirm and withdraw an item; the review's list.

Reading follows the review (committee members: published reviews only, a draft's items are 404); changing needs
`add_evidence` or `change_evidence` (officers, managers), on a draft only: a published review's evidence is frozen.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from objectives.files.storage import evidence_storage
from objectives.files.uploads import Refused
from objectives.forms.evidence import EvidenceForm, WithdrawForm
from objectives.models import Assessment, SignedOff
from objectives.queries.evidence import review_evidence
from objectives.queries.history import evidence_history
from objectives.services import evidence as services
from objectives.views.access import editable_review_or_404, require_perm, visible_evidence_or_404, visible_review_or_404
from scorecard.downloads import private_download


def _may_change(user, item):
    return not item.assessment.review.is_published and user.has_perm("objectives.change_evidence")


@login_required
@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests  # the service's own transaction: a stored file stays only if its row commits
def new(request, key, number):
    review = editable_review_or_404(request.user, key, "objectives.add_evidence")
    assessment = get_object_or_404(
        Assessment.objects.select_related("objective", "review"), review=review, objective__number=number
    )
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("title", "shows", "dated", "owner", "review_by", "link")}
        try:
            item = services.add_evidence(assessment=assessment, by=request.user, upload=form.upload_data, **fields)
        except Refused as refusal:
            form.add_error("upload", forms.ValidationError(str(refusal), code="refused"))
        else:
            messages.success(request, f"The evidence is added to objective #{number}.")
            return redirect(item)
    context = {"review": review, "assessment": assessment, "form": form, "nav": "reviews"}
    return render(request, "objectives/evidence_form.html", context)


@login_required
@require_GET
@transaction.non_atomic_requests
def detail(request, pk):
    item = visible_evidence_or_404(request.user, pk)
    context = {
        "item": item,
        "review": item.assessment.review,
        "assessment": item.assessment,
        # As for an assessment, those who see no drafts (committee members) read what was signed off, not how.
        "history": evidence_history(item) if request.user.has_perm("objectives.view_draft_review") else [],
        "may_change": _may_change(request.user, item),
        "nav": "reviews",
    }
    return render(request, "objectives/evidence_detail.html", context)


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open while the file is sent
def download(request, pk):
    item = visible_evidence_or_404(request.user, pk)
    if not item.file_id:
        raise Http404("This evidence is a link, not a file.")
    stored = item.file
    opened = evidence_storage().open(stored.stored_as, "rb")
    return private_download(opened, filename=stored.name, content_type=stored.content_type)


def withdrawn_meanwhile(request, item):
    messages.error(
        request, "Someone withdrew this evidence meanwhile, so it can no longer be changed: nothing was saved."
    )
    return redirect(item)


def changeable_or_404(request, pk):
    item = visible_evidence_or_404(request.user, pk)
    require_perm(request.user, "objectives.change_evidence")
    if item.assessment.review.is_published:
        raise SignedOff(item.assessment.review)
    if item.is_withdrawn:
        raise Http404("This evidence is withdrawn.")
    return item


@login_required
@require_http_methods(["GET", "POST"])
@transaction.non_atomic_requests  # the service's own transaction: a stored file stays only if its row commits
def edit(request, pk):
    item = changeable_or_404(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, instance=item)
    if form.is_valid():
        try:
            services.change_evidence(item=form.save(commit=False), by=request.user, upload=form.upload_data)
        except Refused as refusal:
            form.add_error("upload", forms.ValidationError(str(refusal), code="refused"))
        except services.Withdrawn:
            return withdrawn_meanwhile(request, item)
        else:
            messages.success(request, "The evidence is saved.")
            return redirect(item)
    context = {"item": item, "review": item.assessment.review, "assessment": item.assessment, "form": form}
    return render(request, "objectives/evidence_form.html", {**context, "nav": "reviews"})


@login_required
@require_POST  # confirming a carried item changes it: a POST from its page's button
def confirm(request, pk):
    item = changeable_or_404(request, pk)
    if item.to_confirm:
        try:
            services.confirm_evidence(item=item, by=request.user)
        except services.Withdrawn:
            return withdrawn_meanwhile(request, item)
        messages.success(request, f"The evidence is confirmed for {item.review_year}.")
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    item = changeable_or_404(request, pk)
    form = WithdrawForm(request.POST or None)
    if form.is_valid():
        try:
            services.withdraw_evidence(item=item, by=request.user, reason=form.cleaned_data["reason"])
        except services.Withdrawn:
            return withdrawn_meanwhile(request, item)
        messages.success(request, "The evidence is withdrawn: it stays in the record.")
        return redirect(item.assessment)
    context = {"item": item, "review": item.assessment.review, "assessment": item.assessment, "form": form}
    return render(request, "objectives/evidence_withdraw.html", {**context, "nav": "reviews"})


@login_required
@require_GET
@transaction.non_atomic_requests
def review_list(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, "objectives.view_evidence")
    context = {
        "review": review,
        "evidence": review_evidence(review),
        "may_add": not review.is_published and request.user.has_perm("objectives.add_evidence"),
        "nav": "reviews",
    }
    return render(request, "objectives/review_evidence.html", context)
