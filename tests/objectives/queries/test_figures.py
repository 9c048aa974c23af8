"""The figures, against hand-computed expectations on the made-up council of tests/reports/council.py."""

import pytest

from objectives.models import Review
from objectives.queries.figures import review_figures
from objectives.rules.scoring import Change, reviews_to_compare
from tests.factories import make_review
from tests.reports.council import make_council


@pytest.fixture
def council(manager):
    return make_council(published_by=manager)


def numbers(objectives):
    return [objective.number for objective in objectives]


def by_number(figures):
    return {objective.number: objective for objective in figures.objectives}


def test_the_whole_review_mean_counts_and_targets(council):
    figures = review_figures(council.reviews[2021], compare_with=council.reviews[2020])
    overall = figures.overall
    assert overall.kind == "review" and overall.count == 7
    assert overall.mean == pytest.approx(18 / 6)  # 3 + 2 + 4 + 1 + 3 + 5; #3 is not scored
    assert [(number, count) for number, _name, count in overall.level_counts] == [
        (1, 1),
        (2, 1),
        (3, 2),
        (4, 1),
        (5, 1),
    ]
    assert numbers(overall.not_scored) == [3]
    assert numbers(overall.at_or_above_target) == [4, 7]  # #4 is exactly at its target
    assert numbers(overall.without_target) == [6]
    assert overall.mean_target == pytest.approx((4 + 4 + 3 + 4 + 3 + 2) / 6)
    assert overall.previous_mean == pytest.approx((2 + 2 + 3 + 5 + 4) / 5)


def test_below_target_lists_the_worst_gap_first_and_ties_by_number(council):
    overall = review_figures(council.reviews[2021]).overall
    assert [(o.number, o.gap) for o in overall.below_target] == [(2, 2), (5, 2), (1, 1)]


def test_each_objective_changes_since_the_review_compared_with(council):
    figures = review_figures(council.reviews[2021], compare_with=council.reviews[2020])
    changes = {number: objective.change for number, objective in by_number(figures).items()}
    assert changes == {
        1: Change.UP,
        2: Change.SAME,
        3: None,  # not scored now
        4: Change.DOWN,
        5: Change.NEW,  # not in 2020
        6: Change.NEW,  # in 2020 but not scored then
        7: Change.UP,
    }
    assert figures.overall.changes == {Change.UP: 2, Change.DOWN: 1, Change.SAME: 1, Change.NEW: 2}
    assert by_number(figures)[4].previous == 5 and by_number(figures)[5].previous is None


def test_any_earlier_review_can_be_compared_with(council):
    figures = review_figures(council.reviews[2021], compare_with=council.reviews[2019])
    assert {n: o.change for n, o in by_number(figures).items()} == {
        1: Change.UP,
        2: Change.SAME,
        3: None,
        4: Change.SAME,
        5: Change.NEW,
        6: Change.NEW,
        7: Change.UP,
    }


def test_without_a_comparison_no_change_is_counted(council):
    figures = review_figures(council.reviews[2021])
    assert all(objective.change is None for objective in figures.objectives)
    assert set(figures.overall.changes.values()) == {0}


def test_themes_and_key_areas_in_framework_order_with_their_own_figures(council):
    figures = review_figures(council.reviews[2021], compare_with=council.reviews[2020])
    leadership, commercial = figures.themes  # a theme with nothing assessed is left out
    assert (leadership.name, leadership.mean) == ("Showing leadership", pytest.approx(10 / 4))
    assert (commercial.name, commercial.mean) == ("Behaving commercially", pytest.approx(4.0))
    assert [(k.name, k.mean) for k in figures.key_areas] == [
        ("Engaging councillors", pytest.approx(2.5)),
        ("Working with partners", pytest.approx(2.5)),  # a tie with the key area above
        ("Managing risk", pytest.approx(4.0)),
    ]
    councillors, partners, risk = figures.key_areas
    assert numbers(councillors.objectives) == [1, 2, 3] and numbers(councillors.not_scored) == [3]
    assert numbers(councillors.below_target) == [2, 1]
    assert numbers(partners.below_target) == [5] and numbers(partners.at_or_above_target) == [4]
    assert partners.changes == {Change.UP: 0, Change.DOWN: 1, Change.SAME: 0, Change.NEW: 1}
    assert numbers(risk.without_target) == [6] and risk.mean_target == pytest.approx(2.0)
    assert numbers(leadership.below_target) == [2, 5, 1]


