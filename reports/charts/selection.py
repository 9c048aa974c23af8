"""Which charts a scope shows: on screen (the dashboard), and in the committee pack's summary.

Where a chart would have nothing to show, a NoChart takes its place and the pages print its sentence instead.
"""

from reports.charts.chart import NoChart
from reports.charts.heatmap import heatmap_chart
from reports.charts.level_distribution import level_distribution_chart
from reports.charts.radar import radar_chart
from reports.charts.score_target import score_target_chart, title_for
from reports.charts.trend import trend_chart


def charts_for(figures):
    """Return the dashboard's charts of a ReviewFigures in reading order, a NoChart for each left out.

    The scope is the figures' own: the whole review, or one theme; it has five charts. A scope with nothing scored
    has one NoChart for the charts of its scores. The committee pack has two of them (`summary_charts`).
    """
    return [chart for chart in _scope_charts(figures) if chart is not None]


def _compare_label(figures):
    return f"{figures.compare_with.year} review" if figures.compare_with else None


def _subject(figures, group):
    """Name a group in a sentence: "the 2021 review", or the theme's or key area's name."""
    return f"the {figures.review.year} review" if group.kind == "review" else group.name


def _levels_chart(figures, group, **naming):
    label, compare_label = f"{figures.review.year} review", _compare_label(figures)
    return level_distribution_chart(group, levels=figures.levels, label=label, compare_label=compare_label, **naming)


def _nothing_scored(figures, group, chart_id):
    """Return the NoChart standing for every chart of a group's scores, when it has none yet."""
    subject = _subject(figures, group)
    if not group.count:
        return NoChart(chart_id, f"No charts: {subject} has no objectives in the {figures.review.year} review.")
    return NoChart(chart_id, f"No charts of the scores yet: no objective of {subject} is scored.")


def _radar(figures, scope, compare_label):
    areas = figures.key_areas
    if len(areas) < 3:
        counted = f"{len(areas)} key area{'' if len(areas) == 1 else 's'}"
        subject = _subject(figures, figures.overall)
        return NoChart(
            "radar", f"No chart comparing the key areas: {subject} has {counted}, and it takes three or more."
        )
    return radar_chart(areas, levels=figures.levels, compare_label=compare_label, title=f"Key areas, {scope}")


def _trend(figures, groups, *, chart_id, title):
    """Return the trend of the groups' means, or a NoChart when fewer than two of the years have any."""
    scored = [year for year in figures.years if any(g.trend.get(year) is not None for g in groups)]
    if len(scored) >= 2:
        return trend_chart(
            groups,
            years=figures.years,
            levels=figures.levels,
            chart_id=chart_id,
            title=title,
            derived=figures.derived_years,
            derived_from=figures.derived_from,
        )
    if len(figures.years) == 1:
        why = f"the {figures.review.year} review is the first"
    else:
        why = f"only the {scored[0]} review has scores" if scored else "no review has scores"
    return NoChart(chart_id, f"No trend by year: {why}, and a trend needs two.")


def _heatmap(figures, group, *, chart_id, title):
    """Return the heatmap of a group's objectives, or a NoChart when none is scored in any of the years."""
    if any(score is not None for o in group.objectives for score in o.history.values()):
        years = [year for year in figures.years if year not in figures.derived_years]  # objectives' own years
        return heatmap_chart(group.objectives, years=years, levels=figures.levels, chart_id=chart_id, title=title)
    return NoChart(chart_id, f"No grid of scores by year: no objective of {group.name} has been scored yet.")


def _scope_charts(figures):
    levels, overall = figures.levels, figures.overall
    scope = f"{overall.name}, {figures.review.year}" if figures.theme else str(figures.review.year)
    subgroups = "key area" if figures.theme else "theme"
    grid = _heatmap(figures, overall, chart_id="heatmap", title="Objectives by year")
    if not overall.scored:
        return [_nothing_scored(figures, overall, "nothing-scored"), grid]
    return [
        score_target_chart(figures.key_areas, levels=levels, title=f"{title_for(figures.key_areas)}, {scope}"),
        _radar(figures, scope, _compare_label(figures)),
        _levels_chart(figures, overall, title=f"Objectives at each level, {scope}"),
        _trend(figures, overall.subgroups, chart_id="trend", title=f"Average score of each {subgroups} by year"),
        grid,
    ]


def summary_charts(figures):
    """Return the committee pack's two charts, or the sentence that stands for each left out.

    The score against target by key area (left out for a single key area), and the levels against the review
    compared with (left out when there is none). A scope with nothing scored has one sentence for both.
    """
    overall, year = figures.overall, figures.review.year
    if not overall.scored:
        return [_nothing_scored(figures, overall, "nothing-scored")]
    scope = f"{overall.name}, {year}" if figures.theme else str(year)
    areas = figures.key_areas
    if len(areas) > 1:
        bars = score_target_chart(areas, levels=figures.levels, title=f"{title_for(areas)}, {scope}")
    else:
        named = f": {areas[0].name}" if areas else ""
        bars = NoChart("targets", f"No chart of the key areas: {_subject(figures, overall)} has one key area{named}.")
    if figures.compare_with:
        title = f"Objectives at each level, {year} against {figures.compare_with.year}"
        levels = _levels_chart(figures, overall, title=title)
    else:
        levels = NoChart(
            "levels", f"No comparison of the levels with last year: there is no review before {year} to compare with."
        )
    return [bars, levels]
