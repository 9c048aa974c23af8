"""The grid of each objective's score in each year."""

import xml.etree.ElementTree as ET
from types import SimpleNamespace

from reports.charts import heatmap, svg
from reports.charts.heatmap import heatmap_chart

NS = "{http://www.w3.org/2000/svg}"


def test_the_heatmap_writes_every_score_and_hatches_the_unscored(figures):
    chart = heatmap_chart(figures.objectives, years=figures.years, levels=figures.levels)
    root = ET.fromstring(str(chart.svg))
    written = [t.text for t in root.iter(f"{NS}text") if t.get("font-weight") == "bold"]
    scored = [s for o in figures.objectives for s in o.history.values() if s is not None]
    assert sorted(written) == sorted(map(str, scored))
    hatched = [r for r in root.iter(f"{NS}rect") if r.get("fill") == "url(#heatmap-hatch)"]
    assert len(hatched) == 2 + 1  # #3 in 2021 and #6 in 2020, and the legend's sample
    assert chart.table.rows[2] == ["#3 Objective 3", "not in review", "3", "not scored"]


def objectives_titled(*titles):
    return [
        SimpleNamespace(number=n, title=title, history={2021: 3}, not_applicable_in=frozenset())
        for n, title in enumerate(titles, start=1)
    ]


def names_and_first_cell(objectives, levels):
    root = ET.fromstring(str(heatmap_chart(objectives, years=[2021], levels=levels).svg))
    names = [t.text for t in root.iter(f"{NS}text") if t.text.startswith("#")]
    first_cell = min(float(r.get("x")) for r in root.iter(f"{NS}rect") if r.get("x"))
    return names, first_cell


def test_the_names_column_grows_with_the_names_and_cuts_only_past_its_maximum(figures):
    short, short_x = names_and_first_cell(objectives_titled("Risk", "Data"), figures.levels)
    long_titles = ("Social value contract management", "Social value internal management")
    long, long_x = names_and_first_cell(objectives_titled(*long_titles), figures.levels)
    assert short == ["#1 Risk", "#2 Data"] and long == [
        "#1 Social value contract management",
        "#2 Social value internal management",
    ]
    assert short_x < long_x <= heatmap.LABEL_WIDTHS[1]
    assert long_x >= svg.text_width(long[0], 13) + 12  # the whole name, clear of the first cell
    (cut,), cut_x = names_and_first_cell(
        objectives_titled("Social value TOMs (themes, outcomes and measures) " * 2), figures.levels
    )
    assert cut.endswith("…") and cut_x == heatmap.LABEL_WIDTHS[1]
