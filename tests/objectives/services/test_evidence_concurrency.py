"""Sign-off and new evidence at the same moment, on PostgreSQL, with real threads and connections: each item lands
before the sign-off or is refused, never after it."""

import threading

import pytest
from django.db import connection
from django.test import Client

from objectives.models import Evidence
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


def test_publishing_against_six_officers_adding_evidence_lets_each_land_before_the_sign_off_or_be_refused(
    transactional_db, nps
):
    ensure_roles()
    manager = make_user(username="manager", group="Manager")
    officers = [make_user(username=f"officer{n}", group="Procurement officer") for n in range(6)]
    review = make_seed_review(framework=nps, user=manager)
    add = {"title": "Minute", "dated": "2021-03-01", "link": "https://www.medway.gov.uk/"}
    responses = all_at_once(
        (manager, f"/reviews/{review.year}/publish/", {}),
        *((officer, f"/reviews/{review.year}/objectives/3/evidence/new/", add) for officer in officers),
    )
    assert responses[0].status_code == 302
    review.refresh_from_db()
    added = [r for r in responses[1:] if r.status_code == 302]
    assert all(r.status_code == 403 for r in responses[1:] if r.status_code != 302)
    assert Evidence.objects.count() == len(added)
    assert all(item.added_at < review.published_at for item in Evidence.objects.all())
