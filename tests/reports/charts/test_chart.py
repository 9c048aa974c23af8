"""Every chart: well-formed SVG that WeasyPrint can draw, with its title, description, data table and print image."""

import base64
import itertools
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest

from objectives.queries.figures import review_figures
from reports.charts import svg
from reports.charts.radar import radar_chart
from reports.charts.selection import charts_for
from reports.charts.trend import trend_chart
from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme

NS = "{http://www.w3.org/2000/svg}"


def test_every_chart_is_svg_with_explicit_size_title_and_description(figures):
    charts = charts_for(figures)
    assert all(chart.drawn for chart in charts)
    for chart in charts:
        root = ET.fromstring(str(chart.svg))
        assert root.tag == f"{NS}svg" and root.get("role") == "img"
        assert (root.get("width"), root.get("height")) == (str(chart.width), str(chart.height))
        assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"
        assert root.find(f"{NS}title").text == chart.title and root.find(f"{NS}desc").text == chart.description
        assert root.get("aria-labelledby") == f"{chart.id}-title"
        assert chart.table.rows and all(len(row) == len(chart.table.columns) for row in chart.table.rows)


def test_names_are_escaped_in_the_svg_and_the_table(manager):
    framework = make_framework()
    area = make_key_area(theme=make_theme(framework=framework), name='<script>alert("x")</script> & Co')
    review = make_review(framework=framework, year=2021)
    make_assessment(review=review, objective=make_objective(key_area=area, number=1, title="<b>bold</b>"), score=2)
    charts = [chart for chart in charts_for(review_figures(review)) if chart.drawn]
    for chart in charts:
        ET.fromstring(str(chart.svg))  # still well-formed
        assert "<script" not in chart.svg and "<b>" not in chart.svg
        assert "<script" not in chart.table_html and "<b>" not in chart.table_html
    assert "&lt;script&gt;" in charts[0].svg


def test_the_print_image_is_the_same_chart_in_the_reports_font(figures):
    for chart in charts_for(figures):
        assert chart.print_url.startswith("data:image/svg+xml;base64,")
        printed = ET.fromstring(base64.b64decode(chart.print_url.split(",", 1)[1]))
        screen = ET.fromstring(str(chart.svg))
        assert printed.get("font-family") == svg.PRINT_FONT and screen.get("font-family") == svg.FONT
        del printed.attrib["font-family"], screen.attrib["font-family"]
        assert ET.tostring(printed) == ET.tostring(screen)


def unscored_radar(figures):
    groups = [SimpleNamespace(name=g.name, mean=None, mean_target=None, previous_mean=None) for g in figures.key_areas]
    return groups, radar_chart(groups, levels=figures.levels)


def trend_unscored_in_its_last_year(figures):
    groups = [SimpleNamespace(name=g.name, trend={2020: g.trend[2020]}) for g in figures.themes]
    return groups, trend_chart(groups, years=[2020, 2021], levels=figures.levels)


@pytest.mark.parametrize("make", [unscored_radar, trend_unscored_in_its_last_year])
def test_a_key_of_unscored_groups_keeps_each_value_clear_of_its_name_and_row(figures, make):
    groups, chart = make(figures)
    texts = list(ET.fromstring(str(chart.svg)).iter(f"{NS}text"))
    values = [t for t in texts if t.text == "not scored"]
    names = [t for t in texts if t.text in {g.name for g in groups}]
    assert len(values) == len(names) == len(groups) >= 2
    for value, name in zip(values, names, strict=True):
        assert value.get("y") == name.get("y")  # on one line, and apart:
        assert float(name.get("x")) >= float(value.get("x")) + svg.text_width("not scored", 14) * svg.BOLD
    baselines = [float(v.get("y")) for v in values]
    assert all(b - a >= 19 for a, b in itertools.pairwise(baselines))
