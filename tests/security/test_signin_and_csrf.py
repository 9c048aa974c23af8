import logging

import pytest
from django.test import Client

from objectives.services.reviews import start_review

PASSWORD = "correct-horse-battery"


def attempt(client, username, password, address="203.0.113.7"):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_repeated_failures_lock_that_account_out_from_that_address(client, officer, manager, caplog):
    axes_logger = logging.getLogger("axes")  # it does not propagate to the root logger: see LOGGING
    axes_logger.addHandler(caplog.handler)
    for _ in range(4):
        assert attempt(client, "olivia", "wrong-password").status_code == 200
    locked = attempt(client, "olivia", "wrong-password")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # Even the right password is refused while the lock-out lasts...
    assert attempt(client, "olivia", PASSWORD).status_code == 429
    axes_logger.removeHandler(caplog.handler)
    assert any("locking out" in r.getMessage().lower() and "olivia" in r.getMessage() for r in caplog.records)
    # ...but a colleague behind the same public address signs in as usual,
    assert attempt(Client(), "morgan", PASSWORD).status_code == 302
    # and the same person from another address is not locked out by an attacker elsewhere.
    assert attempt(Client(), "olivia", PASSWORD, address="198.51.100.20").status_code == 302


def test_a_success_resets_the_count(client, officer):
    for _ in range(3):
        attempt(client, "olivia", "wrong-password")
    assert attempt(client, "olivia", PASSWORD).status_code == 302
    for _ in range(3):
        assert attempt(Client(), "olivia", "wrong-password").status_code == 200


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/reviews/2022/objectives/3/edit/", {"score": 4, "origin": "continued", "version": 1}),
        ("/reviews/2022/publish/", {}),
        ("/reviews/new/", {"year": 2023}),
        ("/logout/", {}),
    ],
)
def test_every_post_needs_the_csrf_token(seed_review, manager, url, data):
    start_review(previous=seed_review, year=2022, by=manager)
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    response = client.post(url, data)
    assert response.status_code == 403
    assert seed_review.assessments.model.objects.get(review__year=2022, objective__number=3).score is None
