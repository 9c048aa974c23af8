"""An objective marked not applicable counts in no figure: not in the means, the levels, the targets, "not scored"
or the denominators of the review, its themes and key areas, nor the comparison, the trend or the key messages."""

import datetime as dt

import pytest

from objectives.queries.figures import review_figures
from objectives.rules.key_messages import propose
from objectives.rules.scoring import reviews_to_compare
from tests.factories import make_not_applicable_review


def numbers(objectives):
    return [o.number for o in objectives]


@pytest.fixture
def review(db, manager):
    return make_not_applicable_review(year=2022, previous_year=2021, by=manager)


@pytest.fixture
def figures(review):
    earlier = reviews_to_compare(review)
    return review_figures(review, compare_with=earlier[0], trend_reviews=earlier)


def test_scores_of_2_and_4_beside_one_not_applicable_average_3(figures):
    for group in (figures.overall, *figures.themes, *figures.key_areas):
        assert group.mean == 3
        assert numbers(group.scored) == [1, 2] and numbers(group.not_scored) == [4]
        assert numbers(group.not_applicable) == [3] and group.count == 3
        assert numbers(group.objectives) == [1, 2, 3, 4]  # every table still lists it
        assert group.level_counts == [
            (1, "Not started", 0),
            (2, "In progress", 1),
            (3, "In place", 0),
            (4, "Evidenced", 1),
        ]
        assert numbers(group.below_target) == [1] and numbers(group.at_or_above_target) == [2]
        assert group.without_target == [] and group.mean_target == 3


def test_the_comparison_leaves_out_what_is_not_applicable_now_and_then(figures):
    overall = figures.overall
    # 2021: #1 1, #2 2, #3 3 (not applicable now: left out), #4 not applicable then.
    assert overall.previous_mean == 1.5
    duty = {o.number: o for o in figures.objectives}
    assert duty[3].not_applicable and duty[3].change is None and duty[3].previous == 3
    assert duty[4].previous_not_applicable and duty[4].previous is None and not duty[4].not_applicable
    assert overall.trend == {2021: 2.0, 2022: 3.0}  # each year's mean of the scores it has


def test_the_key_messages_divide_by_what_applies(figures):
    messages = propose(figures, [], today=dt.date(2022, 6, 1))
    assert messages[0].startswith("The average score is 3.00")
    assert "since 2021 (1.50)" in messages[0]
    assert messages[1].startswith("1 objective of 3 is below target")
