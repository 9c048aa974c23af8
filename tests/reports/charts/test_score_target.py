"""The bars of each key area's average score against its average target."""

import xml.etree.ElementTree as ET

from reports.charts.score_target import score_target_chart

NS = "{http://www.w3.org/2000/svg}"


def test_the_bars_write_each_mean_and_target(figures):
    chart = score_target_chart(figures.key_areas, levels=figures.levels)
    texts = [t.text for t in ET.fromstring(str(chart.svg)).iter(f"{NS}text")]
    for expected in ["Engaging councillors", "2.50", "target 3.67", "Managing risk", "4.00", "target 2.00"]:
        assert expected in texts
    assert "2 of 3 are below it" in chart.description
    assert chart.table.rows[0] == ["Engaging councillors", "2.50", "3.67", "2 of 3"]
