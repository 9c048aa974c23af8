"""The charts and the pack's exceptions of a review with an objective marked not applicable: it is in no bar, level or
line, the heatmap marks it "N/A", and it is never below target or a fall in score."""

import pytest

from objectives.models import Review
from objectives.queries.figures import review_figures
from objectives.rules.scoring import reviews_to_compare
from reports.charts.heatmap import heatmap_chart
from reports.charts.level_distribution import level_distribution_chart
from reports.charts.score_target import score_target_chart
from reports.pack import review_pack
from tests.factories import make_not_applicable_review


@pytest.fixture
def review(db, manager):
    return make_not_applicable_review(year=2022, previous_year=2021, by=manager)


@pytest.fixture
def figures(review):
    earlier = reviews_to_compare(review)
    return review_figures(review, compare_with=earlier[0], trend_reviews=earlier)


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


def test_a_not_applicable_duty_is_never_in_the_exceptions_or_below_target(review):
    earlier = list(Review.objects.filter(year=2021))
    pack = review_pack(review, earlier=earlier)
    sections = {section.heading: section for section in pack.sections}
    gaps = next(s for heading, s in sections.items() if heading.startswith("Below target with no open action"))
    assert [row[0] for row in gaps.blocks[0].rows] == [1]
    falls = next(s for heading, s in sections.items() if heading.startswith("The biggest falls"))
    # #1 and #2 rose; #3 was 3 in 2021 and is not applicable now, which is no fall.
    assert falls.blocks[0].text == "No objective's score fell since 2021."
