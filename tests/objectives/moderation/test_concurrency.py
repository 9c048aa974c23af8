"""Two officers recording their own scores of an objective while a manager agrees it, on PostgreSQL, with real
threads and connections: nothing lost, nothing overwritten."""

import threading

import pytest
from django.db import connection
from django.test import Client

from objectives.models import Agreement, Assessment, OwnScore
from objectives.roles import ensure_roles
from tests.factories import make_seed_review, make_user

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL's row locks"
)


def all_at_once(*requests):
    """Run each (user, url, data) as a POST from its own thread at the same moment; return the responses."""
    barrier, responses = threading.Barrier(len(requests)), [None] * len(requests)

    def run(index, user, url, data):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            responses[index] = client.post(url, data)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


@pytest.fixture
def people(transactional_db, nps):
    ensure_roles()  # a transactional test's database is emptied after each test, groups and all
    manager = make_user(username="manager", group="Manager")
    officers = [make_user(username=f"officer{n}", group="Procurement officer") for n in range(2)]
    return make_seed_review(framework=nps, user=manager), officers, manager


@pytest.mark.parametrize("round_", range(3))
def test_two_officers_scoring_while_a_manager_agrees_lose_nothing(people, round_):
    review, officers, manager = people
    assessments = list(Assessment.objects.filter(review=review).select_related("objective")[:4])
    requests = []
    for assessment in assessments:
        base = f"/reviews/{review.year}/objectives/{assessment.objective.number}"
        for officer, score in zip(officers, (1, 5), strict=True):
            data = {"score": score, "rationale": f"{officer.username} says {score}.", "origin": assessment.origin}
            data |= {"comments": assessment.comments, "target": "", "version": assessment.version}
            requests.append((officer, f"{base}/edit/", data))
        requests.append((manager, f"{base}/agree/", {"score": 3, "rationale": "Agreed at the meeting."}))
    responses = all_at_once(*requests)
    assert [r.status_code for r in responses] == [302] * len(requests)
    for assessment in assessments:
        own = OwnScore.objects.filter(assessment=assessment).order_by("score")
        assert [(o.scorer.username, o.score) for o in own] == [("officer0", 1), ("officer1", 5)]
        assessment.refresh_from_db()
        assert assessment.score == 3  # the manager's, whichever came first
        agreement = Agreement.objects.get(assessment=assessment)
        assert (agreement.agreed_by, agreement.rationale) == (manager, "Agreed at the meeting.")
        # Every write is in the history, none over another.
        assert OwnScore.history.filter(assessment_id=assessment.pk).count() == 2
