"""Which charts a scope shows: the whole review or one theme, on screen (the dashboard) and on paper (the report)."""

import pytest

from reports.charts.selection import PAPER, SCREEN, charts_for
from reports.figures import comparable_reviews, review_figures


@pytest.fixture
def theme_figures(council):
    """The figures of the council's theme Showing leadership, whose two key areas are too few for a radar."""
    earlier = comparable_reviews(council.reviews[2021])
    review, theme = council.reviews[2021], council.themes[0]
    return review_figures(review, compare_with=earlier[0], theme=theme, trend_reviews=earlier)


def ids_and_titles(charts):
    return [(chart.id, chart.title) for chart in charts]


def test_the_whole_review_on_screen_has_five_charts(figures):
    assert ids_and_titles(charts_for(figures, medium=SCREEN)) == [
        ("score-target", "Mean score against target, 2021"),
        ("radar", "Key areas, 2021"),
        ("levels", "Objectives at each level, 2021"),
        ("trend", "Mean score of each theme by year"),
        ("heatmap", "Objectives by year"),
    ]
    assert charts_for(figures) == charts_for(figures, medium=SCREEN)


def test_one_theme_on_screen_names_it_and_has_no_radar_under_three_key_areas(theme_figures):
    assert ids_and_titles(charts_for(theme_figures)) == [
        ("score-target", "Mean score against target, Showing leadership, 2021"),
        ("levels", "Objectives at each level, Showing leadership, 2021"),
        ("trend", "Mean score of each key area by year"),
        ("heatmap", "Objectives by year"),
    ]


def test_the_whole_reviews_summary_on_paper_leaves_the_heatmaps_to_each_themes_part(figures):
    assert [chart.id for chart in charts_for(figures, medium=PAPER)] == ["score-target", "radar", "levels", "trend"]
    leadership = figures.themes[0]
    assert ids_and_titles(charts_for(figures, medium=PAPER, part=leadership)) == [
        ("showing-leadership-levels", "Objectives at each level: Showing leadership"),
        ("showing-leadership-trend", "Mean score of each key area by year: Showing leadership"),
        ("showing-leadership-engaging-councillors-heatmap", "Objectives by year: Engaging councillors"),
        ("showing-leadership-working-with-partners-heatmap", "Objectives by year: Working with partners"),
    ]


def test_a_themes_report_has_its_charts_in_its_part_with_the_bars_of_its_key_areas(theme_figures):
    assert charts_for(theme_figures, medium=PAPER) == []
    part = charts_for(theme_figures, medium=PAPER, part=theme_figures.overall)
    assert ids_and_titles(part)[0] == ("showing-leadership-targets", "Mean score against target: Showing leadership")
    assert [chart.id for chart in part[1:]] == [
        "showing-leadership-levels",
        "showing-leadership-trend",
        "showing-leadership-engaging-councillors-heatmap",
        "showing-leadership-working-with-partners-heatmap",
    ]


def test_a_single_year_has_no_trend_on_either_medium_and_no_heatmap_on_paper(council):
    figures = review_figures(council.reviews[2021])
    assert [chart.id for chart in charts_for(figures)] == ["score-target", "radar", "levels", "heatmap"]
    assert [chart.id for chart in charts_for(figures, medium=PAPER)] == ["score-target", "radar", "levels"]
    assert [chart.id for chart in charts_for(figures, medium=PAPER, part=figures.themes[1])] == [
        "behaving-commercially-levels"
    ]
