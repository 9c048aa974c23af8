"""The committee report of a review: its context, its HTML, and its PDF, cached against what it says."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from objectives.levels import Levels
from objectives.scorecard import review_scorecard
from reports import charts
from reports.figures import comparable_reviews, review_figures
from reports.pdf import html_to_pdf, stylesheet_digest

TEMPLATE = "reports/pdf/report.html"


@dataclass
class ThemePart:
    """One theme's page of the summary: its figures and charts."""

    figures: object
    charts: list


def filename(review, theme=None):
    """Name the download for what it is: procurement-scorecard-2021.pdf, or ...-2021-enablers.pdf."""
    return f"procurement-scorecard-{review.year}{f'-{theme.slug}' if theme else ''}.pdf"


def _theme_charts(group, figures):
    slug, levels = group.slug, figures.levels
    found = [
        # A whole review's summary has every key area's bars already; a theme's report needs its own.
        charts.score_target_chart(
            group.subgroups, levels=levels, chart_id=f"{slug}-targets", title=f"Mean score against target: {group.name}"
        )
        if figures.theme
        else None,
        charts.level_distribution_chart(
            group,
            levels=levels,
            label=f"{figures.review.year} review",
            chart_id=f"{slug}-levels",
            compare_label=f"{figures.compare_with.year} review" if figures.compare_with else None,
            title=f"Objectives at each level: {group.name}",
        ),
        charts.trend_chart(
            group.subgroups,
            years=figures.years,
            levels=levels,
            chart_id=f"{slug}-trend",
            title=f"Mean score of each key area by year: {group.name}",
        ),
    ]
    if len(figures.years) > 1:
        # One heatmap per key area: a whole theme's would not fit on a page.
        found += [
            charts.heatmap_chart(
                area.objectives,
                years=figures.years,
                levels=levels,
                chart_id=f"{slug}-{area.slug}-heatmap",
                title=f"Objectives by year: {area.name}",
            )
            for area in group.subgroups
        ]
    return [chart for chart in found if chart is not None]


def _overall_charts(figures):
    year, levels = figures.review.year, figures.levels
    compare_label = f"{figures.compare_with.year} review" if figures.compare_with else None
    found = [
        charts.score_target_chart(figures.key_areas, levels=levels, title=f"Mean score against target, {year}"),
        charts.radar_chart(figures.key_areas, levels=levels, compare_label=compare_label, title=f"Key areas, {year}"),
        charts.level_distribution_chart(
            figures.overall,
            levels=levels,
            label=f"{year} review",
            compare_label=compare_label,
            title=f"Objectives at each level, {year}",
        ),
        charts.trend_chart(
            figures.themes, years=figures.years, levels=levels, title="Mean score of each theme by year"
        ),
    ]
    return [chart for chart in found if chart is not None]


def report_context(review, *, user=None, theme=None):
    """Return everything the report template shows; `user` limits the earlier reviews to those they may see."""
    earlier = comparable_reviews(review, user=user)
    figures = review_figures(review, compare_with=earlier[0] if earlier else None, theme=theme, trend_reviews=earlier)
    sections = review_scorecard(review)
    if theme is not None:
        for section in sections:
            section.groups = [g for g in section.groups if g.key_area.theme_id == theme.pk]
        sections = [section for section in sections if section.groups]
    actions = {a.objective.number: a.actions for s in sections for g in s.groups for a in g.assessments}
    below_target = [(objective, actions.get(objective.number, "")) for objective in figures.overall.below_target]
    themes = [figures.overall] if theme else figures.themes
    scope = f"{review.year}, {theme.name}" if theme else str(review.year)
    overall_charts = [] if theme else _overall_charts(figures)
    title = f"Procurement scorecard {scope}: {settings.COUNCIL_NAME}"
    return {
        "review": review,
        "theme": theme,
        "figures": figures,
        "overall_charts": overall_charts,
        "theme_parts": [ThemePart(group, _theme_charts(group, figures)) for group in themes],
        "sections": sections,
        "below_target": below_target,
        "has_targets": any(o.target for o in figures.objectives),
        "level_names": Levels((level.number, level.name) for level in figures.levels),
        "title": title,
        "heading": f"Procurement Strategy Objectives {scope}",
        "subject": f"{review.framework.title}: {settings.COUNCIL_NAME}'s maturity scorecard for {scope}",
        "council_name": settings.COUNCIL_NAME,
        "generated": timezone.localdate(),
    }


def report_html(review, *, user=None, theme=None):
    return render_to_string(TEMPLATE, report_context(review, user=user, theme=theme))


def report_pdf(review, *, user=None, theme=None):
    """Return the report's PDF, rendering it only when its HTML differs from every report made before.

    The cache key is the hash of the final HTML and of the print stylesheet, so a report is never stale: any edit
    changes the HTML.
    """
    html = report_html(review, user=user, theme=theme)
    key = "report-pdf:" + hashlib.sha256(f"{stylesheet_digest()}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, timeout=settings.REPORT_CACHE_SECONDS)
    return pdf
