"""The radar of the key areas' average scores, with their targets and the compared review's."""

import math

from reports.charts import svg
from reports.charts.chart import BAR, WIDTH, DataTable, extremes, fmt, key_rows, make_chart
from reports.charts.svg import GRID, SERIES, element, text


def radar_chart(groups, *, levels, compare_label=None, chart_id="radar", title="Key areas at a glance"):
    """Return a radar of the groups' average scores (with targets and the compared review's), or None under 3."""
    if len(groups) < 3:
        return None
    max_level = levels.top or 1
    n, cx, radius = len(groups), WIDTH / 2, 140
    cy = radius + 34

    def point(i, value):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * (value or 0) / max_level
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    def polygon(values):
        return " ".join(f"{svg.number(x)},{svg.number(y)}" for x, y in (point(i, v) for i, v in enumerate(values)))

    body = ""
    for level in range(1, max_level + 1):
        body += element("polygon", points=polygon([level] * n), fill="none", stroke="#c4c4c4")
        body += text(cx + 4, cy - radius * level / max_level + 12, level, font_size=11)
    for i in range(n):
        x, y = point(i, max_level)
        body += svg.line(cx, cy, x, y, stroke=GRID)
        lx, ly = point(i, max_level * (radius + 16) / radius)
        anchor = "start" if lx > cx + 5 else "end" if lx < cx - 5 else "middle"
        body += text(lx, ly + 5, _letter(i), font_weight="bold", text_anchor=anchor)
    series = [("Average score", [g.mean for g in groups], SERIES[0], BAR)]
    if any(g.mean_target is not None for g in groups):
        series.append(("Average target", [g.mean_target for g in groups], ("#000000", "6 4", "diamond"), "none"))
    if compare_label:
        series.append((f"Average in {compare_label}", [g.previous_mean for g in groups], SERIES[1], "none"))
    legend = []
    for name, values, (colour, dash, shape), fill in series:
        body += element(
            "polygon",
            points=polygon(values),
            fill=fill,
            fill_opacity=0.2 if fill != "none" else None,
            stroke=colour,
            stroke_width=2.5,
            stroke_dasharray=dash or None,
        )
        body += "".join(svg.marker(shape, *point(i, v), colour) for i, v in enumerate(values) if v is not None)
        legend.append((svg.series_swatch(colour, dash, shape), name, 30))
    labels_bottom = max(point(i, max_level * (radius + 16) / radius)[1] for i in range(n)) + 10
    legend_markup, legend_height = svg.legend(legend, 12, labels_bottom + 12, WIDTH - 24)
    body += legend_markup
    key, tops, key_bottom = key_rows(
        [(fmt(g.mean), g.name) for g in groups], value_x=34, top=labels_bottom + 12 + legend_height + 4
    )
    body += key + "".join(text(12, top + 14, _letter(i), font_weight="bold") for i, top in enumerate(tops))
    height = key_bottom + 8
    description = (
        f"A radar with one axis per key area, lettered A to {_letter(n - 1)}, from the centre (0) to level "
        f"{max_level}; the key below it names them. {extremes(groups)}"
    )
    columns = ["Key area", "Average score", "Average target"]
    columns += [f"Average in {compare_label}"] if compare_label else []
    rows = [
        [f"{_letter(i)}: {g.name}", fmt(g.mean), fmt(g.mean_target, "none set")]
        + ([fmt(g.previous_mean)] if compare_label else [])
        for i, g in enumerate(groups)
    ]
    return make_chart(chart_id, title, description, WIDTH, height, body, DataTable(columns, rows))


def _letter(i):
    return chr(ord("A") + i) if i < 26 else f"A{i - 25}"
