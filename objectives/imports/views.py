"""Spreadsheet import (upload, preview, confirm) and export, for procurement officers and managers."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from objectives.imports import pending
from objectives.imports.apply import NotApplied, apply, preview
from objectives.imports.exports import FORMATS, export_review
from objectives.imports.forms import ConfirmForm, ImportForm
from objectives.imports.table import FileRefused
from objectives.models import Review
from objectives.views.access import require_perm, visible_review_or_404
from scorecard.downloads import private_download

IMPORT_PERM = "objectives.change_assessment"
ROW_LIMIT = 1000  # rows listed per status; a council's real imports are well under it
NOT_STORED = (
    "The server could not store the upload (its disk may be full), so nothing was imported. Try again later, "
    "or tell your administrator."
)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    require_perm(request.user, IMPORT_PERM)
    form = ImportForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            key = pending.store(form.data_bytes, name=form.cleaned_data["file"].name, user=request.user)
        except pending.NotStored:
            form.add_error("file", forms.ValidationError(NOT_STORED, code="not_stored"))
        else:
            return redirect("imports:preview", key=key)
    reviews = Review.objects.visible_to(request.user)
    return render(request, "imports/upload.html", {"form": form, "reviews": reviews, "nav": "imports"})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request, key):
    require_perm(request.user, IMPORT_PERM)
    upload = pending.load(key, user=request.user)
    try:
        table = pending.read(upload)
    except FileRefused as refusal:  # only if the limits changed since the upload
        messages.error(request, " ".join(refusal.reasons))
        return redirect("imports:upload")
    form = ConfirmForm(request.POST or None)
    if form.is_valid():
        try:
            applied = apply(table, user=request.user, fingerprint=form.cleaned_data["fingerprint"])
        except NotApplied as refusal:
            planned = refusal.preview
            messages.warning(request, _not_applied_message(refusal))
        else:
            transaction.on_commit(lambda: pending.discard(upload))  # kept if the import does not commit
            messages.success(request, _applied_message(applied))
            reviews = applied.reviews
            return redirect(reviews[0] if len(reviews) == 1 else "objectives:review_list")
    else:
        planned = preview(table, user=request.user)
    context = {"preview": planned, "table": table, "form": ConfirmForm(initial={"fingerprint": planned.fingerprint})}
    context.update(groups=_groups(planned), nav="imports")
    return render(request, "imports/preview.html", context)


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open while the file is written
def review_export(request, key):
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, IMPORT_PERM)
    file_format = request.GET.get("format", "xlsx").lower()
    if file_format not in FORMATS:
        return HttpResponseBadRequest(f"Unknown format: choose one of {', '.join(FORMATS)}.", content_type="text/plain")
    data, content_type, filename = export_review(review, file_format)
    return private_download(data, filename=filename, content_type=content_type)


def _groups(planned):
    """Return the rows to list, errors first, each status with its rows (up to ROW_LIMIT) and how many more."""
    titles = {"error": "In error", "new": "New", "changed": "Changed", "unchanged": "Unchanged"}
    groups = []
    for status, title in titles.items():
        rows = planned.by_status(status)
        if rows:
            listed = rows[:ROW_LIMIT]
            groups.append({"status": status, "title": title, "rows": listed, "count": len(rows)})
            groups[-1]["more"] = len(rows) - len(listed)
    return groups


def _applied_message(applied):
    counts = applied.counts
    return (
        f"Imported {applied.table.name}: {counts['new']} assessments added, {counts['changed']} changed, "
        f"{counts['unchanged']} unchanged. The history records you as the author of each change."
    )


def _not_applied_message(refusal):
    if refusal.stale:
        return (
            "Nothing was imported: the scorecard changed since the preview (someone saved an assessment, or a "
            "review was published). Here is the preview again, as the file would import now: check it and confirm."
        )
    return "Nothing was imported: the file has errors, or nothing left to change. Here is the preview again."
