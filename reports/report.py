"""The committee report of a review: its context, its HTML, and its PDF, cached against what it says."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from objectives import rag
from objectives.action_plan import with_rag
from objectives.evidence import evidence_appendix
from objectives.levels import Levels
from objectives.models import Action
from objectives.scorecard import review_scorecard
from reports.charts.selection import PAPER, charts_for
from reports.figures import review_figures
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


def report_context(review, *, earlier, theme=None):
    """Return everything the report template shows.

    earlier: the reviews it may compare with and show in its trends, newest first (`comparable_reviews`): those its
    reader may see.
    """
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
    title = f"Procurement scorecard {scope}: {settings.COUNCIL_NAME}"
    return {
        "review": review,
        "theme": theme,
        "figures": figures,
        "overall_charts": charts_for(figures, medium=PAPER),
        "theme_parts": [ThemePart(group, charts_for(figures, medium=PAPER, part=group)) for group in themes],
        "sections": sections,
        "below_target": below_target,
        "action_plan": with_rag(Action.objects.for_plan(review).in_theme(theme)),
        "evidence_appendix": evidence_appendix(review, theme=theme),
        "has_targets": any(o.target for o in figures.objectives),
        "level_names": Levels((level.number, level.name) for level in figures.levels),
        "title": title,
        "heading": f"Procurement Strategy Objectives {scope}",
        "subject": f"{review.framework.title}: {settings.COUNCIL_NAME}'s maturity scorecard for {scope}",
        "council_name": settings.COUNCIL_NAME,
        "generated": timezone.localdate(),
        "rag_due_soon_days": rag.due_soon_days(),
        "rag_stale_days": rag.stale_days(),
    }


def report_html(review, *, earlier, theme=None):
    return render_to_string(TEMPLATE, report_context(review, earlier=earlier, theme=theme))


def report_pdf(review, *, earlier, theme=None):
    """Return the report's PDF, rendering it only when its HTML differs from every report made before.

    The cache key is the hash of the final HTML and of the print stylesheet, so a report is never stale: any edit
    changes the HTML.
    """
    html = report_html(review, earlier=earlier, theme=theme)
    key = "report-pdf:" + hashlib.sha256(f"{stylesheet_digest()}\n{html}".encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = html_to_pdf(html)
        cache.set(key, pdf, timeout=settings.REPORT_CACHE_SECONDS)
    return pdf
