"""Editing an assessment: validation, history, conflicts, and text that must render inert."""

import re

import pytest
from django.test import Client

from objectives.models import Assessment
from tests.factories import make_action, make_seed_review


def edit_data(assessment, **changes):
    data = {
        "score": assessment.score or "",
        "target": assessment.target or "",
        "origin": assessment.origin,
        "comments": assessment.comments,
        "version": assessment.version,
    }
    data.update(changes)
    return data


def test_the_edit_form_names_the_levels_and_shows_last_year(client, draft, officer):
    client.force_login(officer)
    content = client.get("/reviews/2022/objectives/3/edit/").content.decode()
    for label in ["Not scored", "1 Minimum", "2 Developing", "3 Mature", "4 Leader", "5 Innovator"]:
        assert label in content
    assert re.search(r'type="radio"[^>]*name="score" value="3"', content)
    assert "Last year (2021)" in content and "Category Management to create Councillor development" in content


def test_an_officer_scores_and_comments_and_history_records_it(client, draft, officer):
    client.force_login(officer)
    assessment = draft.assessments.get(objective__number=3)
    response = client.post(
        "/reviews/2022/objectives/3/edit/",
        edit_data(assessment, score=3, comments="Training ran twice.\n\nCouncillors asked for more."),
    )
    assert response["Location"] == "/reviews/2022/objectives/3/"
    assessment.refresh_from_db()
    assert (assessment.score, assessment.version) == (3, 2)
    record = assessment.history.first()
    assert record.history_user == officer and record.history_type == "~"
    previous = record.prev_record
    changed = {change.field: (change.old, change.new) for change in record.diff_against(previous).changes}
    assert changed["score"] == (None, 3)
    assert changed["comments"] == ("", "Training ran twice.\n\nCouncillors asked for more.")
    page = client.get("/reviews/2022/objectives/3/").content.decode()
    assert "Changed</strong> by Olivia Okafor" in page and "3 Mature" in page


def test_an_officer_cannot_change_the_target(client, draft, officer):
    client.force_login(officer)
    assessment = draft.assessments.get(objective__number=3)
    client.post("/reviews/2022/objectives/3/edit/", edit_data(assessment, score=2, target=5))
    assessment.refresh_from_db()
    assert (assessment.score, assessment.target) == (2, None)


def test_a_manager_sets_the_target(client, draft, manager):
    client.force_login(manager)
    assessment = draft.assessments.get(objective__number=3)
    client.post("/reviews/2022/objectives/3/edit/", edit_data(assessment, target=4))
    assessment.refresh_from_db()
    assert assessment.target == 4


@pytest.mark.parametrize(("field", "value"), [("score", 7), ("score", "x"), ("target", 0), ("origin", "maybe")])
def test_invalid_values_are_refused_with_a_message(client, draft, manager, field, value):
    client.force_login(manager)
    assessment = draft.assessments.get(objective__number=3)
    response = client.post("/reviews/2022/objectives/3/edit/", edit_data(assessment, **{field: value}))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert "please correct the fields marked below" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.version == 1


