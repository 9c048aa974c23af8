"""Sign-off, edits and new reviews at the same moment, on PostgreSQL, with real threads and connections.

Each thread is a person with a browser session of their own (the test client), and a database connection of its
own; a barrier lets them all go at once.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from objectives.models import Assessment, Review
from objectives.roles import ensure_roles
from tests.factories import make_seed_review, make_user

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL's row locks"
)


@pytest.fixture
def people(transactional_db, nps):
    """A draft of the seed, eight officers and two managers."""
    ensure_roles()  # a transactional test's database is emptied after each test, groups and all
    managers = [make_user(username=f"manager{n}", group="Manager") for n in range(2)]
    officers = [make_user(username=f"officer{n}", group="Procurement officer") for n in range(8)]
    review = make_seed_review(framework=nps, user=managers[0])
    return review, officers, managers


def all_at_once(*requests):
    """Run each (user, method, url, data) from its own thread at the same moment; return the responses in order."""
    barrier, responses = threading.Barrier(len(requests)), [None] * len(requests)

    def run(index, user, method, url, data):
        client = Client()
        client.force_login(user)
        try:
            barrier.wait()
            responses[index] = getattr(client, method)(url, data)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def edit(officer, assessment):
    data = {"score": 4, "origin": assessment.origin, "comments": f"Edited by {officer.username}."}
    url = f"/reviews/{assessment.review.year}/objectives/{assessment.objective.number}/edit/"
    return (officer, "post", url, {**data, "version": assessment.version})


def test_publishing_against_eight_editors_lets_each_edit_land_before_the_sign_off_or_be_refused(people):
    review, officers, managers = people
    assessments = list(Assessment.objects.filter(review=review).select_related("objective", "review")[:8])
    publish = (managers[0], "post", f"/reviews/{review.year}/publish/", {})
    responses = all_at_once(publish, *(edit(o, a) for o, a in zip(officers, assessments, strict=True)))
    assert responses[0].status_code == 302
    review.refresh_from_db()
    assert review.is_published
    saved = [a for a, r in zip(assessments, responses[1:], strict=True) if r.status_code == 302]
    refused = [r for r in responses[1:] if r.status_code != 302]
    # Refused: the sign-off came first, before the request (403) or while it waited for the lock (409).
    assert all(r.status_code in (403, 409) for r in refused), [r.status_code for r in refused]
    assert len(saved) + len(refused) == 8
    for assessment in assessments:
        changes = assessment.history.filter(history_type="~")
        assert all(change.history_date < review.published_at for change in changes)
        assert changes.count() == (1 if assessment in saved else 0)


def test_two_managers_publishing_at_once_publish_once(people):
    review, _officers, managers = people
    responses = all_at_once(*((manager, "post", f"/reviews/{review.year}/publish/", {}) for manager in managers))
    assert sorted(r.status_code for r in responses) in ([302, 302], [302, 403])
    reasons = Review.history.filter(id=review.pk).values_list("history_change_reason", flat=True)
    assert list(reasons).count("Published") == 1


def test_six_people_starting_the_same_year_make_one_review_and_the_others_are_told(people):
    review, _officers, managers = people
    review.publish(by=managers[0])
    starts = [(managers[n % 2], "post", "/reviews/new/", {"year": 2022}) for n in range(6)]
    responses = all_at_once(*starts)
    assert sorted(r.status_code for r in responses) == [200] * 5 + [302]
    assert Review.objects.filter(year=2022).count() == 1
    assert Assessment.objects.filter(review__year=2022).count() == 13
    for response in responses:
        if response.status_code == 200:
            assert "There is a 2022 review of this framework already." in response.content.decode()


def test_two_managers_adding_the_same_objective_at_once_add_it_once(people, nps):
    review, _officers, managers = people
    Assessment.objects.filter(review=review, objective__number=57).delete()
    objective = nps.objectives.get(number=57)
    add = {"add": "1", "catalogue-objective": objective.pk}
    responses = all_at_once(
        *((manager, "post", f"/reviews/{review.year}/objectives/add/", add) for manager in managers)
    )
    assert sorted(r.status_code for r in responses) == [200, 302]  # the second is told it is there already
    assert Assessment.objects.filter(review=review, objective=objective).count() == 1
