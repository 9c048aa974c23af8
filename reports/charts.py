"""The charts of the dashboard and the committee report, drawn on the server as SVG from `reports.figures`.

Each function returns a Chart: its SVG markup (explicit width, height and viewBox, so WeasyPrint draws it as
the browser does), a title, a text description, and the data as a table for screen readers. Include it with
`{% include "reports/_chart.html" %}`. No chart tells anything by colour alone: values are written on it,
and series differ by dash and marker too.
"""

import base64
import math
from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from reports import svg
from reports.svg import GRID, INK, SERIES, element, fit, text

WIDTH = 440
BAR = "#0072B2"  # Okabe-Ito blue: 5:1 against white
PREVIOUS = "#D55E00"  # Okabe-Ito vermillion, for the review compared with


@dataclass
class DataTable:
    columns: list[str]  # header cells; the first heads the column of row headers
    rows: list[list[str]]  # each row's first cell is its header

    def html(self, caption):
        """Return the table as escaped HTML: built here rather than in a template, a heatmap's is large."""
        head = "".join(f'<th scope="col">{escape(str(c))}</th>' for c in self.columns)
        body = "".join(
            f'<tr><th scope="row">{escape(str(row[0]))}</th>{"".join(f"<td>{escape(str(c))}</td>" for c in row[1:])}'
            "</tr>"
            for row in self.rows
        )
        markup = (
            f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )
        return mark_safe(markup)  # noqa: S308 - every cell is escaped above


@dataclass
class Chart:
    id: str  # unique on a page: prefixes the ids inside the SVG
    title: str
    description: str
    svg: str  # safe markup
    table: DataTable
    width: int
    height: int

    @property
    def table_html(self):
        return self.table.html(f"Data of the chart: {self.title}")

    @property
    def print_url(self):
        """Return the SVG as a data: URL, its text in the report's font, for an <img> in the PDF.

        WeasyPrint draws an image's SVG without its HTML parser and its cascade seeing each element, as they do an
        inline <svg>'s: the demo report takes a sixth less time that way. The image is a tagged Figure in the PDF,
        with the <img>'s alt text.
        """
        markup = svg.with_font(self.svg, svg.PRINT_FONT)
        return "data:image/svg+xml;base64," + base64.b64encode(markup.encode()).decode("ascii")


def _chart(chart_id, title, description, width, height, body, table, defs=""):
    markup = svg.document(
        chart_id=chart_id, width=width, height=height, title=title, description=description, body=body, defs=defs
    )
    return Chart(chart_id, title, description, mark_safe(markup), table, int(width), int(height))  # noqa: S308


def fmt(value, missing="not scored"):
    """Return a mean as shown everywhere: two decimals, or `missing`."""
    return missing if value is None else f"{value:.2f}"


def score_target_chart(groups, *, levels, chart_id="score-target", title="Mean score against target"):
    """Return horizontal bars of each group's mean score, with a black mark at its mean target."""
    max_level = levels[-1].number if levels else 1
    x0, x1, row = 12, WIDTH - 16, 56
    scale = (x1 - x0) / max_level
    has_target = any(g.mean_target is not None for g in groups)
    legend = [(element("rect", width=16, height=16, fill=BAR), "Mean score")]
    if has_target:
        legend.append((_target_mark(8, 0, 16), "Mean target"))
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
        f"Horizontal bars from level 0 to {max_level}, one per key area, give the mean score"
        + (f", and a black mark the mean target; {below} of {len(groups)} are below it" if has_target else "")
        + f". {_extremes(groups)}"
        + ("" if has_target else " No targets are set.")
    )
    table = DataTable(
        ["Key area", "Mean score", "Mean target", "Objectives scored"],
        [[g.name, fmt(g.mean), fmt(g.mean_target, "none set"), f"{len(g.scored)} of {g.count}"] for g in groups],
    )
    return _chart(chart_id, title, description, WIDTH, height, body, table)


def _target_mark(x, y, length):
    return svg.line(x, y, x, y + length, stroke="#ffffff", stroke_width=7) + svg.line(
        x, y, x, y + length, stroke="#000000", stroke_width=3
    )