def test_the_trend_gives_each_group_its_mean_in_every_year(council):
    earlier = reviews_to_compare(council.reviews[2021])
    figures = review_figures(council.reviews[2021], compare_with=earlier[0], trend_reviews=earlier)
    assert figures.years == [2019, 2020, 2021]
    assert figures.overall.trend == pytest.approx({2019: 10 / 4, 2020: 16 / 5, 2021: 3.0})
    leadership, commercial = figures.themes
    assert leadership.trend == pytest.approx({2019: 7 / 3, 2020: 3.0, 2021: 2.5})
    assert commercial.trend == pytest.approx({2019: 3.0, 2020: 4.0, 2021: 4.0})
    assert figures.key_areas[0].trend == pytest.approx({2019: 1.5, 2020: 7 / 3, 2021: 2.5})


def test_each_objective_has_its_score_in_every_year_it_was_assessed(council):
    earlier = reviews_to_compare(council.reviews[2021])
    objectives = by_number(review_figures(council.reviews[2021], trend_reviews=earlier))
    assert objectives[1].history == {2019: 1, 2020: 2, 2021: 3}
    assert objectives[3].history == {2020: 3, 2021: None}
    assert objectives[5].history == {2021: 1}
    assert objectives[6].history == {2020: None, 2021: 3}


def test_one_theme_on_its_own_has_the_figures_of_its_key_areas(council):
    earlier = reviews_to_compare(council.reviews[2021])
    leadership = council.themes[0]
    figures = review_figures(council.reviews[2021], compare_with=earlier[0], theme=leadership, trend_reviews=earlier)
    assert figures.overall.kind == "theme" and figures.overall.name == "Showing leadership"
    assert figures.themes == [figures.overall]
    assert numbers(figures.objectives) == [1, 2, 3, 4, 5]
    assert figures.overall.mean == pytest.approx(2.5)
    assert [k.name for k in figures.key_areas] == ["Engaging councillors", "Working with partners"]
    assert figures.overall.trend == pytest.approx({2019: 7 / 3, 2020: 3.0, 2021: 2.5})


def test_a_theme_with_nothing_assessed_has_empty_figures(council):
    empty_theme = council.framework.themes.get(slug="achieving-community-benefits")
    figures = review_figures(council.reviews[2021], theme=empty_theme)
    assert figures.overall.name == "Achieving community benefits" and figures.overall.count == 0
    assert figures.overall.mean is None and figures.key_areas == []


def test_an_empty_review_has_no_mean_and_zero_counts(council):
    review = make_review(framework=council.framework, year=2022)
    figures = review_figures(review, compare_with=council.reviews[2021])
    overall = figures.overall
    assert overall.count == 0 and overall.mean is None and overall.previous_mean is None
    assert [count for _number, _name, count in overall.level_counts] == [0, 0, 0, 0, 0]
    assert overall.below_target == [] and overall.not_scored == [] and set(overall.changes.values()) == {0}
    assert figures.themes == [] and figures.years == [2021, 2022]


def test_the_seed_has_thirteen_scored_objectives_and_no_targets(seed_review):
    figures = review_figures(seed_review)
    overall = figures.overall
    assert overall.count == 13 and overall.mean == pytest.approx(33 / 13)
    assert [count for _number, _name, count in overall.level_counts] == [0, 6, 7, 0, 0]
    assert len(overall.without_target) == 13 and overall.below_target == [] and overall.at_or_above_target == []
    assert [k.name for k in figures.key_areas] == [
        "Engaging councillors",
        "Engaging senior managers",
        "Obtaining social value",
        "Enablers",
    ]


def test_reviews_to_compare_are_earlier_newest_first_and_only_those_the_reader_may_see(
    council, manager, committee_member
):
    Review.objects.filter(year=2020).update(status="draft")
    assert [r.year for r in reviews_to_compare(council.reviews[2021], user=manager)] == [2020, 2019]
    assert [r.year for r in reviews_to_compare(council.reviews[2021], user=committee_member)] == [2019]


def test_the_figures_take_three_queries(council, django_assert_num_queries):
    earlier = reviews_to_compare(council.reviews[2021])
    review = Review.objects.select_related("framework").get(year=2021)
    with django_assert_num_queries(3):
        review_figures(review, compare_with=earlier[0], trend_reviews=earlier)
