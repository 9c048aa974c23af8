"""Marking an objective not applicable on the edit form (and the admin): only where its framework allows it, always
with a reason, never beside a score or a chosen target, never on a published review; through the one service."""

import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from objectives.models import REASON_LIMIT, Assessment, SignedOff
from objectives.rules.text import one_line
from objectives.services.assessments import save_assessment
from tests.factories import (
    make_assessment,
    make_framework,
    make_key_area,
    make_not_applicable_review,
    make_objective,
    make_review,
    make_theme,
)


@pytest.fixture
def review(db):
    return make_not_applicable_review()


@pytest.fixture
def plain_review(db):
    """A review of a framework that does not allow "Not applicable"."""
    framework = make_framework(name="Plain")
    objective = make_objective(key_area=make_key_area(theme=make_theme(framework=framework)), number=7)
    review = make_review(framework=framework)
    make_assessment(review=review, objective=objective, score=2)
    return review


def edit_url(assessment):
    return f"{assessment.get_absolute_url()}edit/"


def form_data(assessment, **changes):
    data = {
        "score": assessment.score or "",
        "target": assessment.target or "",
        "origin": assessment.origin,
        "comments": assessment.comments,
        "not_applicable_reason": assessment.not_applicable_reason,
        "version": assessment.version,
    }
    data.update(changes)
    return data


def test_the_choice_is_beside_the_levels_with_its_reason_where_the_framework_allows_it(client, officer, review):
    client.force_login(officer)
    duty = review.assessments.get(objective__number=3)
    page = client.get(edit_url(duty)).content.decode()
    assert re.search(r'type="radio"[^>]*name="score" value="not-applicable"[^>]*checked', page)
    assert re.search(r"<label[^>]*>\s*Not applicable\s*</label>", page)
    assert 'name="not_applicable_reason"' in page and "The council lets no concession contracts." in page


def test_a_framework_that_does_not_allow_it_never_shows_it(client, officer, plain_review):
    client.force_login(officer)
    page = client.get(edit_url(plain_review.assessments.get())).content.decode()
    assert "not-applicable" not in page and "not_applicable_reason" not in page and "Not applicable" not in page


def test_an_officer_marks_a_duty_not_applicable_with_its_reason(client, officer, review):
    client.force_login(officer)
    duty = review.assessments.get(objective__number=1)  # scored 2, with a target of 3 a manager set
    data = form_data(duty, score="not-applicable", not_applicable_reason="  No   concessions\n here. ")
    response = client.post(edit_url(duty), data)
    assert response.status_code == 302
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.score, duty.target) == (True, None, None)
    assert duty.not_applicable_reason == "No concessions here." and duty.version == 2
    page = client.get(duty.get_absolute_url()).content.decode()
    assert '<span class="not-applicable">Not applicable</span>' in page
    assert 'id="not-applicable-reason">No concessions here.</dd>' in page
    # The history names both fields, as people read them.
    assert "Not applicable" in page and "Yes" in page and "Why not applicable" in page


def test_a_reason_is_required(client, officer, review):
    client.force_login(officer)
    duty = review.assessments.get(objective__number=1)
    response = client.post(edit_url(duty), form_data(duty, score="not-applicable", not_applicable_reason="   "))
    assert response.status_code == 200
    assert "Say why the objective does not apply." in response.content.decode()
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.score, duty.version) == (False, 2, 1)


def test_a_target_chosen_beside_it_is_refused(client, manager, review):
    client.force_login(manager)
    duty = review.assessments.get(objective__number=1)
    data = form_data(duty, score="not-applicable", not_applicable_reason="No concessions.", target=4)
    response = client.post(edit_url(duty), data)
    assert "An objective marked not applicable has no target." in response.content.decode()
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.target) == (False, 3)


def test_a_framework_that_does_not_allow_it_refuses_it(client, officer, plain_review):
    client.force_login(officer)
    assessment = plain_review.assessments.get()
    data = form_data(assessment, score="not-applicable", not_applicable_reason="Does not apply.")
    response = client.post(edit_url(assessment), data)
    assert response.status_code == 200 and "Select a valid choice." in response.content.decode()
    assessment.refresh_from_db()
    assert (assessment.not_applicable, assessment.score) == (False, 2)


