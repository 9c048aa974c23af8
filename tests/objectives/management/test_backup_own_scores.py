"""A backup carries own scores, agreements and a review's scoring rules, with their history, of a published review
as of a draft."""

import pytest
from django.core.management import call_command

from objectives.models import Agreement, Moderation, OwnScore
from objectives.roles import ensure_roles
from objectives.services.moderation import agree_score, record_own_score
from tests.factories import make_seed_review, make_user

# Emptying the database (flush) must commit, so this runs outside the usual test transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def state():
    return {
        "own": list(
            OwnScore.objects.order_by("pk").values_list("pk", "assessment_id", "scorer__username", "score", "rationale")
        ),
        "agreed": list(
            Agreement.objects.order_by("pk").values_list("assessment_id", "agreed_by__username", "rationale")
        ),
        "rules": list(Moderation.objects.values_list("review_id", "blind", "pack_names_scorers")),
        "history": list(OwnScore.history.order_by("history_id").values_list("id", "score", "history_user__username")),
    }


def test_backup_and_restore_keep_own_and_agreed_scores_of_a_published_review(nps, manager, tmp_path):
    ensure_roles()
    officer = make_user(username="olivia", group="Procurement officer")
    review = make_seed_review(framework=nps, user=manager)
    Moderation.objects.create(review=review, blind=False, pack_names_scorers=True)
    assessment = review.assessments.get(objective__number=3)
    record_own_score(assessment=assessment, by=officer, score=2, rationale="One session.")
    record_own_score(assessment=assessment, by=manager, score=4, rationale="Three sessions.")
    agree_score(assessment=assessment, score=3, rationale="Two sessions, agreed.", by=manager)
    review.publish(by=manager)
    before = state()
    assert len(before["own"]) == 2 and len(before["agreed"]) == 1
    path = tmp_path / "backup.xml"
    call_command("backup_scorecard", str(path))
    call_command("flush", interactive=False, verbosity=0)
    ensure_roles()
    call_command("restore_scorecard", str(path))
    assert state() == before