def radar_chart(groups, *, levels, compare_label=None, chart_id="radar", title="Key areas at a glance"):
    """Return a radar of the groups' mean scores (with targets and the compared review's), or None under 3."""
    if len(groups) < 3:
        return None
    max_level = levels[-1].number if levels else 1
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
    series = [("Mean score", [g.mean for g in groups], SERIES[0], BAR)]
    if any(g.mean_target is not None for g in groups):
        series.append(("Mean target", [g.mean_target for g in groups], ("#000000", "6 4", "diamond"), "none"))
    if compare_label:
        series.append((f"Mean in {compare_label}", [g.previous_mean for g in groups], SERIES[1], "none"))
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
    key_y = labels_bottom + 12 + legend_height + 4
    y = key_y
    for i, group in enumerate(groups):
        body += text(12, y + 14, _letter(i), font_weight="bold")
        body += text(34, y + 14, fmt(group.mean), font_weight="bold")
        for line in svg.wrap(group.name, 14, WIDTH - 84):
            body += text(76, y + 14, line)
            y += 19
        y += 3
    height = y + 8
    description = (
        f"A radar with one axis per key area, lettered A to {_letter(n - 1)}, from the centre (0) to level "
        f"{max_level}; the key below it names them. {_extremes(groups)}"
    )
    columns = ["Key area", "Mean score", "Mean target"] + ([f"Mean in {compare_label}"] if compare_label else [])
    rows = [
        [f"{_letter(i)}: {g.name}", fmt(g.mean), fmt(g.mean_target, "none set")]
        + ([fmt(g.previous_mean)] if compare_label else [])
        for i, g in enumerate(groups)
    ]
    return _chart(chart_id, title, description, WIDTH, height, body, DataTable(columns, rows))


def _extremes(groups):
    """Return a sentence naming the highest and the lowest mean of the groups."""
    scored = [g for g in groups if g.mean is not None]
    if not scored:
        return "None is scored yet."
    high, low = max(scored, key=lambda g: g.mean), min(scored, key=lambda g: g.mean)
    if high.mean == low.mean:
        return f"Each has a mean of {fmt(high.mean)}."
    return f"Highest: {high.name}, {fmt(high.mean)}. Lowest: {low.name}, {fmt(low.mean)}."


def _span(years):
    return f"the year {years[0]}" if len(years) == 1 else f"the years {years[0]} to {years[-1]}"


def _letter(i):
    return chr(ord("A") + i) if i < 26 else f"A{i - 25}"


