"""The lines of each group's average score year by year."""

from reports.charts.trend import trend_chart


def test_a_trend_needs_two_years(figures):
    assert trend_chart(figures.themes, years=[2021], levels=figures.levels) is None
    chart = trend_chart(figures.themes, years=figures.years, levels=figures.levels)
    assert chart.table.columns == ["Theme", "2019", "2020", "2021"]  # every header says what its column holds
    assert chart.table.rows[1] == ["Behaving commercially", "3.00", "4.00", "4.00"]
