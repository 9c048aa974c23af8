"""The benchmark pages: a published review's return, downloaded by a manager from its dashboard, and the benchmarks
page, where a manager imports a set (several councils' returns or an aggregate file) through a preview."""

import base64
import datetime
import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from objectives.benchmarks.aggregate import METHOD, min_councils
from objectives.benchmarks.forms import FORMATS, ConfirmForm, ReturnForm, SetUploadForm
from objectives.benchmarks.reading import read_files
from objectives.benchmarks.returns import as_csv, as_json, review_return
from objectives.imports import pending
from objectives.imports.views import NOT_STORED
from objectives.models import BenchmarkSet
from objectives.services.benchmarks import UNCHANGED, load, plan
from objectives.views.access import require_perm, visible_review_or_404
from scorecard.downloads import download_name, private_download

RETURN_PERM = "objectives.download_benchmark_return"
LOAD_PERM = "objectives.load_benchmark_set"


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only
def benchmark_return(request, key):
    """Download a published review's benchmark return; a draft has none (404: there is no such file to give)."""
    review = visible_review_or_404(request.user, key)
    require_perm(request.user, RETURN_PERM)
    form = ReturnForm(request.GET)
    if not review.is_published or not form.is_valid():
        raise Http404("A draft has no benchmark return: sign the review off first.")
    data = review_return(review, name_us=form.cleaned_data["name_us"])
    extension = form.cleaned_data["format"]
    content = as_json(data) if extension == "json" else as_csv(data)
    name = download_name("benchmark-return", review.framework.slug, review.year, extension=extension)
    return private_download(content, filename=name, content_type=FORMATS[extension])


def _bundle(files, *, source, as_at):
    """Return the upload's files and fields as one blob for `pending`: what is confirmed is what was previewed."""
    encoded = [[name, base64.b64encode(data).decode()] for name, data in files]
    return json.dumps({"source": source, "as_at": as_at and as_at.isoformat(), "files": encoded}).encode()


def _plan_of(data):
    bundle = json.loads(data)
    files = [(name, base64.b64decode(encoded)) for name, encoded in bundle["files"]]
    as_at = datetime.date.fromisoformat(bundle["as_at"]) if bundle["as_at"] else None
    return plan(read_files(files), source=bundle["source"], as_at=as_at)


@login_required
@require_http_methods(["GET", "POST"])
def set_list(request):
    """List the benchmark sets, and take several returns or an aggregate file to preview."""
    require_perm(request.user, LOAD_PERM)
    form = SetUploadForm(request.POST or None, request.FILES or None)
    problems = []
    if form.is_valid():
        source, as_at = form.cleaned_data["source"], form.cleaned_data["as_at"]
        data = _bundle(form.cleaned_data["files"], source=source, as_at=as_at)
        problems = _plan_of(data).problems
        if not problems:
            names = ", ".join(name for name, _ in form.cleaned_data["files"])
            try:
                key = pending.store(data, name=names[:300], user=request.user)
            except pending.NotStored:
                form.add_error("files", forms.ValidationError(NOT_STORED, code="not_stored"))
            else:
                return redirect("benchmarks:preview", key=key)
    sets = BenchmarkSet.objects.select_related("framework").order_by("-as_at", "source")
    context = {"form": form, "problems": problems, "sets": sets, "method": METHOD, "fewest": min_councils()}
    return render(request, "benchmarks/set_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def set_preview(request, key):
    """Show what importing the upload would write; write it when confirmed against the same figures."""
    require_perm(request.user, LOAD_PERM)
    upload = pending.load(key, user=request.user)
    planned = _plan_of(upload.data)
    if planned.problems:  # only if the catalogue changed since the upload
        messages.error(request, f"{upload.name} can no longer be imported: upload it again to see why.")
        return redirect("benchmarks:list")
    form = ConfirmForm(request.POST or None)
    if form.is_valid():
        if planned.action == UNCHANGED:
            messages.info(request, f"Nothing changed: {planned.existing} holds these figures already.")
            return redirect("benchmarks:list")
        if form.cleaned_data["fingerprint"] != planned.fingerprint:
            messages.warning(request, "Nothing was imported: the set changed since the preview. Check it again.")
        else:
            imported = load(planned, by=request.user)
            transaction.on_commit(lambda: pending.discard(upload))
            messages.success(request, f"Imported {imported}.")
            return redirect("benchmarks:list")
    items = planned.content["items"]
    context = {
        "upload": upload,
        "plan": planned,
        "items": items,
        "shown": sum(item["median"] is not None for item in items),
        "fewest": min_councils(),
        "form": ConfirmForm(initial={"fingerprint": planned.fingerprint}),
    }
    return render(request, "benchmarks/set_preview.html", context)
