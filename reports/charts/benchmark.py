"""Box and whiskers: each key area's spread of scores in a benchmark set, with the council's own score marked."""

from reports.charts import svg
from reports.charts.chart import BAR, WIDTH, DataTable, fmt, make_chart
from reports.charts.svg import INK, element, fit, text

OURS = "#D55E00"  # Okabe-Ito vermilion: the council's own mark, a diamond as well as a colour
BOX = "#cfe3f3"


def _table(standings, name_column):
    rows = []
    for s in standings:
        if s.figures is None:
            rows.append([s.name, fmt(s.score), *[""] * 6, s.words])
        else:
            rows.append([s.name, fmt(s.score), str(s.count), *(fmt(v) for v in s.figures), s.words])
    columns = [name_column, "Our score", "Councils", "Minimum", "Lower quartile", "Median", "Upper quartile"]
    return DataTable([*columns, "Maximum", "Where we stand"], rows)


def standing_table(standings, name_column="Objective"):
    return _table(standings, name_column)


def benchmark_chart(comparison, *, levels, chart_id="benchmark", title=None):
    """Return the key areas' boxes (lower to upper quartile, a bar at the median, whiskers to the minimum and
    maximum) on the framework's scale, the council's score a diamond; a key area of too few councils says so."""
    title = title or "Our scores against the benchmark"
    standings = comparison.key_areas
    low, high = min(levels, default=0), levels.top or 1
    x0, x1, row = 16, WIDTH - 16, 52
    scale = (x1 - x0) / max(high - low, 1)

    def at(value):
        return x0 + (value - low) * scale

    legend = [
        (element("rect", y=2, width=16, height=12, fill=BOX, stroke=BAR), "Middle half of councils"),
        (svg.marker("diamond", 8, 8, OURS, 6), "Our score"),
    ]
    body, legend_height = svg.legend(legend, x0, 8, x1 - x0)
    axis_y = 8 + legend_height + 14
    top = axis_y + 10
    height = top + row * len(standings) + 6
    for level in range(low, high + 1):
        body += text(at(level), axis_y, level, font_size=12, text_anchor="middle")
    for i, s in enumerate(standings):
        y = top + i * row
        words = s.words
        body += text(x1, y + 16, words, font_size=13, text_anchor="end")
        body += text(x0, y + 16, fit(s.name, 14, x1 - x0 - svg.text_width(words, 13) - 12))
        mid = y + 34
        for level in range(low, high + 1):
            body += svg.line(at(level), mid - 12, at(level), mid + 12, stroke="#c4c4c4", stroke_dasharray="3 3")
        if s.figures is not None:
            minimum, lower, median, upper, maximum = s.figures
            body += svg.line(at(minimum), mid, at(maximum), mid, stroke=INK, stroke_width=1.5)
            for end in (minimum, maximum):
                body += svg.line(at(end), mid - 6, at(end), mid + 6, stroke=INK, stroke_width=1.5)
            body += element(
                "rect", x=at(lower), y=float(mid - 9), width=max((upper - lower) * scale, 1), height=18, fill=BOX
            )
            body += element(
                "rect",
                x=at(lower),
                y=float(mid - 9),
                width=max((upper - lower) * scale, 1),
                height=18,
                fill="none",
                stroke=BAR,
                stroke_width=1.5,
            )
            body += svg.line(at(median), mid - 9, at(median), mid + 9, stroke=INK, stroke_width=3)
        if s.score is not None:
            body += svg.marker("diamond", at(s.score), mid, OURS, 6)
    shown = comparison.shown
    description = (
        f"One row per key area on the scale {low} to {high}: a box from the lower to the upper quartile of "
        f"{comparison.set.source}'s councils, a bar at the median, whiskers to the lowest and highest, and our score "
        f"a diamond. {len(shown)} of {len(standings)} key areas have enough councils to show"
        + "".join(f"; {s.name}: {s.words}" for s in shown)
        + "."
        + (f" {comparison.derived_note}" if comparison.derived_from else "")
    )
    return make_chart(chart_id, title, description, WIDTH, height, body, _table(standings, "Key area"))
