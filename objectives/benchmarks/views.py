"""The benchmark pages: a published review's return, downloaded by a manager from its dashboard, and the benchmarks
page, where a manager imports a set (several councils' returns or an aggregate file) through a preview."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.views.decorators.http import require_GET

from objectives.benchmarks.forms import FORMATS, ReturnForm
from objectives.benchmarks.returns import as_csv, as_json, review_return
from objectives.views.access import require_perm, visible_review_or_404
from scorecard.downloads import download_name, private_download

RETURN_PERM = "objectives.download_benchmark_return"


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
