"""The year of an action: sign-off freezes its words, its progress keeps moving, and open actions carry forward."""

import datetime

import pytest
import time_machine

from objectives.models import Action, SignedOff
from objectives.services.reviews import start_review
from tests.factories import make_action


@pytest.fixture
def agreed(seed_review):
    """The first action of #3 in the published seed: agreed at its sign-off."""
    return seed_review.raised_actions.filter(objective__number=3).first()


def form_data(action, **changes):
    data = {name: getattr(action, name) or "" for name in Action.RECORDED_FIELDS if name != "owner"}
    data["owner"] = action.owner_id or ""
    data["version"] = Action.objects.get(pk=action.pk).version  # the form as opened now
    return {**data, **changes}


def test_a_published_reviews_action_keeps_its_words(client, agreed, officer):
    client.force_login(officer)
    response = client.post(f"/actions/{agreed.pk}/edit/", form_data(agreed, text="Different words."))
    assert response.status_code == 302  # the text field is disabled: the words posted are ignored
    assert Action.objects.get(pk=agreed.pk).text == agreed.text
    with pytest.raises(SignedOff):
        Action.objects.get(pk=agreed.pk).check_text_may_change("Different words.")


def test_a_published_reviews_action_cannot_be_deleted(agreed):
    with pytest.raises(SignedOff):
        agreed.delete()
    assert Action.objects.filter(pk=agreed.pk).exists()


def test_its_progress_moves_and_a_moved_due_date_shows_as_revised(client, agreed, officer):
    client.force_login(officer)
    changes = {"lead": "Category Management", "owner": officer.pk, "status": "in_progress"}
    client.post(f"/actions/{agreed.pk}/edit/", form_data(agreed, **changes, due_date="2022-03-31"))
    action = Action.objects.get(pk=agreed.pk)
    assert (action.lead, action.owner, action.status) == ("Category Management", officer, "in_progress")
    assert (action.due_date, action.original_due_date) == (datetime.date(2022, 3, 31), None)  # a first date
    client.post(f"/actions/{agreed.pk}/edit/", form_data(action, due_date="2022-06-30"))
    client.post(f"/actions/{agreed.pk}/edit/", form_data(action, due_date="2022-09-30"))
    action.refresh_from_db()
    assert (action.due_date, action.original_due_date) == (datetime.date(2022, 9, 30), datetime.date(2022, 3, 31))
    assert "(revised, was 31 Mar 2022)" in client.get("/reviews/2021/actions/").content.decode()


def test_a_drafts_action_may_change_its_words_and_its_due_date_is_not_revised(client, seed_review, manager, officer):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    objective = draft.assessments.get(objective__number=3).objective
    action = make_action(review=draft, objective=objective, due_date=datetime.date(2022, 5, 1))
    client.force_login(officer)
    client.post(f"/actions/{action.pk}/edit/", form_data(action, text="Better words.", due_date="2022-07-01"))
    action.refresh_from_db()
    assert (action.text, action.original_due_date) == ("Better words.", None)


def test_an_action_raised_after_sign_off_is_marked_so(client, seed_review, officer):
    client.force_login(officer)
    response = client.post(
        "/reviews/2021/objectives/3/actions/new/", {"text": "Brief the new chair.", "status": "planned"}
    )
    action = Action.objects.get(text="Brief the new chair.")
    assert response["Location"] == f"/actions/{action.pk}/"
    assert action.raised_after_sign_off and action.raised_in == seed_review
    assert "Raised after sign-off" in client.get("/reviews/2021/actions/").content.decode()
    assert not action.is_agreed()  # not on the review when it was signed off


@time_machine.travel("2026-12-01", tick=False)
def test_a_progress_note_with_a_new_status(client, agreed, officer):
    client.force_login(officer)
    response = client.post(f"/actions/{agreed.pk}/progress/", {"on": "2026-11-30", "text": "Ran it.", "status": "done"})
    assert response.status_code == 200 and "Say when it was done." in response.content.decode()
    data = {"on": "2026-11-30", "text": "Ran it.", "status": "done", "done_on": "2026-11-30"}
    assert client.post(f"/actions/{agreed.pk}/progress/", data).status_code == 302
    action = Action.objects.get(pk=agreed.pk)
    assert (action.status, action.done_on, action.rag().key) == ("done", datetime.date(2026, 11, 30), "done")
    note = action.notes.get()
    assert (note.text, note.author, note.on) == ("Ran it.", officer, datetime.date(2026, 11, 30))
    future = client.post(f"/actions/{agreed.pk}/progress/", {**data, "on": "2026-12-02"})
    assert "cannot be dated in the future" in future.content.decode()


