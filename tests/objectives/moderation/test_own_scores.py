"""Own scores from the edit form: blind until one's own is recorded, the single voice agreed by the rule, the
spread flagged at two levels, and who sees what."""

import re

import pytest
from django.test import Client

from objectives.models import Agreement, Moderation, OwnScore
from tests.factories import make_user


def edit(client, assessment, score, rationale=""):
    assessment.refresh_from_db()
    data = {
        "score": score if score is not None else "",
        "rationale": rationale,
        "target": assessment.target or "",
        "origin": assessment.origin,
        "comments": assessment.comments,
        "version": assessment.version,
    }
    url = f"/reviews/{assessment.review.year}/objectives/{assessment.objective.number}/edit/"
    return client.post(url, data)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def second_officer(db):
    return make_user(username="priya", group="Procurement officer", first_name="Priya", last_name="Patel")


@pytest.fixture
def objective3(draft):
    return draft.assessments.select_related("objective", "review").get(objective__number=3)


def test_an_officers_own_score_is_recorded_with_its_rationale_and_history(draft, officer, objective3):
    response = edit(signed_in(officer), objective3, 3, "Training ran twice.")
    assert response.status_code == 302
    own = OwnScore.objects.get(assessment=objective3, scorer=officer)
    assert (own.score, own.rationale) == (3, "Training ran twice.")
    edit(signed_in(officer), objective3, 4, "And a third time.")
    own.refresh_from_db()
    assert own.score == 4
    assert [h.score for h in own.history.order_by("history_date")] == [3, 4]
    assert all(h.history_user == officer for h in own.history.all())


def test_a_single_own_score_becomes_the_agreed_score_under_the_default_rule(draft, officer, objective3):
    edit(signed_in(officer), objective3, 3)
    objective3.refresh_from_db()
    assert objective3.score == 3
    assert Agreement.objects.get(assessment=objective3).is_by_rule


def test_own_scores_that_differ_leave_the_objective_waiting_to_be_agreed(draft, officer, second_officer, objective3):
    edit(signed_in(officer), objective3, 2)
    edit(signed_in(second_officer), objective3, 5)
    objective3.refresh_from_db()
    assert objective3.score is None
    assert sorted(objective3.own_scores.values_list("score", flat=True)) == [2, 5]
    assert not Agreement.objects.filter(assessment=objective3).exists()


def test_with_the_rule_off_no_own_score_becomes_agreed(draft, officer, objective3):
    Moderation.objects.create(review=draft, single_voice_agrees=False)
    edit(signed_in(officer), objective3, 3)
    objective3.refresh_from_db()
    assert objective3.score is None
    assert objective3.own_scores.get().score == 3


def test_an_officer_sees_no_other_own_score_until_they_record_theirs(draft, officer, second_officer, objective3):
    edit(signed_in(officer), objective3, 2, "Only one session ran.")
    other = signed_in(second_officer)
    content = other.get("/reviews/2022/objectives/3/").content.decode()
    assert 'id="own-scores-blind"' in content
    # The agreed score (the single voice's, under the default rule) is everyone's; the own score's reason and the
    # table of who gave what are not, until one's own is recorded.
    assert "Only one session ran." not in content and "own-scores-table" not in content
    edit(other, objective3, 5, "Councillors asked for more.")
    content = other.get("/reviews/2022/objectives/3/").content.decode()
    assert 'id="own-scores-blind"' not in content
    assert "Only one session ran." in content and "Olivia Okafor" in content
    assert "Councillors asked for more." in content


def test_a_manager_always_sees_every_own_score(draft, officer, manager, objective3):
    edit(signed_in(officer), objective3, 2, "Only one session ran.")
    content = signed_in(manager).get("/reviews/2022/objectives/3/").content.decode()
    assert "Only one session ran." in content and "Olivia Okafor" in content
    assert "Agree the score" in content


def test_an_open_review_shows_the_own_scores_before_ones_own(draft, officer, second_officer, objective3):
    Moderation.objects.create(review=draft, blind=False)
    edit(signed_in(officer), objective3, 2, "Only one session ran.")
    content = signed_in(second_officer).get("/reviews/2022/objectives/3/").content.decode()
    assert "Only one session ran." in content and 'id="own-scores-blind"' not in content


@pytest.mark.parametrize(("low", "high", "flagged"), [(3, 4, False), (3, 5, True), (1, 5, True)])
def test_the_spread_is_flagged_from_two_levels_apart(draft, officer, second_officer, manager, low, high, flagged):
    assessment = draft.assessments.select_related("objective", "review").get(objective__number=3)
    edit(signed_in(officer), assessment, low)
    edit(signed_in(second_officer), assessment, high)
    client = signed_in(manager)
    content = client.get("/reviews/2022/").content.decode()
    assert ("Flagged: own scores" in content) is flagged
    shown = client.get("/reviews/2022/?flagged=on").content.decode()
    assert ('id="objective-3"' in shown) is flagged
    detail = client.get("/reviews/2022/objectives/3/").content.decode()
    assert f"lowest {low} (Olivia Okafor), highest {high} (Priya Patel)" in detail


