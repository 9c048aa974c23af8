"""A published review's evidence is final in the database, as its assessments are: an SQL UPDATE is refused."""

import pytest
from django.db import IntegrityError, connection, transaction

from objectives.models import Evidence
from tests.factories import (
    make_assessment,
    make_evidence,
    make_framework,
    make_key_area,
    make_objective,
    make_review,
    make_theme,
)


@pytest.fixture
def item(db, manager):
    """A link on an assessment of a review, then published."""
    framework = make_framework()
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=3)
    review = make_review(framework=framework)
    assessment = make_assessment(review=review, objective=objective, score=2)
    evidence = make_evidence(assessment=assessment, by=manager, link="https://www.medway.gov.uk/minutes")
    review.publish(by=manager)
    return evidence


def test_the_database_refuses_to_change_a_published_reviews_evidence(item):
    with pytest.raises(IntegrityError, match="its evidence cannot change"), transaction.atomic():
        Evidence.objects.filter(pk=item.pk).update(title="Changed by SQL")
    assert Evidence.objects.get(pk=item.pk).title == item.title


def test_the_database_refuses_new_evidence_on_a_published_review(item, manager):
    with pytest.raises(IntegrityError, match="its evidence cannot change"), transaction.atomic():
        Evidence.objects.create(
            assessment=item.assessment, added_by=manager, title="Late", dated=item.dated, link="https://example.org/"
        )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's flush empties tables one by one")
def test_postgresql_refuses_to_delete_a_published_reviews_evidence(item):
    with pytest.raises(IntegrityError, match="its evidence cannot change"), transaction.atomic():
        Evidence.objects.filter(pk=item.pk).delete()


def test_a_reopened_reviews_evidence_changes_again(item, manager):
    item.assessment.review.reopen(by=manager, reason="A correction")
    Evidence.objects.filter(pk=item.pk).update(title="Corrected")
    assert Evidence.objects.get(pk=item.pk).title == "Corrected"
