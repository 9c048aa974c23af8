"""A signed-off review is final on every path: the database, the pages, the admin and the commands."""

import pytest
from django.db import IntegrityError, connection, transaction

from objectives.models import REASON_LIMIT, TEXT_LIMIT, Action, Assessment, Review, SignedOff
from objectives.services.assessments import save_assessment
from tests.factories import (
    make_action,
    make_assessment,
    make_framework,
    make_key_area,
    make_objective,
    make_review,
    make_theme,
)


@pytest.fixture
def signed_off(db, manager):
    """A published review with one assessment, and its objective."""
    framework = make_framework()
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=3)
    review = make_review(framework=framework)
    assessment = make_assessment(review=review, objective=objective, score=2, comments="As signed off.")
    review.publish(by=manager)
    return assessment


def test_the_database_refuses_to_change_an_assessment_of_a_published_review(signed_off):
    with pytest.raises(IntegrityError, match="published"), transaction.atomic():
        Assessment.objects.filter(pk=signed_off.pk).update(score=4)
    assert Assessment.objects.get(pk=signed_off.pk).score == 2


def test_the_database_refuses_to_add_an_assessment_to_a_published_review(signed_off):
    other = make_objective(key_area=signed_off.objective.key_area, number=4)
    with pytest.raises(IntegrityError, match="published"), transaction.atomic():
        Assessment.objects.create(review=signed_off.review, objective=other)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's trigger leaves deletes to the app (0004)")
def test_postgresql_refuses_to_delete_an_assessment_of_a_published_review(signed_off):
    with pytest.raises(IntegrityError, match="published"), transaction.atomic():
        Assessment.objects.filter(pk=signed_off.pk).delete()


def test_a_reopened_review_takes_changes_again(signed_off, manager):
    signed_off.review.reopen(by=manager, reason="A late correction")
    Assessment.objects.filter(pk=signed_off.pk).update(score=4)
    assert Assessment.objects.get(pk=signed_off.pk).score == 4


def test_an_edit_meeting_a_sign_off_is_refused_and_writes_nothing(signed_off, officer):
    # Opened while the review was a draft, saved after it was published.
    stale = Assessment.objects.get(pk=signed_off.pk)
    stale.score = 5
    with pytest.raises(SignedOff, match="published and read-only"):
        save_assessment(assessment=stale, opened_version=stale.version, by=officer)
    assert signed_off.history.count() == 1


def test_a_second_publish_is_told_it_is_done_and_records_nothing(signed_off, manager):
    review = Review.objects.get(pk=signed_off.review_id)
    review.status = Review.Status.DRAFT  # as a manager's page still had it, opened before the first publish
    with pytest.raises(SignedOff):
        review.publish(by=manager)
    reasons = list(Review.history.filter(id=review.pk).values_list("history_change_reason", flat=True))
    assert reasons.count("Published") == 1


def test_a_long_reopening_reason_is_kept_whole_with_its_history_row(client, signed_off, manager):
    client.force_login(manager)
    reason = "The figures for objective 3 were wrong. " * 12  # 480 characters: five times the old column
    response = client.post(f"/reviews/{signed_off.review.year}/reopen/", {"reason": reason})
    assert response.status_code == 302
    review = Review.objects.get(pk=signed_off.review_id)
    assert not review.is_published
    assert review.history.first().history_change_reason == f"Reopened: {reason.strip()}"


def test_a_reopening_reason_over_the_limit_is_refused_before_anything_changes(client, signed_off, manager):
    client.force_login(manager)
    page = client.get(f"/reviews/{signed_off.review.year}/reopen/").content.decode()
    assert f'maxlength="{REASON_LIMIT}"' in page  # the browser stops the typing at the limit
    response = client.post(f"/reviews/{signed_off.review.year}/reopen/", {"reason": "x" * (REASON_LIMIT + 1)})
    assert response.status_code == 200
    assert f"at most {REASON_LIMIT} characters" in response.content.decode()
    assert Review.objects.get(pk=signed_off.review_id).is_published


def test_comments_and_actions_have_one_limit_in_form_and_database(client, signed_off, manager, officer):
    signed_off.review.reopen(by=manager, reason="More to say")
    client.force_login(officer)
    url = "/reviews/2021/objectives/3/edit/"
    page = client.get(url).content.decode()
    assert page.count(f'maxlength="{TEXT_LIMIT}"') == 2  # the comments, and why one's own score
    data = {"score": "2", "origin": "continued", "comments": "x" * (TEXT_LIMIT + 1), "version": 1}
    response = client.post(url, data)
    assert response.status_code == 200
    assert f"at most {TEXT_LIMIT} characters (it has {TEXT_LIMIT + 1})" in response.content.decode()
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.filter(pk=signed_off.pk).update(comments="y" * (TEXT_LIMIT + 1))
    action = make_action(review=signed_off.review, objective=signed_off.objective)
    with pytest.raises(IntegrityError), transaction.atomic():
        Action.objects.filter(pk=action.pk).update(text="y" * (TEXT_LIMIT + 1))


def test_the_admin_shows_a_published_review_read_only(client, signed_off, staff):
    client.force_login(staff)
    url = f"/admin/objectives/assessment/{signed_off.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="score"' not in page and "As signed off." in page  # shown, not editable
    response = client.post(url, {"score": 5, "origin": "continued", "comments": ""})
    assert response.status_code == 403
    review_page = client.get(f"/admin/objectives/review/{signed_off.review_id}/change/").content.decode()
    assert 'name="status"' not in review_page
    assert client.post(f"/admin/objectives/assessment/{signed_off.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Assessment.objects.get(pk=signed_off.pk).score == 2


def test_committee_members_see_the_sign_off_but_not_the_drafting(client, signed_off, committee_member, manager):
    client.force_login(committee_member)
    page = client.get("/reviews/2021/objectives/3/").content.decode()
    assert "Published (signed off)" in page
    assert "Created" not in page
    client.force_login(manager)
    assert "Created" in client.get("/reviews/2021/objectives/3/").content.decode()


def test_the_admin_changes_no_review_a_save_would_write_back_a_status_read_before_a_sign_off(client, db, staff):
    review = make_review(framework=make_framework())
    client.force_login(staff)
    url = f"/admin/objectives/review/{review.pk}/change/"
    assert 'name="year"' not in client.get(url).content.decode()  # read here; changed by its pages
    assert client.post(url, {"framework": review.framework_id, "year": 2030}).status_code == 403
    assert Review.objects.get(pk=review.pk).year == 2021
