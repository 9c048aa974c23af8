"""Assigning a draft's objectives to officers (one by one, by key area, by theme) and its due date: the ladder,
all or nothing, the history, no conflict for an open edit form, and the next review's starting point."""

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from objectives.models import Assignment, Review, SignedOff
from objectives.services.assignments import AssignmentRefused, assign
from objectives.services.reviews import start_review
from tests.factories import make_user

PERSONAS = ["anonymous", "outsider", "committee_member", "officer", "manager", "staff"]
LADDER = [
    ("/reviews/2022/assign/", [302, 403, 404, 403, 200, 200]),
    ("/reviews/2021/assign/", [302, 403, 403, 403, 403, 403]),  # published: read-only
    ("/reviews/1999/assign/", [302, 403, 404, 404, 404, 404]),
    ("/my-work/", [302, 403, 403, 200, 200, 200]),
    ("/account/", [302, 200, 200, 200, 200, 200]),
]


@pytest.mark.parametrize(("url", "statuses"), LADDER, ids=[url for url, _ in LADDER])
@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_ladder(client, request, draft, url, statuses, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(url)
    expected = statuses[PERSONAS.index(persona)]
    assert response.status_code == expected, f"{persona} GET {url}"
    if expected == 302:
        assert response["Location"] == f"/login/?next={url}"


def test_an_officer_cannot_assign_by_post(client, draft, officer):
    client.force_login(officer)
    assert client.post("/reviews/2022/assign/", {"due_by": "2026-04-01"}).status_code == 403
    assert not Assignment.objects.exists()


def ids(review):
    return {a.objective.number: a.pk for a in review.assessments.select_related("objective")}


def form_data(review, **choices):
    """The assign page's POST: every objective on "nobody" unless `choices` says otherwise (field name: value)."""
    data = {f"objective_{a.pk}": "nobody" for a in review.assessments.all()}
    return data | {"due_by": ""} | choices


def key_area_id(review, name):
    return review.framework.themes.get(key_areas__name__iexact=name).key_areas.get(name__iexact=name).pk


def test_a_manager_assigns_a_key_area_an_objective_and_a_due_date(client, draft, manager, officer):
    other = make_user(username="pat", group="Procurement officer", first_name="Pat", last_name="Patel")
    numbers = ids(draft)
    client.force_login(manager)
    data = form_data(
        draft,
        **{
            f"key_area_{key_area_id(draft, 'Obtaining social value')}": str(officer.pk),
            f"objective_{numbers[3]}": str(other.pk),
            "due_by": "2026-04-01",
        },
    )
    response = client.post("/reviews/2022/assign/", data)
    assert response.status_code == 302
    assigned = {
        a.assessment.objective.number: a.officer for a in Assignment.objects.select_related("assessment__objective")
    }
    social_value = set(
        draft.assessments.filter(objective__key_area__name="Obtaining social value").values_list(
            "objective__number", flat=True
        )
    )
    assert assigned == {3: other} | dict.fromkeys(social_value, officer)
    draft.refresh_from_db()
    assert draft.due_by == datetime.date(2026, 4, 1)
    record = draft.history.latest()
    assert (record.due_by, record.history_user, record.history_change_reason) == (
        datetime.date(2026, 4, 1),
        manager,
        "Due by 1 April 2026",
    )
    assignment = Assignment.objects.get(assessment_id=numbers[3])
    assert assignment.history.get().history_user == manager
    page = client.get("/reviews/2022/objectives/3/").content.decode()
    assert "Assigned to Pat Patel" in page and "Due date changed" in page and "1 April 2026" in page


def test_a_theme_applies_to_its_key_areas_unless_a_key_area_says_otherwise(client, draft, manager, officer):
    other = make_user(username="pat", group="Procurement officer")
    theme = draft.framework.themes.get(slug="showing-leadership")
    client.force_login(manager)
    data = form_data(
        draft,
        **{
            f"theme_{theme.pk}": str(officer.pk),
            f"key_area_{key_area_id(draft, 'Engaging senior managers')}": str(other.pk),
        },
    )
    assert client.post("/reviews/2022/assign/", data).status_code == 302
    assigned = {
        a.assessment.objective.number: a.officer for a in Assignment.objects.select_related("assessment__objective")
    }
    assert assigned == {3: officer, 7: other}  # the theme's #3 (Engaging councillors), and #7 by its key area


def test_assigning_in_bulk_is_all_or_nothing(draft, manager, officer, committee_member):
    numbers = ids(draft)
    with pytest.raises(AssignmentRefused, match="Chris Carter may not score objectives"):
        assign(
            review=draft,
            officers={numbers[3]: officer, numbers[7]: committee_member},
            due_by=datetime.date(2026, 4, 1),
            by=manager,
        )
    assert not Assignment.objects.exists()
    draft.refresh_from_db()
    assert draft.due_by is None


def test_an_assessment_of_another_review_is_refused(draft, seed_review, manager, officer):
    published = seed_review.assessments.get(objective__number=3)
    with pytest.raises(AssignmentRefused, match="not in the 2022 review"):
        assign(review=draft, officers={published.pk: officer}, due_by=None, by=manager)
    assert not Assignment.objects.exists()


def test_a_choice_that_is_no_officer_saves_nothing(client, draft, manager, officer, committee_member):
    numbers = ids(draft)
    client.force_login(manager)
    data = form_data(
        draft, **{f"objective_{numbers[3]}": str(officer.pk), f"objective_{numbers[7]}": str(committee_member.pk)}
    )
    response = client.post("/reviews/2022/assign/", data)
    assert response.status_code == 400
    assert "Nothing is saved." in response.content.decode()
    assert not Assignment.objects.exists()


def test_assigning_a_published_review_is_refused(client, seed_review, manager, officer):
    client.force_login(manager)
    assert client.post("/reviews/2021/assign/", {"due_by": "2026-04-01"}).status_code == 403
    with pytest.raises(SignedOff):
        assign(review=seed_review, officers={}, due_by=None, by=manager)


def test_assigning_moves_no_version_so_an_open_edit_form_saves(client, draft, manager, officer):
    assessment = draft.assessments.get(objective__number=3)
    client.force_login(officer)
    opened = client.get("/reviews/2022/objectives/3/edit/").context["form"]["version"].value()
    assign(review=draft, officers={assessment.pk: officer}, due_by=datetime.date(2026, 4, 1), by=manager)
    assessment.refresh_from_db()
    assert assessment.version == opened
    response = client.post(
        "/reviews/2022/objectives/3/edit/",
        {"score": "3", "origin": "continued", "comments": "Done.", "version": opened},
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.score, assessment.comments) == (3, "Done.")


def test_the_next_review_starts_from_the_assignments_and_the_due_date_a_year_on(client, draft, manager, officer):
    leaver = make_user(username="lee", group="Procurement officer")
    numbers = ids(draft)
    assign(
        review=draft, officers={numbers[3]: officer, numbers[7]: leaver}, due_by=datetime.date(2026, 4, 1), by=manager
    )
    leaver.is_active = False
    leaver.save()
    draft.publish(by=manager)
    client.force_login(manager)
    form = client.get("/reviews/new/").context["form"]
    assert form["due_by"].value() == datetime.date(2027, 4, 1)
    response = client.post("/reviews/new/", {"year": 2023, "due_by": "2027-04-01"})
    assert response.status_code == 302
    new = Review.objects.get(year=2023)
    assert new.due_by == datetime.date(2027, 4, 1)
    carried = {a.assessment.objective.number: a.officer for a in Assignment.objects.filter(assessment__review=new)}
    assert carried == {3: officer}  # the leaver no longer scores: nobody has #7


def test_start_review_without_a_due_date(seed_review, manager):
    assert start_review(previous=seed_review, year=2022, by=manager).due_by is None


@settings(max_examples=25)
@given(due_by=st.text(max_size=30), choice=st.text(max_size=12))
def test_any_text_posted_is_saved_or_refused_with_a_message_never_an_error(client, draft, manager, due_by, choice):
    Assignment.objects.all().delete()
    client.force_login(manager)
    number_3 = draft.assessments.get(objective__number=3).pk
    response = client.post(
        "/reviews/2022/assign/", form_data(draft, **{"due_by": due_by, f"objective_{number_3}": choice})
    )
    if response.status_code == 302:
        assert choice in ("", "nobody") and not Assignment.objects.exists()
    else:
        assert response.status_code == 400 and "Nothing is saved." in response.content.decode()
        assert not Assignment.objects.exists()


def test_the_admin_sets_a_persons_name_email_and_digests(client, staff, officer):
    client.force_login(staff)
    page = client.get(f"/admin/auth/user/{officer.pk}/change/").content.decode()
    assert "Email me a digest of what is due" in page and 'name="first_name"' in page and 'name="email"' in page


def test_a_key_area_of_continued_and_new_objectives_is_one_choice(client, seed_review, manager, officer):
    """The seed's "Obtaining social value" has continued and new objectives (#31 and #35 among them): the page
    offers its key area once, and its choice reaches every one of them."""
    seed_review.reopen(by=manager, reason="Assign the corrections")
    key_area = key_area_id(seed_review, "Obtaining social value")
    client.force_login(manager)
    page = client.get("/reviews/2021/assign/").content.decode()
    assert page.count(f'name="key_area_{key_area}"') == 1
    data = form_data(seed_review, **{f"key_area_{key_area}": str(officer.pk)})
    assert client.post("/reviews/2021/assign/", data).status_code == 302
    origins = set(Assignment.objects.filter(officer=officer).values_list("assessment__origin", flat=True))
    assert origins == {"continued", "new"}
