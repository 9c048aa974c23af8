from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from objectives.benchmarks.aggregate import min_councils
from objectives.models import Assessment, Theme
from objectives.queries.benchmarks import benchmark_for
from objectives.queries.figures import review_figures
from objectives.queries.moderation import flagged
from objectives.rules.scoring import earlier_versions, reviews_to_compare
from objectives.views.access import visible_review_or_404
from reports.actions import action_figures
from reports.benchmarks import comparison
from reports.charts.benchmark import benchmark_chart, standing_table
from reports.charts.selection import charts_for
from reports.forms import DashboardForm, ThemeForm
from reports.report import (
    action_plan_docx,
    action_plan_filename,
    action_plan_pdf,
    filename,
    report_docx,
    report_pdf,
)
from scorecard.downloads import private_download


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open while it draws
def dashboard(request, key):
    """Show a review's figures and charts, for the whole review or one theme, against an earlier review."""
    review = visible_review_or_404(request.user, key)
    earlier = reviews_to_compare(review, user=request.user)
    in_review = Assessment.objects.filter(review=review, objective__key_area__theme=OuterRef("pk"))
    themes = Theme.objects.filter(framework_id=review.framework_id).annotate(in_review=Exists(in_review))
    form = DashboardForm(request.GET, themes=list(themes), earlier=earlier)
    if not form.is_valid():
        raise Http404("No such theme, or no such earlier review to compare with.")
    figures = review_figures(
        review,
        compare_with=form.cleaned_data["compare"],
        theme=form.cleaned_data["theme"],
        trend_reviews=[*earlier, *earlier_versions(review, user=request.user)],
    )
    charts = charts_for(figures)
    context = {
        "review": review,
        "form": form,
        "figures": figures,
        "charts": [chart for chart in charts if chart.drawn],
        "chart_notes": [chart for chart in charts if not chart.drawn],  # said above the charts, the why of each gap
    }
    context["action_figures"] = action_figures(review, theme=form.cleaned_data["theme"])
    context["flagged"] = flagged(review, user=request.user, theme=form.cleaned_data["theme"])
    context["flag_levels"] = settings.SCORECARD_SPREAD_FLAG_LEVELS
    context.update(_where_we_stand(request.user, figures))
    return render(request, "reports/dashboard.html", context)


def _where_we_stand(user, figures):
    """Return the benchmark's context: for the procurement team only (committee members read it in the pack)."""
    if not user.has_perm("objectives.view_draft_review"):
        return {}
    compared = comparison(figures, benchmark_for(figures.review))
    if compared is None:
        return {"show_benchmark": True, "benchmark": None}
    chart = benchmark_chart(compared, levels=figures.levels) if compared.key_areas else None
    table = standing_table(compared.objectives).html("Each objective's score against the benchmark")
    return {
        "show_benchmark": True,
        "benchmark": compared,
        "benchmark_chart": chart,
        "benchmark_objectives": table,
        "benchmark_fewest": min_councils(),
    }


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX}


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only: no transaction held open for the seconds a pack renders
def report(request, key, extension="pdf"):
    """Download the committee pack of a review, or of one theme with ?theme=<slug>, as a PDF or a Word document."""
    review = visible_review_or_404(request.user, key)
    form = ThemeForm(request.GET, themes=Theme.objects.filter(framework_id=review.framework_id))
    if not form.is_valid():
        raise Http404("No such theme.")
    theme = form.cleaned_data["theme"]
    earlier = reviews_to_compare(review, user=request.user)
    render = report_docx if extension == "docx" else report_pdf
    content = render(review, earlier=earlier, theme=theme)
    name = filename(review, theme, extension=extension)
    return private_download(content, filename=name, content_type=CONTENT_TYPES[extension])


@login_required
@require_GET
@transaction.non_atomic_requests  # read-only, as the pack
def action_plan_report(request, key, extension="pdf"):
    """Download the review's action plan as a paper of its own, as at today: a PDF or a Word document."""
    review = visible_review_or_404(request.user, key)
    content = action_plan_docx(review) if extension == "docx" else action_plan_pdf(review)
    name = action_plan_filename(review, extension=extension)
    return private_download(content, filename=name, content_type=CONTENT_TYPES[extension])
