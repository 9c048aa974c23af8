"""The grid of each objective's score in each year."""

import xml.etree.ElementTree as ET

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
