"""Changing an action: two people editing it are told of each other (as for assessments), an open action with a done
date or a done date in the future is refused, and an edit takes the review's turn against a sign-off."""

import datetime
import threading
import time

import pytest
import time_machine
from django.db import connection
from django.test import Client

from objectives.models import Action
from objectives.roles import ensure_roles
from objectives.services.reviews import start_review
from tests.factories import make_action, make_seed_review, make_user

TODAY = datetime.date(2022, 6, 1)


@pytest.fixture
def action(seed_review, manager):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    objective = draft.assessments.get(objective__number=3).objective
    return make_action(review=draft, objective=objective, text="Train the buyers.", by=manager)


def opened(action, **changes):
    """The edit form's data as a browser sends it, opened on the action as it is now."""
    data = {name: getattr(action, name) or "" for name in Action.RECORDED_FIELDS if name != "owner"}
    return {**data, "owner": action.owner_id or "", "version": action.version, **changes}


def test_the_second_of_two_editors_is_shown_the_first_change_and_keeps_their_own(client, action, officer, manager):
    first, second = opened(action, lead="Category team"), opened(action, text="Train every buyer.")
    client.force_login(manager)
    assert client.post(f"/actions/{action.pk}/edit/", first).status_code == 302
    client.force_login(officer)
    response = client.post(f"/actions/{action.pk}/edit/", second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this action while you were editing" in page and "Morgan Mensah" in page
    assert "Category team" in page and "Train every buyer." in page  # theirs shown, mine kept in the form
    stored = Action.objects.get(pk=action.pk)
    assert (stored.text, stored.lead, stored.version) == ("Train the buyers.", "Category team", 2)
    again = {**second, "lead": "Category team", "version": response.context["form"].data["version"]}
    assert client.post(f"/actions/{action.pk}/edit/", again).status_code == 302  # adjusted, saved deliberately
    stored.refresh_from_db()
    assert (stored.text, stored.lead, stored.version) == ("Train every buyer.", "Category team", 3)


def test_a_progress_note_moves_the_version_so_an_edit_opened_before_it_is_told(client, action, officer):
    client.force_login(officer)
    before = opened(action, lead="Category team")
    client.post(f"/actions/{action.pk}/progress/", {"on": "2022-01-10", "text": "Begun.", "status": "in_progress"})
    assert client.post(f"/actions/{action.pk}/edit/", before).status_code == 409
    assert Action.objects.get(pk=action.pk).status == "in_progress"


@time_machine.travel(datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC))
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "planned", "done_on": "2022-05-01"}, "An open action has no done date"),
        ({"status": "in_progress", "done_on": "2022-05-01"}, "An open action has no done date"),
        ({"status": "done", "done_on": "9999-12-31"}, "The done date 31 December 9999 is in the future"),
        ({"status": "done", "done_on": "2022-06-02"}, "The done date 2 June 2022 is in the future"),
    ],
)
def test_an_open_action_with_a_done_date_and_a_done_date_to_come_are_refused(client, action, officer, changes, message):
    client.force_login(officer)
    response = client.post(f"/actions/{action.pk}/edit/", opened(action, **changes))
    assert response.status_code == 200 and message in response.content.decode()
    note = {"on": "2022-05-01", "text": "Finished.", **changes}
    response = client.post(f"/actions/{action.pk}/progress/", note)
    assert response.status_code == 200 and message in response.content.decode()
    stored = Action.objects.get(pk=action.pk)
    assert (stored.status, stored.done_on, stored.notes.count()) == ("planned", None, 0)


@time_machine.travel(datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC))
def test_a_done_date_of_today_is_taken(client, action, officer):
    client.force_login(officer)
    response = client.post(f"/actions/{action.pk}/edit/", opened(action, status="done", done_on="2022-06-01"))
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).done_on == TODAY


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL's row locks")
def test_an_edit_of_an_actions_words_and_a_sign_off_take_turns(transactional_db, nps, monkeypatch):
    """The edit is slowed between its check and its write: without the review's turn, the sign-off commits in
    between and the words change after it."""
    ensure_roles()
    manager, officer = (
        make_user(username="manager", group="Manager"),
        make_user(username="o", group="Procurement officer"),
    )
    review = make_seed_review(framework=nps, user=manager)
    action = make_action(review=review, objective=review.assessments.first().objective, text="Before.", by=manager)
    move = Action.move_due_date

    def slow_move(self, due_date):  # after the words are checked, before they are written
        time.sleep(0.5)
        return move(self, due_date)

    monkeypatch.setattr(Action, "move_due_date", slow_move)
    responses = {}

    def post(name, user, url, data, wait):
        client = Client()
        client.force_login(user)
        try:
            time.sleep(wait)
            responses[name] = client.post(url, data)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=post, args=("edit", officer, f"/actions/{action.pk}/edit/", opened(action, text="After."), 0)
        ),
        threading.Thread(target=post, args=("publish", manager, f"/reviews/{review.year}/publish/", {}, 0.2)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert responses["publish"].status_code == 302
    review.refresh_from_db()
    stored = Action.objects.get(pk=action.pk)
    changed = stored.history.filter(text="After.").order_by("history_date").first()
    if responses["edit"].status_code == 302:
        assert changed.history_date < review.published_at  # landed before the sign-off
    else:
        assert responses["edit"].status_code == 403 and stored.text == "Before."
