"""Which charts a scope shows, on screen (the dashboard) and on paper (the committee report)."""

from reports.charts.heatmap import heatmap_chart
from reports.charts.level_distribution import level_distribution_chart
from reports.charts.radar import radar_chart
from reports.charts.score_target import score_target_chart
from reports.charts.trend import trend_chart

SCREEN, PAPER = "screen", "paper"


def charts_for(figures, *, medium=SCREEN, part=None):
    """Return the charts of a ReviewFigures in reading order, as `medium` shows them.

    The scope is the figures' own: the whole review, or one theme. On screen it has five charts. On paper the
    summary (part=None) has them less the heatmap, and each theme's part of the report (`part`, a theme's
    GroupFigures) has its own: its level counts, its trend, and a heatmap per key area, since a whole theme's would
    not fit on a page. A theme's report has only that part, so the bars of its key areas go there too.
    """
    if medium == PAPER and part is not None:
        charts = _part_charts(figures, part)
    elif medium == PAPER and figures.theme:
        charts = []
    else:
        charts = _scope_charts(figures, heatmap=medium == SCREEN)
    return [chart for chart in charts if chart is not None]


def _compare_label(figures):
    return f"{figures.compare_with.year} review" if figures.compare_with else None


def _levels_chart(figures, group, **naming):
    label, compare_label = f"{figures.review.year} review", _compare_label(figures)
    return level_distribution_chart(group, levels=figures.levels, label=label, compare_label=compare_label, **naming)


def _scope_charts(figures, *, heatmap):
    levels, overall = figures.levels, figures.overall
    scope = f"{overall.name}, {figures.review.year}" if figures.theme else str(figures.review.year)
    subgroups = "key area" if figures.theme else "theme"
    return [
        score_target_chart(figures.key_areas, levels=levels, title=f"Mean score against target, {scope}"),
        radar_chart(
            figures.key_areas, levels=levels, compare_label=_compare_label(figures), title=f"Key areas, {scope}"
        ),
        _levels_chart(figures, overall, title=f"Objectives at each level, {scope}"),
        trend_chart(
            overall.subgroups, years=figures.years, levels=levels, title=f"Mean score of each {subgroups} by year"
        ),
        heatmap_chart(figures.objectives, years=figures.years, levels=levels, title="Objectives by year")
        if heatmap
        else None,
    ]


def _part_charts(figures, theme):
    slug, axes = theme.slug, {"years": figures.years, "levels": figures.levels}
    charts = [
        score_target_chart(
            theme.subgroups,
            levels=figures.levels,
            chart_id=f"{slug}-targets",
            title=f"Mean score against target: {theme.name}",
        )
        if figures.theme
        else None,
        _levels_chart(figures, theme, chart_id=f"{slug}-levels", title=f"Objectives at each level: {theme.name}"),
        trend_chart(
            theme.subgroups,
            **axes,
            chart_id=f"{slug}-trend",
            title=f"Mean score of each key area by year: {theme.name}",
        ),
    ]
    if len(figures.years) > 1:
        charts += [
            heatmap_chart(
                area.objectives,
                **axes,
                chart_id=f"{slug}-{area.slug}-heatmap",
                title=f"Objectives by year: {area.name}",
            )
            for area in theme.subgroups
        ]
    return charts
