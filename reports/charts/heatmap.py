"""The grid of each objective's score in each year, coloured and numbered by level."""

from html import escape

from reports.charts import svg
from reports.charts.chart import WIDTH, DataTable, make_chart
from reports.charts.svg import INK, element, fit, text

NOT_APPLICABLE_FILL = "#f0f0f0"  # no level's colour: "Not applicable" is no level
LABEL_WIDTHS = (120, 376)  # the names' column, at least and at most: a name of about 50 letters fits


def heatmap_chart(objectives, *, years, levels, chart_id="heatmap", title="Each objective's score by year"):
    """Return a grid of objectives (rows) against years (columns), each cell coloured and numbered by level."""
    colours = dict(zip(levels, svg.level_colours(len(levels)), strict=True))
    labels = [f"#{objective.number} {objective.title}" for objective in objectives]
    label_width, cell_w, cell_h = _label_width(labels), 44, 22
    width = max(WIDTH, label_width + len(years) * cell_w + 8)
    hatch_id = f"{chart_id}-hatch"
    legend = [
        (element("rect", width=16, height=16, fill=colours[number], stroke=INK), levels.label(number))
        for number in levels
    ]
    legend.append((element("rect", width=16, height=16, fill=f"url(#{hatch_id})", stroke=INK), "Not scored"))
    if any(o.not_applicable_in for o in objectives):
        legend.append(
            (element("rect", width=16, height=16, fill=NOT_APPLICABLE_FILL, stroke=INK), "N/A: not applicable")
        )
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
    for i, (objective, label) in enumerate(zip(objectives, labels, strict=True)):
        label = escape(fit(label, 13, label_width - 12))
        row = "".join(cells[j].get(_cell_key(objective, year), "") for j, year in enumerate(years))
        rows.append(f'<g transform="translate(0,{top + i * cell_h})"><text x="8" y="15">{label}</text>{row}</g>')
    body += element("g", "".join(rows), font_size=13, fill=INK)
    height = top + len(objectives) * cell_h + 8
    description = (
        f"A grid of {len(objectives)} objective{'' if len(objectives) == 1 else 's'} against {_span(years)}; each cell "
        "shows the "
        "level scored that year, written in it and coloured from light (low) to dark (high); a hatched cell is not "
        "scored, one marked N/A not applicable, and a blank one not in that year's review."
    )
    rows = [[f"#{o.number} {o.title}"] + [_score_cell(o, year) for year in years] for o in objectives]
    table = DataTable(["Objective", *map(str, years)], rows)
    defs = svg.hatch(hatch_id, background="#ffffff")
    return make_chart(chart_id, title, description, width, height, body, table, defs)


def _label_width(labels):
    """Return the width of the names' column: the widest name's, within LABEL_WIDTHS, past which names are cut."""
    widest = max((svg.text_width(label, 13) for label in labels), default=0)
    return round(min(max(widest + 16, LABEL_WIDTHS[0]), LABEL_WIDTHS[1]))


def _heatmap_cells(x, w, h, colours, hatch_id):
    """Return the markup of one heatmap column's cell for each score, for None (not scored) and "absent"."""
    rect = f'<rect x="{x}" width="{w}" height="{h}"'
    cells = {
        "absent": f'{rect} fill="#ffffff" stroke="#9a9a9a"/>',
        None: f'{rect} fill="url(#{hatch_id})" stroke="#ffffff"/>',
        "n/a": (
            f'{rect} fill="{NOT_APPLICABLE_FILL}" stroke="#ffffff"/><text x="{svg.number(x + w / 2)}" y="15.5" '
            f'font-size="11" text-anchor="middle">N/A</text>'
        ),
    }
    for score, fill in colours.items():
        cells[score] = (
            f'{rect} fill="{fill}" stroke="#ffffff"/><text x="{svg.number(x + w / 2)}" y="15.5" '
            f'fill="{svg.text_colour_on(fill)}" font-weight="bold" text-anchor="middle">{score}</text>'
        )
    return cells


def _cell_key(objective, year):
    """Return which cell a year of an objective's row is: its score, None (not scored), "n/a" or "absent"."""
    if year in objective.not_applicable_in:
        return "n/a"
    return objective.history.get(year, "absent")


def _score_cell(objective, year):
    history = objective.history
    if year not in history:
        return "not in review"
    if year in objective.not_applicable_in:
        return "not applicable"
    return "not scored" if history[year] is None else str(history[year])


def _span(years):
    return f"the year {years[0]}" if len(years) == 1 else f"the years {years[0]} to {years[-1]}"
