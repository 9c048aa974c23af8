"""The lines of each group's average score year by year."""

from reports.charts import svg
from reports.charts.chart import WIDTH, DataTable, fmt, key_rows, make_chart
from reports.charts.svg import INK, SERIES, element, text

GROUP_HEADINGS = {"theme": "Theme", "key_area": "Key area", "review": "Review"}


def trend_chart(
    groups, *, years, levels, chart_id="trend", title="Average score by year", derived=frozenset(), derived_from=()
):
    """Return a line per group of its average score in each year, a different dash and marker for each; None
    when there is only one year: a trend needs two.

    derived: the years whose averages are an earlier version's scores read through the mappings (`derived_from`
    names it): their labels carry an asterisk, and the chart's note and description say what it means."""
    if len(years) < 2:
        return None
    max_level = levels.top or 1
    x0, x1, top, plot_height = 40, WIDTH - 24, 14, 180
    bottom = top + plot_height

    def x_of(index):
        return x0 + (x1 - x0) * index / (len(years) - 1)

    def y_of(value):
        return bottom - plot_height * value / max_level

    body = ""
    for level in range(max_level + 1):
        body += svg.line(x0, y_of(level), x1, y_of(level), stroke="#c4c4c4" if level else INK, stroke_dasharray="3 3")
        body += text(x0 - 8, y_of(level) + 4, level, font_size=12, text_anchor="end")
    for i, year in enumerate(years):
        body += text(x_of(i), bottom + 18, f"{year}*" if year in derived else year, font_size=12, text_anchor="middle")
    note = derived_note(derived, derived_from)
    shift = 16 if note else 0  # the note's line, between the years and the key
    if note:
        body += text(12, bottom + 38, note, font_size=11)
    body += text(12, bottom + 46 + shift, f"Average in {years[-1]}:", font_size=13)
    for n, group in enumerate(groups):
        colour, dash, shape = SERIES[n % len(SERIES)]
        dodge = (n - (len(groups) - 1) / 2) * 3  # equal averages side by side, not hidden behind each other
        points = [
            (x_of(i) + dodge, y_of(group.trend[year]))
            for i, year in enumerate(years)
            if group.trend.get(year) is not None
        ]
        if len(points) > 1:
            body += element(
                "polyline",
                points=svg.points(*points),
                fill="none",
                stroke=colour,
                stroke_width=2.5,
                stroke_dasharray=dash or None,
            )
        body += "".join(svg.marker(shape, x, y, colour) for x, y in points)
    key, tops, key_bottom = key_rows(
        [(fmt(g.trend.get(years[-1])), g.name) for g in groups], value_x=50, top=bottom + 54 + shift
    )
    for n, top in enumerate(tops):
        swatch = svg.series_swatch(*SERIES[n % len(SERIES)])
        body += element("g", swatch, transform=f"translate(12,{svg.number(top + 1)})")
    body += key
    height = key_bottom + 6
    description = (
        f"A line for each average score from {years[0]} to {years[-1]}, on levels 0 to {max_level}. "
        + "; ".join(
            f"{g.name}: {fmt(g.trend.get(years[0]), 'none')} in {years[0]}, {fmt(g.trend.get(years[-1]), 'none')} in "
            f"{years[-1]}"
            for g in groups
        )
        + (f". {note}" if note else "")
    )
    rows = [[g.name] + [fmt(g.trend.get(year), "–") for year in years] for g in groups]
    heading = GROUP_HEADINGS.get(getattr(groups[0], "kind", None), "Group") if groups else "Group"
    columns = [f"{year}*" if year in derived else str(year) for year in years]
    return make_chart(chart_id, title, description, WIDTH, height, body, DataTable([heading, *columns], rows))


def derived_note(derived, derived_from):
    """Say which years are derived and from what: "* 2019, 2020: derived from NPS 2018 through the mapping"."""
    if not derived:
        return ""
    years = ", ".join(str(year) for year in sorted(derived))
    return f"* {years}: derived from {' and '.join(derived_from)} through the mapping, not scored against this version"
