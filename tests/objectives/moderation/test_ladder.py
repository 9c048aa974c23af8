"""The permission ladder of the moderation pages: anonymous redirected, hidden drafts 404, wrong role 403, managers
200; published reviews 403; and My work's objectives waiting to be agreed."""

import pytest

from objectives.models import Moderation
from objectives.services.assignments import assign
from objectives.services.moderation import agree_score, record_own_score
from objectives.services.reviews import start_review
from tests.factories import make_user

PAGES = ["/reviews/2022/objectives/3/agree/", "/reviews/2022/scoring/"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, draft, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", PAGES)
def test_committee_members_get_404_for_a_draft(client, draft, committee_member, url):
    client.force_login(committee_member)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("persona", ["officer", "outsider"])
def test_officers_and_outsiders_may_not(client, draft, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403
    assert client.post(url, {"score": 3, "blind": "on"}).status_code == 403


@pytest.mark.parametrize("url", PAGES)
def test_managers_may(client, draft, manager, url):
    client.force_login(manager)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/reviews/2021/objectives/3/agree/", "/reviews/2021/scoring/"])
def test_a_published_review_is_403(client, seed_review, manager, url):
    client.force_login(manager)
    assert client.get(url).status_code == 403


def test_a_manager_sets_the_scoring_rules_and_the_history_keeps_who(client, draft, manager):
    client.force_login(manager)
    response = client.post("/reviews/2022/scoring/", {"single_voice_agrees": "on", "pack_names_scorers": "on"})
    assert response.status_code == 302
    rules = Moderation.objects.get(review=draft)
    assert (rules.blind, rules.single_voice_agrees, rules.pack_names_scorers) == (False, True, True)
    assert rules.history.get().history_user == manager


def test_my_work_lists_for_a_manager_the_objectives_waiting_to_be_agreed(client, draft, officer, manager):
    other = make_user(username="priya", group="Procurement officer")
    for number, scores in {3: (1, 4), 7: (3, 2), 32: (2, 2)}.items():
        assessment = draft.assessments.get(objective__number=number)
        for who, score in zip((officer, other), scores, strict=True):
            record_own_score(assessment=assessment, by=who, score=score)
    client.force_login(manager)
    content = client.get("/my-work/").content.decode()
    section = content[content.index('id="to-agree"') :]
    section = section[: section.index("</table>")]
    assert "/reviews/2022/objectives/3/agree/" in section and "/reviews/2022/objectives/7/agree/" in section
    assert "/objectives/32/" not in section  # agreed by the rule: both gave 2
    assert section.index("objectives/3/") < section.index("objectives/7/")  # the flagged first
    assert "Flagged: own scores 1 to 4" in section
    client.force_login(officer)
    assert 'id="to-agree"' not in client.get("/my-work/").content.decode()


def test_an_assigned_objective_stays_to_score_until_its_officer_records_their_own(client, draft, officer, manager):
    assessment = draft.assessments.get(objective__number=3)
    assign(review=draft, officers={assessment.pk: officer}, due_by=None, by=manager)
    record_own_score(assessment=assessment, by=manager, score=3)  # agreed by the rule of one voice
    assessment.refresh_from_db()
    assert assessment.score == 3
    client.force_login(officer)
    assert "/reviews/2022/objectives/3/edit/" in client.get("/my-work/").content.decode()
    record_own_score(assessment=assessment, by=officer, score=3)
    assert "/reviews/2022/objectives/3/edit/" not in client.get("/my-work/").content.decode()


def test_staff_read_own_scores_in_the_admin_and_change_none(client, draft, officer, staff):
    assessment = draft.assessments.get(objective__number=3)
    record_own_score(assessment=assessment, by=officer, score=3)
    own = assessment.own_scores.get()
    client.force_login(staff)
    assert client.get("/admin/objectives/ownscore/").status_code == 200
    assert client.get(f"/admin/objectives/ownscore/{own.pk}/change/").status_code == 200  # the view page
    assert client.post(f"/admin/objectives/ownscore/{own.pk}/change/", {"score": 5}).status_code == 403
    assert client.get("/admin/objectives/ownscore/add/").status_code == 403
    own.refresh_from_db()
    assert own.score == 3


def test_the_next_review_starts_with_the_scoring_rules_and_no_own_score(draft, officer, manager):
    Moderation.objects.create(review=draft, blind=False, pack_names_scorers=True)
    assessment = draft.assessments.get(objective__number=3)
    record_own_score(assessment=assessment, by=officer, score=3)
    for waiting in draft.assessments.filter(score__isnull=True):
        agree_score(assessment=waiting, score=2, rationale="", by=manager)
    draft.publish(by=manager)
    following = start_review(previous=draft, year=2023, by=manager)
    rules = Moderation.objects.get(review=following)
    assert (rules.blind, rules.single_voice_agrees, rules.pack_names_scorers) == (False, True, True)
    assert not following.assessments.filter(own_scores__isnull=False).exists()


def test_a_manager_turns_every_scoring_rule_off(client, draft, manager):
    client.force_login(manager)
    assert client.post("/reviews/2022/scoring/", {}).status_code == 302  # no box ticked posts nothing
    rules = Moderation.objects.get(review=draft)
    assert (rules.blind, rules.single_voice_agrees, rules.pack_names_scorers) == (False, False, False)