def test_dropping_needs_a_reason(client, agreed, officer):
    client.force_login(officer)
    response = client.post(f"/actions/{agreed.pk}/edit/", form_data(agreed, status="dropped"))
    assert "Say why it was dropped." in response.content.decode()
    client.post(f"/actions/{agreed.pk}/edit/", form_data(agreed, status="dropped", dropped_reason="Superseded by #40."))
    assert Action.objects.get(pk=agreed.pk).get_status_display() == "Dropped"


def test_text_is_limited_and_refuses_null_characters(client, agreed, officer, seed_review):
    client.force_login(officer)
    long = client.post("/reviews/2021/objectives/3/actions/new/", {"text": "x" * 4001, "status": "planned"})
    assert "at most 4000 characters" in long.content.decode()
    null = client.post("/reviews/2021/objectives/3/actions/new/", {"text": "a\x00b", "status": "planned"})
    assert "Null characters are not allowed." in null.content.decode()
    assert not Action.objects.filter(text__startswith="x").exists()


def test_the_next_review_carries_open_actions_and_leaves_done_ones(seed_review, manager):
    open_action, done, dropped = seed_review.raised_actions.order_by("pk")[:3]
    Action.objects.filter(pk=done.pk).update(status="done", done_on=datetime.date(2021, 12, 1))
    Action.objects.filter(pk=dropped.pk).update(status="dropped", dropped_reason="No longer needed.")
    Action.objects.filter(pk=open_action.pk).update(status="in_progress")
    draft = start_review(previous=seed_review, year=2022, by=manager)
    carried = set(draft.actions.values_list("pk", flat=True))
    assert open_action.pk in carried and done.pk not in carried and dropped.pk not in carried
    assert len(carried) == seed_review.actions.count() - 2
    assert Action.objects.get(pk=open_action.pk).raised_in == seed_review  # the same row, still raised in 2021
    assert seed_review.actions.filter(pk=open_action.pk).exists()


def test_carrying_an_action_forward_is_in_its_history(client, seed_review, manager, officer):
    carried, done = seed_review.raised_actions.order_by("pk")[:2]
    Action.objects.filter(pk=done.pk).update(status="done", done_on=datetime.date(2021, 12, 1))
    start_review(previous=seed_review, year=2022, by=manager)
    client.force_login(officer)
    page = client.get(f"/actions/{carried.pk}/").content.decode()
    assert "Carried into the 2022 review</strong> by Morgan Mensah" in page
    assert "Carried into" not in client.get(f"/actions/{done.pk}/").content.decode()


def test_every_change_is_in_the_history(client, agreed, officer):
    client.force_login(officer)
    client.post(f"/actions/{agreed.pk}/edit/", form_data(agreed, lead="Category Management", due_date="2022-03-31"))
    content = client.get(f"/actions/{agreed.pk}/").content.decode()
    assert "Changed</strong> by Olivia Okafor" in content
    assert "Category Management" in content and "31 March 2022" in content
    assert "Raised</strong> by Morgan Mensah" in content


def test_the_admin_keeps_an_agreed_actions_words_and_never_deletes_it(client, agreed, staff):
    client.force_login(staff)
    page = client.get(f"/admin/objectives/action/{agreed.pk}/change/").content.decode()
    assert 'name="text"' not in page and agreed.text[:40] in page
    assert client.get(f"/admin/objectives/action/{agreed.pk}/delete/").status_code == 403
    assert client.get("/admin/objectives/action/add/").status_code == 403


def test_a_due_date_moved_in_the_admin_shows_as_revised_too(client, agreed, staff):
    Action.objects.filter(pk=agreed.pk).update(due_date=datetime.date(2022, 3, 31))
    client.force_login(staff)
    data = {"lead": "", "owner": "", "lead_councillor": "", "due_date": "2022-09-30", "status": "planned"}
    data.update({"done_on": "", "dropped_reason": "", "position": agreed.position, "opened_version": agreed.version})
    assert client.post(f"/admin/objectives/action/{agreed.pk}/change/", data).status_code == 302
    action = Action.objects.get(pk=agreed.pk)
    assert (action.due_date, action.original_due_date) == (datetime.date(2022, 9, 30), datetime.date(2022, 3, 31))
    assert action.text == agreed.text and action.history.first().history_user == staff
