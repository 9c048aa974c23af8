import pytest

from objectives.models import Assessment
from objectives.services.moderation import agree_score, record_own_score
from objectives.services.public import make_public
from tests.factories import make_evidence, make_second_year, make_user

SECRET_EVIDENCE = "Confidential supplier spend analysis"
SECRET_RATIONALE = "My own private reasoning about objective three"
SECRET_DRAFT = "An early draft comment the committee never saw"
SECRET_AGREEMENT = "Why the managers agreed a different level"


@pytest.fixture
def people(officer, manager, committee_member, outsider, staff):
    """Everyone, each with an email address, so that a test can look for every name and address."""
    users = [officer, manager, committee_member, outsider, staff]
    for user in users:
        user.email = f"{user.username}.private@council.example"
        user.save()
    return users


@pytest.fixture
def public_pair(seed_review, manager, officer, people):
    """The seed 2021 made public without comments, and a 2022 review with evidence, an own score with its rationale,
    an agreed score and a drafting history, signed off and made public with its comments."""
    make_public(seed_review, by=manager, include_comments=False)
    review = make_second_year(seed_review=seed_review, manager=manager, publish=False)
    assessment = review.assessments.get(objective__number=3)
    make_evidence(assessment=assessment, by=officer, title=SECRET_EVIDENCE)
    comments = assessment.comments
    assessment.comments = SECRET_DRAFT
    assessment._history_user = officer
    assessment.save()
    assessment.comments = comments
    assessment.save()
    assessment = record_own_score(assessment=assessment, by=officer, score=1, rationale=SECRET_RATIONALE)
    agree_score(assessment=Assessment.objects.get(pk=assessment.pk), score=2, rationale=SECRET_AGREEMENT, by=manager)
    review.refresh_from_db()
    review.publish(by=manager)
    make_public(review, by=manager, include_comments=True)
    return seed_review, review


@pytest.fixture
def second_manager(db):
    return make_user(username="maria", group="Manager", first_name="Maria", last_name="Moss")
