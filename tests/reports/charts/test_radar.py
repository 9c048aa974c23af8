"""The radar of the key areas' average scores."""

from reports.charts.radar import radar_chart


def test_the_radar_needs_three_key_areas(figures):
    assert radar_chart(figures.key_areas[:2], levels=figures.levels) is None
    chart = radar_chart(figures.key_areas, levels=figures.levels, compare_label="2020 review")
    assert chart.table.rows[2] == ["C: Managing risk", "4.00", "2.00", "4.00"]  # 2020: #6 unscored, #7 at 4
