"""The frameworks page: the catalogue's frameworks, and a framework or mapping file uploaded, previewed and loaded
(managers and staff: `load_framework`). The upload waits on the server between its preview and its confirmation
(`imports.pending`), so what is loaded is the file previewed, against the catalogue as it was previewed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from objectives.frameworks.forms import ConfirmForm, FrameworkFileForm
from objectives.frameworks.plans import Refused, Stale
from objectives.frameworks.reading import read
from objectives.imports import pending
from objectives.imports.views import NOT_STORED
from objectives.queries.frameworks import framework_rows
from objectives.services.frameworks import load, plan
from objectives.views.access import require_perm

LOAD_PERM = "objectives.load_framework"


@login_required
@require_http_methods(["GET", "POST"])
def framework_list(request):
    require_perm(request.user, LOAD_PERM)
    form = FrameworkFileForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        try:
            key = pending.store(form.data_bytes, name=form.cleaned_data["file"].name, user=request.user)
        except pending.NotStored:
            form.add_error("file", forms.ValidationError(NOT_STORED, code="not_stored"))
        else:
            return redirect("frameworks:preview", key=key)
    context = {"form": form, "problems": form.problems, "frameworks": framework_rows(request.user), "nav": "frameworks"}
    return render(request, "frameworks/framework_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def framework_preview(request, key):
    require_perm(request.user, LOAD_PERM)
    upload = pending.load(key, user=request.user)
    result = read(upload.data)
    if result.problems:  # only if the reader changed since the upload was read
        messages.error(request, f"{upload.name} no longer reads: upload it again to see why.")
        return redirect("frameworks:list")
    form = ConfirmForm(request.POST or None)
    if form.is_valid():
        try:
            loaded = load(result.content, fingerprint=form.cleaned_data["fingerprint"])
        except Stale as stale:
            planned = stale.plan
            messages.warning(
                request,
                "Nothing was loaded: the catalogue changed since the preview. Here is what the file would do now: "
                "check it and confirm again.",
            )
        except Refused:
            planned = plan(result.content)
        else:
            transaction.on_commit(lambda: pending.discard(upload))  # kept if the load does not commit
            messages.success(request, f"Loaded {upload.name}: {loaded.summary()}.")
            return redirect("frameworks:list")
    else:
        planned = plan(result.content)
    context = {
        "upload": upload,
        "plan": planned,
        "counts": planned.counts(),
        "form": ConfirmForm(initial={"fingerprint": planned.fingerprint}),
        "nav": "frameworks",
    }
    return render(request, "frameworks/framework_preview.html", context)
