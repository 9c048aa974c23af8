"""Making a signed-off review public, and withdrawing it: the service, its history, and who may do it."""

import pytest

from objectives.models import PublicRelease
from objectives.services.public import NotSignedOff, make_public, withdraw_public

pytestmark = pytest.mark.django_db


def reasons(release):
    return [(h.history_change_reason, h.history_user_id) for h in release.history.order_by("history_date", "pk")]


def test_making_public_and_withdrawing_are_in_the_history(seed_review, manager, second_manager):
    release = make_public(seed_review, by=manager, include_comments=False)
    assert (release.released_by, release.include_comments, release.is_withdrawn) == (manager, False, False)
    assert withdraw_public(seed_review, by=second_manager)
    release.refresh_from_db()
    assert release.withdrawn_by == second_manager and release.withdrawn_at is not None
    assert not withdraw_public(seed_review, by=manager)  # once is enough: nothing more recorded
    make_public(seed_review, by=manager, include_comments=True)
    release.refresh_from_db()
    assert (release.is_withdrawn, release.include_comments) == (False, True)
    assert reasons(release) == [
        ("Made public without its comments", manager.pk),
        ("Withdrawn from the public", second_manager.pk),
        ("Made public with its comments", manager.pk),
    ]


def test_the_choice_of_comments_can_change_while_public(seed_review, manager):
    first = make_public(seed_review, by=manager, include_comments=False)
    again = make_public(seed_review, by=manager, include_comments=False)  # nothing new: nothing recorded
    make_public(seed_review, by=manager, include_comments=True)
    first.refresh_from_db()
    assert again.pk == first.pk and first.include_comments
    assert [reason for reason, _ in reasons(first)] == [
        "Made public without its comments",
        "Now shown with its comments",
    ]


def test_a_draft_cannot_be_made_public(draft, manager):
    with pytest.raises(NotSignedOff):
        make_public(draft, by=manager, include_comments=False)
    assert not PublicRelease.objects.exists()


def test_reopening_withdraws_from_the_public(seed_review, manager):
    release = make_public(seed_review, by=manager, include_comments=False)
    seed_review.reopen(by=manager, reason="A score was wrong")
    release.refresh_from_db()
    assert release.is_withdrawn and release.withdrawn_by == manager
    assert reasons(release)[-1] == ("Withdrawn from the public: the review was reopened", manager.pk)
    assert not PublicRelease.objects.current().exists()


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [("committee_member", False), ("officer", False), ("outsider", False), ("manager", True)],
)
def test_only_a_manager_makes_public_and_withdraws(client, request, seed_review, persona, allowed):
    client.force_login(request.getfixturevalue(persona))
    response = client.post("/reviews/2021/public/", {"include_comments": "on"})
    assert response.status_code == (302 if allowed else 403)
    assert PublicRelease.objects.current().exists() == allowed
    if allowed:
        assert PublicRelease.objects.get().include_comments
    else:
        make_public(seed_review, by=request.getfixturevalue("manager"), include_comments=False)
    response = client.post("/reviews/2021/public/withdraw/")
    assert response.status_code == (302 if allowed else 403)
    assert PublicRelease.objects.current().exists() == (not allowed)


def test_the_actions_are_posts_only(client, manager, seed_review):
    client.force_login(manager)
    assert client.get("/reviews/2021/public/").status_code == 405
    assert client.get("/reviews/2021/public/withdraw/").status_code == 405
    assert not PublicRelease.objects.exists()


def test_anonymous_is_sent_to_sign_in(client, seed_review):
    response = client.post("/reviews/2021/public/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not PublicRelease.objects.exists()


def test_the_review_page_offers_it_to_a_manager_only_once_signed_off(client, manager, officer, seed_review, draft):
    client.force_login(manager)
    page = client.get("/reviews/2021/").content.decode()
    assert 'action="/reviews/2021/public/"' in page and "Include each objective" in page
    assert 'action="/reviews/2022/public/"' not in client.get("/reviews/2022/").content.decode()
    client.post("/reviews/2021/public/")
    page = client.get("/reviews/2021/").content.decode()
    assert 'action="/reviews/2021/public/withdraw/"' in page and 'href="/public/2021/"' in page
    client.force_login(officer)
    assert "/public/withdraw/" not in client.get("/reviews/2021/").content.decode()


def test_a_manager_making_a_draft_public_is_told_no(client, manager, draft):
    client.force_login(manager)
    response = client.post("/reviews/2022/public/", follow=True)
    assert "only a signed-off review can be made public" in response.content.decode()
    assert not PublicRelease.objects.exists()