def test_the_second_to_save_is_told_and_shown_the_other_change(draft, officer, manager):
    first, second = Client(), Client()
    first.force_login(officer)
    second.force_login(manager)
    assessment = draft.assessments.get(objective__number=7)
    opened = edit_data(assessment)  # both open the form at version 1
    first.post("/reviews/2022/objectives/7/edit/", {**opened, "score": 3, "comments": "Officer's words."})
    response = second.post("/reviews/2022/objectives/7/edit/", {**opened, "score": 4, "comments": "Manager's words."})
    assert response.status_code == 409
    content = response.content.decode()
    assert "Someone else saved this assessment while you were editing" in content
    assert "Olivia Okafor saved it" in content
    assert "Officer&#x27;s words." in content  # the other change, shown
    assert "Manager&#x27;s words.</textarea>" in content  # the second person's text, kept in the form
    assert 'name="version" value="2"' in content
    assessment.refresh_from_db()
    assert (assessment.score, assessment.comments) == (3, "Officer's words.")
    # Having read it, the second person may save deliberately.
    response = second.post(
        "/reviews/2022/objectives/7/edit/", {**opened, "version": 2, "score": 4, "comments": "Both, merged."}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    # Each keeps their own score; as they differ, the objective's score waits for a manager to agree it.
    assert (assessment.score, assessment.comments, assessment.version) == (None, "Both, merged.", 3)
    assert sorted(assessment.own_scores.values_list("score", flat=True)) == [3, 4]


def test_a_published_review_is_read_only(client, seed_review, manager):
    client.force_login(manager)
    assessment = seed_review.assessments.get(objective__number=3)
    assert client.post("/reviews/2021/objectives/3/edit/", edit_data(assessment, score=5)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.score == 2


def test_starting_a_new_review_carries_every_objective_forward(client, nps, manager):
    seed_review = make_seed_review(framework=nps)
    seed_review.assessments.filter(objective__number=31).update(target=4)
    seed_review.publish(by=manager)
    client.force_login(manager)
    assert 'value="2022"' in client.get("/reviews/new/").content.decode()
    response = client.post("/reviews/new/", {"year": 2022})
    assert response["Location"] == "/reviews/2022/"
    new = {a.objective.number: a for a in Assessment.objects.filter(review__year=2022).select_related("objective")}
    assert set(new) == set(seed_review.assessments.values_list("objective__number", flat=True))
    assert all(a.origin == "continued" and a.score is None and a.comments == "" for a in new.values())
    assert new[31].target == 4
    assert new[31].history.first().history_user == manager


@pytest.mark.parametrize("year", [2021, 2020])
def test_a_new_review_must_come_after_the_last(client, seed_review, manager, year):
    client.force_login(manager)
    response = client.post("/reviews/new/", {"year": year})
    assert response.status_code == 200
    assert not Assessment.objects.filter(review__year=year).exclude(review=seed_review).exists()


def test_publish_and_reopen_are_recorded(client, draft, manager, committee_member):
    client.force_login(manager)
    assert "Publish the 2022 review?" in client.get("/reviews/2022/publish/").content.decode()
    client.post("/reviews/2022/publish/")
    draft.refresh_from_db()
    assert draft.is_published and draft.published_by == manager and draft.published_at
    response = client.post("/reviews/2022/reopen/", {"reason": ""})
    assert "This field is required" in response.content.decode()
    client.post("/reviews/2022/reopen/", {"reason": "Figures for #40 were wrong."})
    draft.refresh_from_db()
    assert not draft.is_published
    statuses = list(draft.history.order_by("history_date").values_list("status", "history_change_reason"))
    assert statuses[-2:] == [("published", "Published"), ("draft", "Reopened: Figures for #40 were wrong.")]
    page = client.get("/reviews/2022/objectives/3/").content.decode()
    assert page.index("Reopened") < page.index("Published (signed off)")  # newest first
    assert "Figures for #40 were wrong." in page
    client.force_login(committee_member)
    assert client.get("/reviews/2022/").status_code == 404


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "<b>unclosed <i",
    "</textarea><script>alert(2)</script>",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_renders_inert_on_every_page(client, draft, officer, text):
    client.force_login(officer)
    assessment = draft.assessments.get(objective__number=3)
    client.post("/reviews/2022/objectives/3/edit/", edit_data(assessment, comments=text))
    action = make_action(review=draft, objective=assessment.objective, text=text, lead=text)
    assessment.refresh_from_db()
    assert assessment.comments == text
    pages = [
        "/reviews/2022/",
        "/reviews/2022/objectives/3/",
        "/reviews/2022/objectives/3/edit/",
        "/reviews/2022/actions/",
    ]
    for url in [*pages, f"/actions/{action.pk}/", f"/actions/{action.pk}/edit/"]:
        content = client.get(url).content.decode()
        for tag in ["<script>alert", "<img src=x", '<a href="javascript:', "<b>unclosed", "<i\n"]:
            assert tag not in content, f"{tag!r} rendered live on {url}"


def test_paragraphs_and_lists_are_kept(client, draft, officer):
    client.force_login(officer)
    assessment = draft.assessments.get(objective__number=3)
    text = "First paragraph.\n\nSecond paragraph.\n\n- one\n- two"
    client.post("/reviews/2022/objectives/3/edit/", edit_data(assessment, comments=text))
    content = client.get("/reviews/2022/").content.decode()
    assert "<p>First paragraph.</p><p>Second paragraph.</p><ul><li>one</li><li>two</li></ul>" in content
