"""What every chart function returns: a Chart, its data as a DataTable, and the wording they share.

A Chart is its SVG markup (explicit width, height and viewBox, so WeasyPrint draws it as the browser does), a
title, a text description, and the data as a table for screen readers. Include it with
`{% include "reports/_chart.html" %}`. No chart tells anything by colour alone: values are written on it,
and series differ by dash and marker too.
"""

import base64
from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from reports.charts import svg

WIDTH = 440
BAR = "#0072B2"  # Okabe-Ito blue: 5:1 against white


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
    drawn = True  # a class attribute, not a field: NoChart's is False

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
        inline <svg>'s. The image is a tagged Figure in the PDF, with the <img>'s alt text.
        """
        markup = svg.with_font(self.svg, svg.PRINT_FONT)
        return "data:image/svg+xml;base64," + base64.b64encode(markup.encode()).decode("ascii")


@dataclass
class NoChart:
    """In a chart's place, the sentence that says why there is nothing to draw: the pages print it instead."""

    drawn = False

    id: str
    text: str


def make_chart(chart_id, title, description, width, height, body, table, defs=""):
    """Return the Chart of a drawing: `body` and `defs` are SVG markup, already escaped."""
    markup = svg.document(
        chart_id=chart_id, width=width, height=height, title=title, description=description, body=body, defs=defs
    )
    return Chart(chart_id, title, description, mark_safe(markup), table, int(width), int(height))  # noqa: S308


def fmt(value, missing="not scored"):
    """Return an average as shown everywhere: two decimals, or `missing`."""
    return missing if value is None else f"{value:.2f}"


def key_rows(rows, *, value_x, top):
    """Return a chart's key, one row per (value, name): the value in bold, the name in at most two lines to the
    chart's right edge; with the top of each row and the key's bottom.

    The names start clear of the widest value, so that "not scored" never runs into a name.
    """
    name_x = value_x + max((svg.text_width(value, 14) * svg.BOLD for value, _name in rows), default=0) + 10
    markup, tops = "", []
    for value, name in rows:
        lines = svg.wrap(name, 14, WIDTH - name_x - 8)
        markup += svg.text(value_x, top + 14, value, font_weight="bold")
        markup += "".join(svg.text(name_x, top + 14 + 19 * i, line) for i, line in enumerate(lines))
        tops.append(top)
        top += 19 * len(lines) + 3
    return markup, tops, top


def extremes(groups):
    """Return a sentence naming the highest and the lowest average of the groups."""
    scored = [g for g in groups if g.mean is not None]
    if not scored:
        return "None is scored yet."
    high, low = max(scored, key=lambda g: g.mean), min(scored, key=lambda g: g.mean)
    if high.mean == low.mean:
        return f"Each has an average of {fmt(high.mean)}."
    return f"Highest: {high.name}, {fmt(high.mean)}. Lowest: {low.name}, {fmt(low.mean)}."
