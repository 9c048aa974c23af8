"""The bars of how many objectives are at each level, beside the compared review's."""

import math

from reports.charts import svg
from reports.charts.chart import WIDTH, DataTable, make_chart
from reports.charts.svg import INK, element, fit, text


def level_distribution_chart(
    group, *, levels, label="This review", compare_label=None, chart_id="levels", title="Objectives at each level"
):
    """Return bars of how many objectives are at each level (and not scored), beside the compared review's."""
    colours = svg.level_colours(len(levels))
    counts = [count for _number, _name, count in group.level_counts] + [len(group.not_scored)]
    previous = [sum(1 for o in group.applicable if o.previous == number) for number in levels]
    labels = [(str(number), name) for number, name in levels.items()] + [("Not", "scored")]
    hatch_id = f"{chart_id}-hatch"
    legend = [(_levels_swatch(colours), label, 30)]
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
    summary = ", ".join(f"{count} at level {levels.label(number)}" for number, _name, count in group.level_counts)
    description = f"Bars count the objectives at each level: {summary}, and {counts[-1]} not scored."
    columns = ["Level", label] + ([compare_label] if compare_label else [])
    rows = [
        [levels.label(number), str(counts[i])] + ([str(previous[i])] if compare_label else [])
        for i, number in enumerate(levels)
    ]
    rows.append(["Not scored", str(counts[-1])] + (["–"] if compare_label else []))
    defs = svg.hatch(hatch_id, background="#e6e6e6")
    return make_chart(chart_id, title, description, WIDTH, height, body, DataTable(columns, rows), defs)


def _levels_swatch(colours):
    """Return a key sample 30 wide striped with every level's colour, lowest first, as the bars are."""
    stripe = 30 / len(colours)
    stripes = "".join(
        element("rect", x=i * stripe, width=stripe, height=16, fill=colour) for i, colour in enumerate(colours)
    )
    return stripes + element("rect", width=30, height=16, fill="none", stroke=INK)
