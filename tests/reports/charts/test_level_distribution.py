"""The bars of how many objectives are at each level, beside the compared review's."""

from reports.charts.level_distribution import level_distribution_chart


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
