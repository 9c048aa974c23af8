"""The admin's assessment form: a writer like the edit page, moving the version and keeping line endings."""

import pytest

from objectives.models import Assessment
from tests.factories import (
    make_assessment,
    make_framework,
    make_key_area,
    make_objective,
    make_review,
    make_theme,
    make_user,
)


@pytest.fixture
def assessment(db):
    framework = make_framework()
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=3)
    return make_assessment(review=make_review(framework=framework), objective=objective, comments="First.\n\nSecond.")


def change_url(assessment):
    return f"/admin/objectives/assessment/{assessment.pk}/change/"


def admin_post(assessment, **changes):
    data = {
        "review": assessment.review_id,
        "objective": assessment.objective_id,
        "score": assessment.score or "",
        "target": assessment.target or "",
        "origin": assessment.origin,
        "comments": assessment.comments.replace("\n", "\r\n"),  # as a browser's textarea sends it
        "opened_version": assessment.version,
    }
    data.update(changes)
    return data


def test_an_admin_save_moves_the_version_and_records_only_what_changed(client, staff, assessment):
    client.force_login(staff)
    assert client.get(change_url(assessment)).status_code == 200
    response = client.post(change_url(assessment), admin_post(assessment, score=2))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.score, assessment.version) == (2, 2)
    assert assessment.comments == "First.\n\nSecond."  # the browser's CRLF is not stored
    latest, before = assessment.history.order_by("-history_id")[:2]
    delta = latest.diff_against(before, included_fields=Assessment.RECORDED_FIELDS)
    assert [change.field for change in delta.changes] == ["score"]
    assert latest.history_user == staff


def test_a_stale_admin_save_is_refused_and_writes_nothing(client, staff, assessment):
    client.force_login(staff)
    opened = admin_post(assessment, score=4)
    assessment.score = 1
    assessment.next_version()
    assessment.save()  # an officer's save, after the admin opened the form
    response = client.post(change_url(assessment), opened)
    assert response.status_code == 200
    assert "Someone changed this assessment since you opened it" in response.content.decode()
    assessment.refresh_from_db()
    assert (assessment.score, assessment.version) == (1, 2)


def test_an_officers_form_opened_before_an_admin_save_is_refused_as_stale(client, staff, officer, assessment):
    client.force_login(staff)
    client.post(change_url(assessment), admin_post(assessment, score=4))
    client.force_login(officer)
    url = f"/reviews/{assessment.review.year}/objectives/3/edit/"
    data = {"score": "1", "origin": "continued", "comments": "Mine.", "version": 1}  # opened before
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Someone else saved this assessment while you were editing" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).score == 4


def test_the_admin_gives_an_officer_the_pages_permissions(client, assessment):
    officer_staff = make_user(username="ola", group="Procurement officer", is_staff=True)
    client.force_login(officer_staff)
    page = client.get(change_url(assessment)).content.decode()
    assert 'name="score"' in page and 'name="target"' not in page  # targets are a manager's
    assert client.get("/admin/objectives/assessment/add/").status_code == 403  # adding is a manager's
    client.post(change_url(assessment), admin_post(assessment, score=3, target=5))
    assessment.refresh_from_db()
    assert (assessment.score, assessment.target) == (3, None)


def test_the_admin_refuses_a_score_that_is_no_level_with_a_message(client, staff, assessment):
    client.force_login(staff)
    response = client.post(change_url(assessment), admin_post(assessment, score=9))
    assert response.status_code == 200
    assert "Choose a level of Test framework: 1 Minimum" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.score is None
