import pytest

from objectives.queries.figures import review_figures
from objectives.rules.scoring import reviews_to_compare
from tests.reports.council import make_council


@pytest.fixture
def council(manager):
    return make_council(published_by=manager)


@pytest.fixture
def figures(council):
    """The figures of the council's 2021 review, compared with 2020, over 2019 to 2021."""
    earlier = reviews_to_compare(council.reviews[2021])
    return review_figures(council.reviews[2021], compare_with=earlier[0], trend_reviews=earlier)
