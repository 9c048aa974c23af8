"""The permission ladder of every action page: anonymous, no role, each role, and staff."""

import pytest

from objectives.models import Action
from objectives.services.reviews import start_review
from tests.factories import make_action


@pytest.fixture
def actions(seed_review, manager):
    """An action of the published 2021 review, and one raised in the 2022 draft (which the committee cannot see)."""
    draft = start_review(previous=seed_review, year=2022, by=manager)
    objective = seed_review.assessments.get(objective__number=3).objective
    published = seed_review.raised_actions.filter(objective=objective).first()
    drafted = make_action(review=draft, objective=objective, text="Draft only.", by=manager)
    return published, drafted


PERSONAS = ["anonymous", "outsider", "committee_member", "officer", "manager", "staff"]
LADDER = [
    ("/reviews/2021/actions/", [302, 403, 200, 200, 200, 200]),
    ("/reviews/2022/actions/", [302, 403, 404, 200, 200, 200]),
    ("/reviews/2021/actions/export/?format=xlsx", [302, 403, 403, 200, 200, 200]),
    ("/reviews/2022/actions/export/?format=csv", [302, 403, 404, 200, 200, 200]),
    ("/reviews/2021/objectives/3/actions/new/", [302, 403, 403, 200, 200, 200]),
    ("/reviews/2022/objectives/3/actions/new/", [302, 403, 404, 200, 200, 200]),
    ("/reviews/2022/objectives/99/actions/new/", [302, 403, 404, 404, 404, 404]),
    ("/actions/{published}/", [302, 403, 200, 200, 200, 200]),
    ("/actions/{drafted}/", [302, 403, 404, 200, 200, 200]),
    ("/actions/{published}/edit/", [302, 403, 403, 200, 200, 200]),
    ("/actions/{drafted}/edit/", [302, 403, 404, 200, 200, 200]),
    ("/actions/{published}/progress/", [302, 403, 403, 200, 200, 200]),
    ("/actions/{drafted}/progress/", [302, 403, 404, 200, 200, 200]),
    ("/actions/999999/", [302, 403, 404, 404, 404, 404]),
]


@pytest.mark.parametrize(("url", "statuses"), LADDER, ids=[url for url, _ in LADDER])
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_ladder(client, request, actions, url, statuses, persona):
    url = url.format(published=actions[0].pk, drafted=actions[1].pk)
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(url)
    expected = statuses[PERSONAS.index(persona)]
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == 302:
        assert response["Location"] == f"/login/?next={url.replace('?', '%3F').replace('=', '%3D')}"


@pytest.mark.parametrize("path", ["/edit/", "/progress/"])
def test_a_committee_member_cannot_change_an_action_by_post(client, actions, committee_member, path):
    client.force_login(committee_member)
    response = client.post(f"/actions/{actions[0].pk}{path}", {"text": "Changed", "on": "2021-06-01", "status": "done"})
    assert response.status_code == 403
    assert Action.objects.get(pk=actions[0].pk).status == "planned"
    assert not actions[0].notes.exists()


def test_a_committee_member_cannot_raise_an_action_by_post(client, actions, committee_member):
    client.force_login(committee_member)
    before = Action.objects.count()
    assert client.post("/reviews/2021/objectives/3/actions/new/", {"text": "New"}).status_code == 403
    assert Action.objects.count() == before


def test_the_export_is_a_private_attachment(client, actions, officer):
    client.force_login(officer)
    response = client.get("/reviews/2021/actions/export/?format=xlsx")
    assert response["Content-Disposition"] == 'attachment; filename="action-plan-2021.xlsx"'
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/reviews/2021/actions/export/?format=pdf").status_code == 400
