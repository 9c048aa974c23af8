"""Adding an objective to a draft and taking one out: the review's lock is taken first, and what another manager did
meanwhile is refused with a message (the page shows it), never a database error."""

import pytest

from objectives.models import Assessment, Objective, SignedOff
from objectives.services.assessments import NotAdded, add_assessment, remove_assessment


def test_an_objective_added_meanwhile_by_someone_else_is_refused_and_nothing_is_written(draft, manager):
    existing = draft.assessments.select_related("objective").get(objective__number=3)
    count = draft.assessments.count()
    again = Assessment(review=draft, objective=existing.objective, origin=Assessment.Origin.NEW)
    with pytest.raises(NotAdded, match="#3 is in the 2022 review already"):
        add_assessment(assessment=again, by=manager)
    assert draft.assessments.count() == count


def test_a_new_objective_whose_number_was_taken_meanwhile_is_refused_and_nothing_is_written(draft, manager):
    taken = Objective.objects.get(framework=draft.framework, number=3)
    new = Objective(framework=draft.framework, key_area=taken.key_area, number=3, title="Another", description="x")
    with pytest.raises(NotAdded, match="#3 is in NPS 2018 already"):
        add_assessment(assessment=Assessment(review=draft, objective=new, origin="new"), by=manager)
    assert Objective.objects.filter(framework=draft.framework, number=3).count() == 1


def test_a_new_objective_is_added_to_the_catalogue_and_the_draft_with_its_history(draft, manager):
    key_area = Objective.objects.get(framework=draft.framework, number=3).key_area
    new = Objective(framework=draft.framework, key_area=key_area, number=58, title="New duty", description="x")
    added = add_assessment(assessment=Assessment(review=draft, objective=new, origin="new"), by=manager)
    assert added.objective.pk is not None and added.review == draft
    assert added.history.get().history_user == manager


def test_taking_an_objective_out_of_a_published_review_is_refused(seed_review, manager):
    with pytest.raises(SignedOff):
        remove_assessment(assessment=seed_review.assessments.first(), by=manager)
    assert seed_review.assessments.count() == 13