def test_the_flag_follows_the_setting(draft, officer, second_officer, manager, settings):
    settings.SCORECARD_SPREAD_FLAG_LEVELS = 1
    assessment = draft.assessments.select_related("objective", "review").get(objective__number=3)
    edit(signed_in(officer), assessment, 3)
    edit(signed_in(second_officer), assessment, 4)
    content = signed_in(manager).get("/reviews/2022/?flagged=on").content.decode()
    assert 'id="objective-3"' in content and "1 levels apart" in content


def test_two_officers_own_scores_meet_no_conflict(draft, officer, second_officer, objective3):
    first, second = signed_in(officer), signed_in(second_officer)
    opened = objective3.version
    objective3.version = opened
    assert edit(first, objective3, 3).status_code == 302
    objective3.version = opened  # the second opened the form before the first saved
    data = {"score": 4, "rationale": "", "target": "", "origin": objective3.origin, "comments": objective3.comments}
    response = second.post("/reviews/2022/objectives/3/edit/", {**data, "version": opened})
    assert response.status_code == 302
    assert sorted(objective3.own_scores.values_list("score", flat=True)) == [3, 4]


def test_withdrawing_ones_own_score_removes_it_and_the_rules_agreement(draft, officer, objective3):
    client = signed_in(officer)
    edit(client, objective3, 3)
    edit(client, objective3, None)
    objective3.refresh_from_db()
    assert objective3.score is None and not objective3.own_scores.exists()


def test_the_theme_dashboard_lists_the_flagged_objectives_in_words(draft, officer, second_officer, manager):
    for number, scores in {3: (1, 4), 7: (2, 3)}.items():
        assessment = draft.assessments.select_related("objective", "review").get(objective__number=number)
        edit(signed_in(officer), assessment, scores[0])
        edit(signed_in(second_officer), assessment, scores[1])
    content = signed_in(manager).get("/reviews/2022/dashboard/").content.decode()
    listed = content[content.index('id="flagged-objectives"') :]
    listed = listed[: listed.index("</ul>")]
    assert "#3 " in listed and "Flagged: own scores 1 to 4, 3 levels apart" in listed
    assert "#7 " not in listed


def test_the_objectives_history_shows_own_scores_to_those_who_see_them(draft, officer, second_officer, manager):
    assessment = draft.assessments.select_related("objective", "review").get(objective__number=3)
    client = signed_in(officer)
    edit(client, assessment, 2, "One session.")
    edit(client, assessment, 3, "Two sessions.")
    page = signed_in(manager).get("/reviews/2022/objectives/3/").content.decode()
    assert "Own score recorded" in page and "Own score changed" in page
    assert "Two sessions." in page[page.index("Own score changed") :]
    blind = signed_in(second_officer).get("/reviews/2022/objectives/3/").content.decode()
    assert "Own score recorded" not in blind and "One session." not in blind


def test_the_edit_form_says_the_agreed_score_beside_ones_own(draft, officer, second_officer, objective3):
    edit(signed_in(officer), objective3, 2)
    page = signed_in(second_officer).get("/reviews/2022/objectives/3/edit/").content.decode()
    agreed = page[page.index('id="agreed-score"') :]
    assert 'class="level level-2"' in agreed[: agreed.index("</p>")]
    edit(signed_in(second_officer), objective3, 4)
    page = signed_in(second_officer).get("/reviews/2022/objectives/3/edit/").content.decode()
    assert "waiting to be agreed" in page
    assert re.search(r'type="radio"[^>]*name="score" value="4"[^>]*checked', page)  # one's own, not the agreed


def test_blind_scoring_hides_the_spread_from_the_scorecard_until_ones_own(draft, officer, second_officer, manager):
    assessment = draft.assessments.select_related("objective", "review").get(objective__number=3)
    edit(signed_in(officer), assessment, 1)
    edit(signed_in(manager), assessment, 4)
    other = signed_in(second_officer)
    assert "Flagged: own scores" not in other.get("/reviews/2022/").content.decode()
    assert 'id="objective-3"' not in other.get("/reviews/2022/?flagged=on").content.decode()
    edit(other, assessment, 2)
    assert "Flagged: own scores 1 to 4" in other.get("/reviews/2022/").content.decode()


def test_blind_scoring_hides_the_dashboards_flag_from_an_officer_yet_to_score(draft, officer, second_officer, manager):
    assessment = draft.assessments.select_related("objective", "review").get(objective__number=3)
    edit(signed_in(officer), assessment, 1)
    edit(signed_in(manager), assessment, 4)
    assert 'id="flagged-objectives"' not in signed_in(second_officer).get("/reviews/2022/dashboard/").content.decode()
    assert 'id="flagged-objectives"' in signed_in(officer).get("/reviews/2022/dashboard/").content.decode()
