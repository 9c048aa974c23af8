from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import render

from objectives.access import visible_review_or_404
from objectives.action_plan import action_figures
from objectives.models import Theme
from reports.charts.selection import charts_for
from reports.figures import comparable_reviews, review_figures
from reports.forms import DashboardForm, ThemeForm
from reports.report import filename, report_pdf
from scorecard.downloads import private_download


@login_required
@transaction.non_atomic_requests  # read-only: no transaction held open while it draws
def dashboard(request, year):
    """Show a review's figures and charts, for the whole review or one theme, against an earlier review."""
    review = visible_review_or_404(request.user, year)
    earlier = comparable_reviews(review, user=request.user)
    themes = list(Theme.objects.filter(framework_id=review.framework_id))
    form = DashboardForm(request.GET, themes=themes, earlier=earlier)
    if not form.is_valid():
        raise Http404("No such theme, or no such earlier review to compare with.")
    figures = review_figures(
        review,
        compare_with=form.cleaned_data["compare"],
        theme=form.cleaned_data["theme"],
        trend_reviews=earlier,
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
    return render(request, "reports/dashboard.html", context)


@login_required
@transaction.non_atomic_requests  # read-only: no transaction held open for the seconds WeasyPrint renders
def report(request, year):
    """Download the committee report of a review, or of one theme with ?theme=<slug>, as a PDF."""
    review = visible_review_or_404(request.user, year)
    form = ThemeForm(request.GET, themes=Theme.objects.filter(framework_id=review.framework_id))
    if not form.is_valid():
        raise Http404("No such theme.")
    theme = form.cleaned_data["theme"]
    pdf = report_pdf(review, earlier=comparable_reviews(review, user=request.user), theme=theme)
    return private_download(pdf, filename=filename(review, theme), content_type="application/pdf")