def level_distribution_chart(
    group, *, levels, label="This review", compare_label=None, chart_id="levels", title="Objectives at each level"
):
    """Return bars of how many objectives are at each level (and not scored), beside the compared review's."""
    colours = svg.level_colours(len(levels))
    counts = [count for _level, count in group.level_counts] + [len(group.not_scored)]
    previous = [sum(1 for o in group.objectives if o.previous == level.number) for level in levels]
    labels = [(str(level.number), level.name) for level in levels] + [("Not", "scored")]
    hatch_id = f"{chart_id}-hatch"
    legend = [(element("rect", width=16, height=16, fill=colours[len(colours) // 2], stroke=INK), label)]
    if compare_label:
        legend.append((element("rect", width=16, height=16, fill="#ffffff", stroke=INK, stroke_width=2), compare_label))
    legend.append((element("rect", width=16, height=16, fill=f"url(#{hatch_id})", stroke=INK), "Not scored"))
    x0, x1 = 32, WIDTH - 4
    body, legend_height = svg.legend(legend, 12, 8, WIDTH - 24)
    top, plot_height = 8 + legend_height + 16, 170
    bottom = top + plot_height
    top_count = max(counts + (previous if compare_label else []) + [1])
    step = svg.nice_step(top_count)
    ceiling = step * math.ceil(top_count / step)
    for tick in range(0, ceiling + 1, step):
        y = bottom - plot_height * tick / ceiling
        body += svg.line(x0, y, x1, y, stroke="#c4c4c4" if tick else INK, stroke_dasharray="3 3" if tick else None)
        body += text(x0 - 6, y + 4, tick, font_size=12, text_anchor="end")
    band = (x1 - x0) / len(labels)
    bar = band * (0.36 if compare_label else 0.56)
    for i, (count, (label_top, label_bottom)) in enumerate(zip(counts, labels, strict=True)):
        centre = x0 + band * (i + 0.5)
        bars = [(count, colours[i] if i < len(levels) else f"url(#{hatch_id})", 1)]
        if compare_label and i < len(levels):
            bars.append((previous[i], "#ffffff", 2))
        left = centre - bar * len(bars) / 2
        for j, (value, fill, stroke_width) in enumerate(bars):
            h = plot_height * value / ceiling
            x = left + j * bar
            if value:
                body += element(
                    "rect", x=x, y=bottom - h, width=bar - 2, height=h, fill=fill, stroke=INK, stroke_width=stroke_width
                )
            body += text(x + bar / 2 - 1, bottom - h - 5, value, font_size=13, text_anchor="middle")
        body += text(centre, bottom + 18, label_top, font_weight="bold", text_anchor="middle")
        body += text(centre, bottom + 34, fit(label_bottom, 11, band), font_size=11, text_anchor="middle")
    height = bottom + 46
    summary = ", ".join(f"{count} at level {level}" for level, count in group.level_counts)
    description = f"Bars count the objectives at each level: {summary}, and {counts[-1]} not scored."
    columns = ["Level", label] + ([compare_label] if compare_label else [])
    rows = [
        [f"{lvl.number} {lvl.name}", str(counts[i])] + ([str(previous[i])] if compare_label else [])
        for i, lvl in enumerate(levels)
    ]
    rows.append(["Not scored", str(counts[-1])] + (["–"] if compare_label else []))
    defs = svg.hatch(hatch_id, background="#e6e6e6")
    return _chart(chart_id, title, description, WIDTH, height, body, DataTable(columns, rows), defs)


def trend_chart(groups, *, years, levels, chart_id="trend", title="Mean score by year"):
    """Return a line per group of its mean score in each year, a different dash and marker for each; None
    when there is only one year: a trend needs two."""
    if len(years) < 2:
        return None
    max_level = levels[-1].number if levels else 1
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
        body += text(x_of(i), bottom + 18, year, font_size=12, text_anchor="middle")
    body += text(12, bottom + 46, f"Mean in {years[-1]}:", font_size=13)
    legend_y = bottom + 54
    for n, group in enumerate(groups):
        colour, dash, shape = SERIES[n % len(SERIES)]
        dodge = (n - (len(groups) - 1) / 2) * 3  # equal means side by side, not hidden behind each other
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
        body += element("g", svg.series_swatch(colour, dash, shape), transform=f"translate(12,{svg.number(legend_y)})")
        body += text(50, legend_y + 13, fmt(group.trend.get(years[-1])), font_weight="bold")
        for line in svg.wrap(group.name, 14, WIDTH - 100):
            body += text(92, legend_y + 13, line)
            legend_y += 19
        legend_y += 3
    height = legend_y + 6
    description = (
        f"A line for each mean score from {years[0]} to {years[-1]}, on levels 0 to {max_level}. "
        + "; ".join(
            f"{g.name}: {fmt(g.trend.get(years[0]), 'none')} in {years[0]}, {fmt(g.trend.get(years[-1]), 'none')} in "
            f"{years[-1]}"
            for g in groups
        )
    )
    rows = [[g.name] + [fmt(g.trend.get(year), "–") for year in years] for g in groups]
    return _chart(chart_id, title, description, WIDTH, height, body, DataTable(["", *map(str, years)], rows))


def heatmap_chart(objectives, *, years, levels, chart_id="heatmap", title="Each objective's score by year"):
    """Return a grid of objectives (rows) against years (columns), each cell coloured and numbered by level."""
    colours = dict(zip((level.number for level in levels), svg.level_colours(len(levels)), strict=True))
    label_width, cell_w, cell_h = 230, 44, 22
    width = max(WIDTH, label_width + len(years) * cell_w + 8)
    hatch_id = f"{chart_id}-hatch"
    legend = [
        (element("rect", width=16, height=16, fill=colours[level.number], stroke=INK), str(level)) for level in levels
    ]
    legend.append((element("rect", width=16, height=16, fill=f"url(#{hatch_id})", stroke=INK), "Not scored"))
    legend.append((element("rect", width=16, height=16, fill="#ffffff", stroke="#9a9a9a"), "Not in that review"))
    body, legend_height = svg.legend(legend, 8, 8, width - 16)
    header_y = 8 + legend_height + 16
    top = header_y + 8
    body += "".join(
        text(label_width + j * cell_w + cell_w / 2, header_y, year, font_size=12, text_anchor="middle")
        for j, year in enumerate(years)
    )
    # Rows are groups moved into place, so every cell of a column and score is the same markup: made once here.
    cells = [_heatmap_cells(label_width + j * cell_w, cell_w, cell_h, colours, hatch_id) for j in range(len(years))]
    rows = []
    for i, objective in enumerate(objectives):
        label = escape(fit(f"#{objective.number} {objective.title}", 13, label_width - 12))
        history = objective.history
        row = "".join(cells[j].get(history.get(year, "absent"), "") for j, year in enumerate(years))
        rows.append(f'<g transform="translate(0,{top + i * cell_h})"><text x="8" y="15">{label}</text>{row}</g>')
    body += element("g", "".join(rows), font_size=13, fill=INK)
    height = top + len(objectives) * cell_h + 8
    description = (
        f"A grid of {len(objectives)} objectives against {_span(years)}; each cell shows the "
        "level scored that year, written in it and coloured from light (low) to dark (high); a hatched cell is not "
        "scored and a blank one not in that year's review."
    )
    rows = [[f"#{o.number} {o.title}"] + [_score_cell(o.history, year) for year in years] for o in objectives]
    table = DataTable(["Objective", *map(str, years)], rows)
    defs = svg.hatch(hatch_id, background="#ffffff")
    return _chart(chart_id, title, description, width, height, body, table, defs)


def _heatmap_cells(x, w, h, colours, hatch_id):
    """Return the markup of one heatmap column's cell for each score, for None (not scored) and "absent"."""
    rect = f'<rect x="{x}" width="{w}" height="{h}"'
    cells = {
        "absent": f'{rect} fill="#ffffff" stroke="#9a9a9a"/>',
        None: f'{rect} fill="url(#{hatch_id})" stroke="#ffffff"/>',
    }
    for score, fill in colours.items():
        cells[score] = (
            f'{rect} fill="{fill}" stroke="#ffffff"/><text x="{svg.number(x + w / 2)}" y="15.5" '
            f'fill="{svg.text_colour_on(fill)}" font-weight="bold" text-anchor="middle">{score}</text>'
        )
    return cells


def _score_cell(history, year):
    if year not in history:
        return "not in review"
    return "not scored" if history[year] is None else str(history[year])


def dashboard_charts(figures):
    """Return the charts of a ReviewFigures, in reading order: they cover its key areas, or its themes' trend."""
    year, compare = figures.review.year, figures.compare_with
    compare_label = f"{compare.year} review" if compare else None
    scope = f"{figures.overall.name}, {year}" if figures.theme else str(year)
    charts = [
        score_target_chart(figures.key_areas, levels=figures.levels, title=f"Mean score against target, {scope}"),
        radar_chart(figures.key_areas, levels=figures.levels, compare_label=compare_label, title=f"Key areas, {scope}"),
        level_distribution_chart(
            figures.overall,
            levels=figures.levels,
            label=f"{year} review",
            compare_label=compare_label,
            title=f"Objectives at each level, {scope}",
        ),
        trend_chart(
            figures.overall.subgroups,
            years=figures.years,
            levels=figures.levels,
            title=f"Mean score of each {'key area' if figures.theme else 'theme'} by year",
        ),
        heatmap_chart(figures.objectives, years=figures.years, levels=figures.levels, title="Objectives by year"),
    ]
    return [chart for chart in charts if chart is not None]
