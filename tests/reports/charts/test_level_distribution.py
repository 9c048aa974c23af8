"""The bars of how many objectives are at each level, beside the compared review's."""

import xml.etree.ElementTree as ET

from reports.charts import svg
from reports.charts.level_distribution import level_distribution_chart

NS = "{http://www.w3.org/2000/svg}"


def test_the_bars_count_each_level_now_and_in_the_review_compared_with(figures):
    chart = level_distribution_chart(
        figures.overall, levels=figures.levels, label="2021 review", compare_label="2020 review"
    )
    assert chart.table.columns == ["Level", "2021 review", "2020 review"]
    # 2021: #5 at 1, #2 at 2, #1 and #6 at 3, #4 at 4, #7 at 5, #3 not scored; 2020: #1-2 at 2, #3 at 3, #7 at 4...
    assert [row[1] for row in chart.table.rows] == ["1", "1", "2", "1", "1", "1"]
    assert [row[2] for row in chart.table.rows] == ["0", "2", "1", "1", "1", "–"]
    assert chart.table.rows[-1][0] == "Not scored"
    assert "1 not scored" in chart.description


def test_the_key_of_this_reviews_bars_shows_every_levels_colour_as_the_bars_do(figures):
    chart = level_distribution_chart(figures.overall, levels=figures.levels, label="2021 review")
    root = ET.fromstring(str(chart.svg))
    swatch = next(root.iter(f"{NS}g"))  # the key's first sample, before its label "2021 review"
    assert [r.get("fill") for r in swatch.iter(f"{NS}rect")][:-1] == svg.level_colours(len(figures.levels))
    bars = [r.get("fill") for r in root.iter(f"{NS}rect") if r.get("y") and r.get("fill").startswith("#")]
    assert set(bars) <= set(svg.level_colours(len(figures.levels)))
