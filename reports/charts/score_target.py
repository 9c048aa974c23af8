"""The bars of each key area's average score against its average target."""

from reports.charts import svg
from reports.charts.chart import BAR, WIDTH, DataTable, extremes, fmt, make_chart
from reports.charts.svg import INK, element, fit, text


def title_for(groups):
    """Return what the bars show: against target only where a target is set."""
    has_target = any(g.mean_target is not None for g in groups)
    return "Average score against target" if has_target else "Average score by key area"


def score_target_chart(groups, *, levels, chart_id="score-target", title=None):
    """Return horizontal bars of each group's average score, with a black mark at its average target."""
    title = title or title_for(groups)
    max_level = levels.top or 1
    x0, x1, row = 12, WIDTH - 16, 56
    scale = (x1 - x0) / max_level
    has_target = any(g.mean_target is not None for g in groups)
    legend = [(element("rect", width=16, height=16, fill=BAR), "Average score")]
    if has_target:
        legend.append((_target_mark(8, 0, 16), "Average target"))
    body, legend_height = svg.legend(legend, x0, 8, x1 - x0)
    axis_y = 8 + legend_height + 14
    top = axis_y + 10
    height = top + row * len(groups) + 6
    levels_x = [x0 + level * scale for level in range(max_level + 1)]
    for level, x in enumerate(levels_x):
        body += text(x, axis_y, level, font_size=12, text_anchor="middle")
    for i, group in enumerate(groups):
        y = top + i * row
        target = f"target {fmt(group.mean_target)}" if group.mean_target is not None else ""
        body += text(x1, y + 16, target, font_size=13, text_anchor="end")
        # Clear of the axis line at x0, which would otherwise run through the first letter.
        body += text(x0 + 6, y + 16, fit(group.name, 14, x1 - x0 - svg.text_width(target, 13) - 18))
        bar_y = y + 23
        # The level lines run through the bar's band only, so that none crosses a key area's name.
        for x in levels_x:
            body += svg.line(x, bar_y - 3, x, bar_y + 25, stroke="#c4c4c4", stroke_dasharray="3 3")
        if group.mean is not None:
            body += element("rect", x=float(x0), y=float(bar_y), width=group.mean * scale, height=22, fill=BAR)
        # The score is written at the start of its bar, where the target mark (1 level on at least) never falls.
        colour = "#ffffff" if group.mean is not None else INK
        body += text(x0 + 6, bar_y + 16, fmt(group.mean), font_weight="bold", fill=colour)
        if group.mean_target is not None:
            body += _target_mark(x0 + group.mean_target * scale, bar_y - 4, 30)
    body += svg.line(x0, top - 4, x0, height - 6, stroke=INK)
    below = sum(1 for g in groups if None not in (g.mean, g.mean_target) and g.mean < g.mean_target)
    description = (
        f"Horizontal bars from level 0 to {max_level}, one per key area, give the average score"
        + (f", and a black mark the average target; {below} of {len(groups)} are below it" if has_target else "")
        + f". {extremes(groups)}"
        + ("" if has_target else " No targets are set.")
    )
    table = DataTable(
        ["Key area", "Average score", "Average target", "Objectives scored"],
        [[g.name, fmt(g.mean), fmt(g.mean_target, "none set"), f"{len(g.scored)} of {g.count}"] for g in groups],
    )
    return make_chart(chart_id, title, description, WIDTH, height, body, table)


def _target_mark(x, y, length):
    return svg.line(x, y, x, y + length, stroke="#ffffff", stroke_width=7) + svg.line(
        x, y, x, y + length, stroke="#000000", stroke_width=3
    )