def test_the_service_refuses_it_for_a_framework_that_does_not_allow_it(plain_review, officer):
    assessment = plain_review.assessments.get()
    assessment.score, assessment.not_applicable, assessment.not_applicable_reason = None, True, "Does not apply."
    with pytest.raises(ValidationError, match="has no “Not applicable”"):
        save_assessment(assessment=assessment, opened_version=1, by=officer)
    assert Assessment.objects.get().not_applicable is False


def test_a_published_review_refuses_it(client, officer, manager, review):
    duty = review.assessments.get(objective__number=1)
    review.publish(by=manager)
    client.force_login(officer)
    data = form_data(duty, score="not-applicable", not_applicable_reason="No concessions.")
    assert client.post(edit_url(duty), data).status_code == 403
    duty.not_applicable, duty.score, duty.not_applicable_reason, duty.target = True, None, "No concessions.", None
    with pytest.raises(SignedOff):
        save_assessment(assessment=duty, opened_version=1, by=officer)
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.score) == (False, 2)


def test_a_level_chosen_again_takes_the_mark_and_its_reason_away(client, officer, review):
    client.force_login(officer)
    duty = review.assessments.get(objective__number=3)
    response = client.post(edit_url(duty), form_data(duty, score=3))
    assert response.status_code == 302
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.not_applicable_reason, duty.score) == (False, "", 3)


def test_the_admin_asks_the_same_rule(client, staff, review):
    client.force_login(staff)
    duty = review.assessments.get(objective__number=2)
    data = {
        "review": review.pk,
        "objective": duty.objective_id,
        "score": 4,
        "not_applicable": "on",
        "not_applicable_reason": "",
        "target": "",
        "origin": duty.origin,
        "comments": "",
        "opened_version": duty.version,
    }
    response = client.post(f"/admin/objectives/assessment/{duty.pk}/change/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "An objective marked not applicable has no score." in page and "Say why the objective does not apply." in page
    )
    data.update(score="", not_applicable_reason="Out of scope.")
    assert client.post(f"/admin/objectives/assessment/{duty.pk}/change/", data).status_code == 302
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.not_applicable_reason, duty.version) == (True, "Out of scope.", 2)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(reason=st.text(st.characters(codec="utf-8"), min_size=1, max_size=REASON_LIMIT + 20))
def test_any_reason_is_stored_as_one_line_or_refused_with_a_message(client, officer, review, reason):
    client.force_login(officer)
    duty = review.assessments.get(objective__number=2)
    data = form_data(duty, score="not-applicable", not_applicable_reason=reason, version=duty.version)
    response = client.post(edit_url(duty), data)
    duty.refresh_from_db()
    if response.status_code == 302:
        assert duty.not_applicable and duty.not_applicable_reason
        assert duty.not_applicable_reason == " ".join(duty.not_applicable_reason.split())
        assert len(duty.not_applicable_reason) <= REASON_LIMIT
        duty.score, duty.not_applicable, duty.not_applicable_reason, duty.target = 4, False, "", 3
        duty.save()  # back as it was, for the next example
    else:
        assert response.status_code == 200 and not duty.not_applicable
        assert "The assessment is not saved" in response.content.decode()
        assert not one_line(reason) or len(reason) > REASON_LIMIT or "\x00" in reason


def test_the_targets_page_leaves_it_out(client, manager, review):
    client.force_login(manager)
    url = f"{review.get_absolute_url()}targets/"
    page = client.get(url, {"fill": "4"}).content.decode()
    assert "Target for #1 Duty 1" in page and "Target for #3 Duty 3" not in page
    duty = review.assessments.get(objective__number=3)
    client.post(url, {f"target_{duty.pk}": 4, f"version_{duty.pk}": duty.version})
    duty.refresh_from_db()
    assert (duty.not_applicable, duty.target) == (True, None)
