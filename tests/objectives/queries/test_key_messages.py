"""The key messages a pack proposes, worded from the figures of the made-up council (tests/reports/council.py)."""

import datetime

from objectives.queries.key_messages import proposed_for
from tests.factories import make_action
from tests.reports.council import make_council

TODAY = datetime.date(2021, 6, 1)


def test_the_messages_give_the_average_score_below_target_actions_and_the_biggest_fall(manager):
    council = make_council(published_by=manager)
    review, earlier = council.reviews[2021], [council.reviews[2020], council.reviews[2019]]
    assert proposed_for(review, earlier=earlier, today=TODAY) == [
        "The average score is 3.00 (1 Minimum to 5 Innovator), down 0.20 since 2020 (3.20); 2 objectives rose and "
        "1 fell.",
        "3 objectives of 7 are below target; the widest gap is #2 Objective 2 (2 levels).",
        "No action is overdue.",
        "The biggest fall since 2020: #4 Objective 4, 5 Innovator to 4 Leader.",
    ]


def test_without_an_earlier_review_nothing_is_compared_and_overdue_actions_are_counted(manager):
    council = make_council(published_by=manager)
    review = council.reviews[2021]
    objective = review.assessments.get(objective__number=1).objective
    make_action(review=review, objective=objective, due_date=datetime.date(2021, 5, 1), by=manager)
    make_action(review=review, objective=objective, text="Carried, not yet planned.", by=manager)
    assert proposed_for(review, earlier=[], today=TODAY) == [
        "The average score is 3.00; there is no earlier review to compare with.",
        "3 objectives of 7 are below target; the widest gap is #2 Objective 2 (2 levels).",
        "1 action is overdue; 1 of the 2 has no lead, owner or due date yet.",
    ]
