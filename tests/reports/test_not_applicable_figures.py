"""An objective marked not applicable counts in no figure: not in the means, the levels, the targets, "not scored"
or the denominators, of the review, its themes and key areas, the charts, the key messages or the exceptions."""

import datetime as dt

import pytest

from objectives.models import Review
from objectives.rules.scoring import reviews_to_compare
from reports.charts.heatmap import heatmap_chart
from reports.charts.level_distribution import level_distribution_chart
from reports.charts.score_target import score_target_chart
from reports.figures import review_figures
from reports.key_messages import propose
from reports.pack import review_pack
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


def test_the_charts_count_only_what_applies(figures):
    areas = figures.key_areas
    bars = score_target_chart(areas, levels=figures.levels)
    assert bars.table.rows == [["Publishing notices", "3.00", "3.00", "2 of 3"]]
    levels = level_distribution_chart(figures.overall, levels=figures.levels, compare_label="2021")
    assert [row[:3] for row in levels.table.rows] == [
        ["1 Not started", "0", "1"],
        ["2 In progress", "1", "1"],  # #3's 3 of 2021 is not counted: it does not apply now
        ["3 In place", "0", "0"],
        ["4 Evidenced", "1", "0"],
        ["Not scored", "1", "–"],
    ]
    grid = heatmap_chart(figures.objectives, years=figures.years, levels=figures.levels)
    assert grid.table.rows[2] == ["#3 Duty 3", "3", "not applicable"]
    assert grid.table.rows[3] == ["#4 Duty 4", "not applicable", "not scored"]
    assert "N/A" in str(grid.svg) and "N/A: not applicable" in str(grid.svg)


def test_the_key_messages_divide_by_what_applies(figures):
    messages = propose(figures, [], today=dt.date(2022, 6, 1))
    assert messages[0].startswith("The mean score is 3.00")
    assert "since 2021 (1.50)" in messages[0]
    assert messages[1].startswith("1 objective of 3 is below target")


def test_a_not_applicable_duty_is_never_in_the_exceptions_or_below_target(review):
    earlier = list(Review.objects.filter(year=2021))
    pack = review_pack(review, earlier=earlier)
    sections = {section.heading: section for section in pack.sections}
    gaps = next(s for heading, s in sections.items() if heading.startswith("Below target with no open action"))
    assert [row[0] for row in gaps.blocks[0].rows] == [1]
    falls = next(s for heading, s in sections.items() if heading.startswith("The biggest falls"))
    # #1 and #2 rose; #3 was 3 in 2021 and is not applicable now, which is no fall.
    assert falls.blocks[0].text == "No objective's score fell since 2021."
