"""The charts: well-formed SVG that WeasyPrint can draw, values written on them, readable without colour."""

import base64
import itertools
import re
import xml.etree.ElementTree as ET

import pytest

from reports import svg
from reports.charts import dashboard_charts, heatmap_chart, radar_chart, score_target_chart, trend_chart
from reports.figures import comparable_reviews, review_figures
from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme
from tests.reports.council import make_council

NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def figures(manager):
    council = make_council(published_by=manager)
    earlier = comparable_reviews(council.reviews[2021])
    return review_figures(council.reviews[2021], compare_with=earlier[0], trend_reviews=earlier)


def test_every_chart_is_svg_with_explicit_size_title_and_description(figures):
    charts = dashboard_charts(figures)
    assert [chart.id for chart in charts] == ["score-target", "radar", "levels", "trend", "heatmap"]
    for chart in charts:
        root = ET.fromstring(str(chart.svg))
        assert root.tag == f"{NS}svg" and root.get("role") == "img"
        assert (root.get("width"), root.get("height")) == (str(chart.width), str(chart.height))
        assert root.get("viewBox") == f"0 0 {chart.width} {chart.height}"
        assert root.find(f"{NS}title").text == chart.title and root.find(f"{NS}desc").text == chart.description
        assert root.get("aria-labelledby") == f"{chart.id}-title"
        assert chart.table.rows and all(len(row) == len(chart.table.columns) for row in chart.table.rows)


def test_the_bars_write_each_mean_and_target(figures):
    chart = score_target_chart(figures.key_areas, levels=figures.levels)
    texts = [t.text for t in ET.fromstring(str(chart.svg)).iter(f"{NS}text")]
    for expected in ["Engaging councillors", "2.50", "target 3.67", "Managing risk", "4.00", "target 2.00"]:
        assert expected in texts
    assert "2 of 3 are below it" in chart.description
    assert chart.table.rows[0] == ["Engaging councillors", "2.50", "3.67", "2 of 3"]


def test_the_radar_needs_three_key_areas(figures):
    assert radar_chart(figures.key_areas[:2], levels=figures.levels) is None
    chart = radar_chart(figures.key_areas, levels=figures.levels, compare_label="2020 review")
    assert chart.table.rows[2] == ["C: Managing risk", "4.00", "2.00", "4.00"]  # 2020: #6 unscored, #7 at 4


def test_a_trend_needs_two_years(figures):
    assert trend_chart(figures.themes, years=[2021], levels=figures.levels) is None
    chart = trend_chart(figures.themes, years=figures.years, levels=figures.levels)
    assert chart.table.columns == ["", "2019", "2020", "2021"]
    assert chart.table.rows[1] == ["Behaving commercially", "3.00", "4.00", "4.00"]


def test_the_heatmap_writes_every_score_and_hatches_the_unscored(figures):
    chart = heatmap_chart(figures.objectives, years=figures.years, levels=figures.levels)
    root = ET.fromstring(str(chart.svg))
    written = [t.text for t in root.iter(f"{NS}text") if t.get("font-weight") == "bold"]
    scored = [s for o in figures.objectives for s in o.history.values() if s is not None]
    assert sorted(written) == sorted(map(str, scored))
    hatched = [r for r in root.iter(f"{NS}rect") if r.get("fill") == "url(#heatmap-hatch)"]
    assert len(hatched) == 2 + 1  # #3 in 2021 and #6 in 2020, and the legend's sample
    assert chart.table.rows[2] == ["#3 Objective 3", "not in review", "3", "not scored"]


def test_names_are_escaped_in_the_svg_and_the_table(manager):
    framework = make_framework()
    area = make_key_area(theme=make_theme(framework=framework), name='<script>alert("x")</script> & Co')
    review = make_review(framework=framework, year=2021)
    make_assessment(review=review, objective=make_objective(key_area=area, number=1, title="<b>bold</b>"), score=2)
    for chart in dashboard_charts(review_figures(review)):
        ET.fromstring(str(chart.svg))  # still well-formed
        assert "<script" not in chart.svg and "<b>" not in chart.svg
        assert "<script" not in chart.table_html and "<b>" not in chart.table_html
    assert "&lt;script&gt;" in dashboard_charts(review_figures(review))[0].svg


@pytest.mark.parametrize("count", [4, 5, 7])
def test_level_colours_get_darker_at_every_level_and_carry_readable_numbers(count):
    colours = svg.level_colours(count)
    lightness = [svg.luminance(colour) for colour in colours]
    assert all(a > b * 1.3 for a, b in itertools.pairwise(lightness)), "levels must differ in greyscale"
    for colour in colours:
        assert svg.contrast(colour, svg.text_colour_on(colour)) >= 4.5


def test_series_colours_stand_out_on_white_and_differ_in_dash_and_marker():
    for colour, _dash, _marker in svg.SERIES:
        assert svg.contrast(colour, "#ffffff") >= 3  # WCAG 1.4.11, graphical objects
    assert len({dash for _c, dash, _m in svg.SERIES}) == len({m for _c, _d, m in svg.SERIES}) == len(svg.SERIES)


def test_long_names_are_cut_to_fit_with_an_ellipsis():
    assert svg.fit("Short", 14, 200) == "Short"
    cut = svg.fit("Managing contracts and relationships with strategic suppliers", 14, 200)
    assert cut.endswith("…") and svg.text_width(cut, 14) <= 200
    assert re.fullmatch(r"[^…]+…?", " ".join(svg.wrap("Engaging local SMEs and micro-businesses", 14, 150)))


def test_the_print_image_is_the_same_chart_in_the_reports_font(figures):
    for chart in dashboard_charts(figures):
        assert chart.print_url.startswith("data:image/svg+xml;base64,")
        printed = ET.fromstring(base64.b64decode(chart.print_url.split(",", 1)[1]))
        screen = ET.fromstring(str(chart.svg))
        assert printed.get("font-family") == svg.PRINT_FONT and screen.get("font-family") == svg.FONT
        del printed.attrib["font-family"], screen.attrib["font-family"]
        assert ET.tostring(printed) == ET.tostring(screen)
