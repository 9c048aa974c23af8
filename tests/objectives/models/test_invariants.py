"""The database itself refuses what would break the scorecard, whatever code writes to it."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from objectives.models import Assessment, Objective
from tests.factories import (
    make_assessment,
    make_framework,
    make_key_area,
    make_objective,
    make_review,
    make_theme,
)


@pytest.fixture
def council(db):
    framework = make_framework(levels=["Minimum", "Developing", "Mature", "Leader"])
    area = make_key_area(theme=make_theme(framework=framework))
    return {
        "framework": framework,
        "area": area,
        "objective": make_objective(key_area=area, number=3),
        "review": make_review(framework=framework),
    }


def test_one_assessment_per_objective_per_review(council):
    make_assessment(review=council["review"], objective=council["objective"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.bulk_create([Assessment(review=council["review"], objective=council["objective"])])


def test_objective_numbers_are_unique_in_a_framework(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        Objective.objects.bulk_create(
            [
                Objective(
                    framework=council["framework"],
                    key_area=council["area"],
                    number=3,
                    title="x",
                    description="y",
                )
            ]
        )


def test_the_same_number_may_stand_in_another_framework(council):
    other = make_framework(name="NPS 2022")
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=other)), number=3)
    assert Objective.objects.filter(number=3).count() == 2
    assert objective.framework == other


@pytest.mark.parametrize("field", ["score", "target"])
@pytest.mark.parametrize("value", [0, 5, 7])
def test_score_and_target_outside_the_frameworks_levels_are_refused(council, field, value):
    # This framework has four levels: 5 would be a level of NPS, but not of this one.
    assessment = make_assessment(review=council["review"], objective=council["objective"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=assessment.pk).update(**{field: value})
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.bulk_create(
            [
                Assessment(
                    review=council["review"],
                    objective=make_objective(key_area=council["area"], number=4),
                    **{field: value},
                )
            ]
        )


@pytest.mark.parametrize("value", [None, 1, 4])
def test_levels_of_the_framework_and_no_score_are_accepted(council, value):
    assessment = make_assessment(review=council["review"], objective=council["objective"], score=value, target=value)
    assessment.refresh_from_db()
    assert assessment.score == value


def test_an_objective_of_another_framework_is_refused(council):
    other = make_framework(name="NPS 2022")
    foreign = make_objective(key_area=make_key_area(theme=make_theme(framework=other)), number=9)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_assessment(review=council["review"], objective=foreign)


@pytest.mark.django_db(transaction=True)
def test_deleting_an_objective_with_assessments_is_refused(council):
    make_assessment(review=council["review"], objective=council["objective"])
    with pytest.raises(ProtectedError):
        council["objective"].delete()
    # The database refuses it too, without Django's help: its foreign keys are checked on commit, so this
    # test commits (autocommit) instead of running inside the usual test transaction.
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute("DELETE FROM objectives_objective WHERE id = %s", [council["objective"].pk])
    assert Objective.objects.filter(pk=council["objective"].pk).exists()


def test_an_objective_without_assessments_can_be_deleted(council):
    council["objective"].delete()
    assert not Objective.objects.exists()


def test_a_published_review_must_record_its_sign_off(council):
    with pytest.raises(IntegrityError), transaction.atomic():
        type(council["review"]).objects.filter(pk=council["review"].pk).update(status="published")


def test_a_level_reads_the_same_in_every_place(council):
    levels = council["framework"].levels_by_number()
    assert levels.label(2) == "2 Developing" == str(council["framework"].levels.get(number=2))
    assert levels.label(None) == ""
    assert levels.choices(empty="Not scored")[:2] == [("", "Not scored"), (1, "1 Minimum")]
