"""The permission ladder of every scorecard view: anonymous, no role, each role, and staff."""

import pytest

from objectives.models import Review
from tests.factories import make_objective


@pytest.fixture
def reviews(seed_review, nps, manager):
    """2021 published (the seed) and 2022 a draft with one objective."""
    from objectives.services.reviews import start_review

    draft = start_review(previous=seed_review, year=2022, by=manager)
    make_objective(key_area=nps.themes.get(slug="enablers").key_areas.get(), number=58)
    return seed_review, draft


PERSONAS = ["anonymous", "outsider", "committee_member", "officer", "manager", "staff"]

# url, then the status each persona gets, in PERSONAS order (302: to the login page)
LADDER = [
    ("/", [302, 403, 302, 302, 302, 302]),
    ("/reviews/", [302, 403, 200, 200, 200, 200]),
    ("/reviews/2021/", [302, 403, 200, 200, 200, 200]),
    ("/reviews/2022/", [302, 403, 404, 200, 200, 200]),
    ("/reviews/2021/objectives/3/", [302, 403, 200, 200, 200, 200]),
    ("/reviews/2022/objectives/3/", [302, 403, 404, 200, 200, 200]),
    ("/reviews/2021/objectives/3/edit/", [302, 403, 403, 403, 403, 403]),
    ("/reviews/2022/objectives/3/edit/", [302, 403, 404, 200, 200, 200]),
    ("/reviews/2022/objectives/add/", [302, 403, 404, 403, 200, 200]),
    ("/reviews/2021/objectives/add/", [302, 403, 403, 403, 403, 403]),
    ("/reviews/2022/objectives/3/remove/", [302, 403, 404, 403, 200, 200]),
    ("/reviews/new/", [302, 403, 403, 403, 200, 200]),
    ("/reviews/2022/publish/", [302, 403, 404, 403, 200, 200]),
    ("/reviews/2021/publish/", [302, 403, 403, 403, 403, 403]),
    ("/reviews/2021/reopen/", [302, 403, 403, 403, 200, 200]),
    ("/reviews/2022/reopen/", [302, 403, 404, 403, 403, 403]),
    ("/reviews/2021/actions/planning/", [302, 403, 403, 403, 200, 200]),
    ("/reviews/2022/paper/", [302, 403, 404, 403, 200, 200]),
    ("/reviews/2021/paper/", [302, 403, 403, 403, 403, 403]),
    ("/reviews/2022/actions/planning/", [302, 403, 404, 403, 200, 200]),
    ("/reviews/2021/objectives/99/", [302, 403, 404, 404, 404, 404]),
    ("/reviews/1999/", [302, 403, 404, 404, 404, 404]),
]


@pytest.mark.parametrize(("url", "statuses"), LADDER, ids=[url for url, _ in LADDER])
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_ladder(client, request, reviews, url, statuses, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(url)
    expected = statuses[PERSONAS.index(persona)]
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == 302 and persona == "anonymous":
        assert response["Location"] == f"/login/?next={url}"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        # The 2022 review is a draft: to a committee member it does not exist.
        ("/reviews/2022/objectives/3/edit/", 404),
        ("/reviews/2022/publish/", 404),
        ("/reviews/2022/objectives/3/remove/", 404),
        ("/reviews/2022/objectives/add/", 404),
        ("/reviews/2022/actions/planning/", 404),
        ("/reviews/2022/paper/", 404),
        # Starting a review names no draft: the role may not do it.
        ("/reviews/new/", 403),
    ],
)
def test_a_committee_member_cannot_post_either(client, reviews, committee_member, url, status):
    client.force_login(committee_member)
    assert client.post(url, {"year": 2023, "score": 5}).status_code == status
    assert reviews[1].assessments.get(objective__number=3).score is None
    assert not Review.objects.filter(year=2023).exists()


def test_an_officer_cannot_publish_by_post(client, reviews, officer):
    client.force_login(officer)
    assert client.post("/reviews/2022/publish/").status_code == 403
    reviews[1].refresh_from_db()
    assert not reviews[1].is_published


def test_committee_members_do_not_see_drafts_in_lists_or_home(client, reviews, committee_member):
    client.force_login(committee_member)
    assert b"/reviews/2022/" not in client.get("/reviews/").content
    assert client.get("/")["Location"] == "/reviews/2021/"


def test_no_edit_links_for_a_committee_member_and_on_published_reviews(client, reviews, committee_member, officer):
    client.force_login(committee_member)
    assert b"/edit/" not in client.get("/reviews/2021/").content
    client.force_login(officer)
    assert b"/edit/" not in client.get("/reviews/2021/").content
    assert b"/reviews/2022/objectives/3/edit/" in client.get("/reviews/2022/").content


def test_sign_in_comes_back_to_the_page_asked_for(client, seed_review, officer):
    response = client.post(
        "/login/?next=/reviews/2021/",
        {"username": "olivia", "password": "correct-horse-battery", "next": "/reviews/2021/"},
    )
    assert response["Location"] == "/reviews/2021/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_sign_in_never_redirects_off_site(client, seed_review, officer, target):
    response = client.post("/login/", {"username": "olivia", "password": "correct-horse-battery", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_sign_out_is_a_post(client, officer):
    client.force_login(officer)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/")["Location"] == "/login/"


def test_a_removed_objective_can_be_added_back(client, reviews, manager):
    client.force_login(manager)
    assert client.post("/reviews/2022/objectives/3/remove/").status_code == 302
    assert not reviews[1].assessments.filter(objective__number=3).exists()
    objective = reviews[0].assessments.get(objective__number=3).objective
    response = client.post("/reviews/2022/objectives/add/", {"add": "1", "catalogue-objective": objective.pk})
    assert response["Location"] == "/reviews/2022/objectives/3/edit/"
    assert reviews[1].assessments.get(objective__number=3).origin == "new"


def test_add_offers_only_objectives_not_in_the_review(client, reviews, manager):
    client.force_login(manager)
    content = client.get("/reviews/2022/objectives/add/").content.decode()
    assert "#58 Objective 58" in content and "#3 Councillor" not in content
