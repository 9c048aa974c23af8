"""Which charts a scope shows: the whole review or one theme, on screen (the dashboard) and in the pack's summary."""

import pytest

from objectives.models import Theme
from objectives.queries.figures import review_figures
from objectives.rules.scoring import reviews_to_compare
from objectives.services.reviews import start_review
from reports.charts.selection import charts_for, summary_charts
from tests.factories import make_assessment, make_framework, make_key_area, make_objective, make_review, make_theme


@pytest.fixture
def theme_figures(council):
    """The figures of the council's theme Showing leadership, whose two key areas are too few for a radar."""
    earlier = reviews_to_compare(council.reviews[2021])
    review, theme = council.reviews[2021], council.themes[0]
    return review_figures(review, compare_with=earlier[0], theme=theme, trend_reviews=earlier)


def ids_and_titles(charts):
    """Return each chart's id and title, or a NoChart's id and sentence."""
    return [(chart.id, chart.title if chart.drawn else chart.text) for chart in charts]


def test_the_whole_review_on_screen_has_five_charts(figures):
    assert ids_and_titles(charts_for(figures)) == [
        ("score-target", "Average score against target, 2021"),
        ("radar", "Key areas, 2021"),
        ("levels", "Objectives at each level, 2021"),
        ("trend", "Average score of each theme by year"),
        ("heatmap", "Objectives by year"),
    ]


def test_one_theme_on_screen_names_it_and_says_why_it_has_no_radar_under_three_key_areas(theme_figures):
    assert ids_and_titles(charts_for(theme_figures)) == [
        ("score-target", "Average score against target, Showing leadership, 2021"),
        ("radar", "No chart comparing the key areas: Showing leadership has 2 key areas, and it takes three or more."),
        ("levels", "Objectives at each level, Showing leadership, 2021"),
        ("trend", "Average score of each key area by year"),
        ("heatmap", "Objectives by year"),
    ]


def test_the_packs_summary_has_the_bars_of_the_key_areas_and_the_levels_against_last_year(figures):
    assert ids_and_titles(summary_charts(figures)) == [
        ("score-target", "Average score against target, 2021"),
        ("levels", "Objectives at each level, 2021 against 2020"),
    ]


def test_a_themes_pack_names_it_in_its_charts(theme_figures):
    assert ids_and_titles(summary_charts(theme_figures)) == [
        ("score-target", "Average score against target, Showing leadership, 2021"),
        ("levels", "Objectives at each level, 2021 against 2020"),
    ]


def test_a_single_year_says_why_it_has_no_trend_and_the_pack_why_it_has_no_comparison_of_levels(council):
    figures = review_figures(council.reviews[2021])
    no_trend = ("trend", "No trend by year: the 2021 review is the first, and a trend needs two.")
    assert ids_and_titles(charts_for(figures))[3] == no_trend
    assert [chart.id for chart in charts_for(figures)] == ["score-target", "radar", "levels", "trend", "heatmap"]
    assert ids_and_titles(summary_charts(figures))[1] == (
        "levels",
        "No comparison of the levels with last year: there is no review before 2021 to compare with.",
    )


def test_a_trend_with_scores_in_one_year_only_says_so(manager):
    framework = make_framework()
    area = make_key_area(theme=make_theme(framework=framework))
    objective = make_objective(key_area=area, number=1)
    make_assessment(review=make_review(framework=framework, year=2020), objective=objective, score=None)
    review = make_review(framework=framework, year=2021)
    make_assessment(review=review, objective=objective, score=2)
    charts = charts_for(review_figures(review, trend_reviews=reviews_to_compare(review)))
    assert ids_and_titles(charts)[3] == (
        "trend",
        "No trend by year: only the 2021 review has scores, and a trend needs two.",
    )


def test_a_new_review_with_nothing_scored_says_so_once_and_keeps_last_years_grid(council, manager):
    review = start_review(previous=council.reviews[2021], year=2022, by=manager)
    figures = review_figures(review, compare_with=council.reviews[2021], trend_reviews=reviews_to_compare(review))
    nothing = ("nothing-scored", "No charts of the scores yet: no objective of the 2022 review is scored.")
    assert ids_and_titles(charts_for(figures)) == [nothing, ("heatmap", "Objectives by year")]
    assert ids_and_titles(summary_charts(figures)) == [nothing]


def test_a_review_never_scored_has_no_grid_either(manager):
    framework = make_framework()
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=1)
    review = make_review(framework=framework, year=2021)
    make_assessment(review=review, objective=objective, score=None)
    charts = charts_for(review_figures(review))
    assert [(chart.id, chart.drawn) for chart in charts] == [("nothing-scored", False), ("heatmap", False)]


def test_the_bars_are_titled_against_target_only_where_a_target_is_set(seed_review):
    figures = review_figures(seed_review)
    assert not any(o.target for o in figures.objectives)
    assert ids_and_titles(charts_for(figures))[0] == ("score-target", "Average score by key area, 2021")
    enablers = Theme.objects.get(framework=seed_review.framework, slug="enablers")
    theme_figures = review_figures(seed_review, theme=enablers)
    assert ids_and_titles(summary_charts(theme_figures))[0] == (
        "targets",
        "No chart of the key areas: Enablers has one key area: Enablers.",
    )
    assert ids_and_titles(summary_charts(figures))[0] == ("score-target", "Average score by key area, 2021")
    assert all("target" not in (chart.title if chart.drawn else chart.text) for chart in charts_for(figures))
