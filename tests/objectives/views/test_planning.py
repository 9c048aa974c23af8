"""`/reviews/<year>/actions/planning/`: a manager gives many actions an owner, a lead and a due date in one save, all
or nothing; who may; and "not yet planned" where the plan counts it."""

import datetime

import pytest
import time_machine

from objectives.models import Action
from tests.factories import make_action

NOW = datetime.datetime(2022, 6, 1, 9, 0, tzinfo=datetime.UTC)


def grid(client, year=2022, query=""):
    response = client.get(f"/reviews/{year}/actions/planning/{query}")
    assert response.status_code == 200
    return response.context["form"]


def posted(form, **changes):
    """Return the grid's data as its page would post it, with `changes` ({field name: value}) made."""
    data = {}
    for action, owner, lead, due, version in form.rows():
        data[owner.html_name] = action.owner_id or ""
        data[lead.html_name] = action.lead
        data[due.html_name] = action.due_date.isoformat() if action.due_date else ""
        data[version.html_name] = action.version
    return {**data, **changes}


@time_machine.travel(NOW, tick=False)
def test_a_manager_plans_many_actions_in_one_save_each_in_its_history(client, draft, manager, officer):
    client.force_login(manager)
    form = grid(client)
    actions = [row[0] for row in form.rows()]
    assert len(actions) == draft.actions.open().count() == Action.objects.filter(reviews=draft).not_planned().count()
    first, second = actions[:2]
    versions = {a.pk: (a.version, a.history.count()) for a in actions}
    data = posted(
        form,
        **{
            f"owner_{first.pk}": officer.pk,
            f"lead_{first.pk}": "  Category Management ",
            f"due_{first.pk}": "2022-09-30",
            f"owner_{second.pk}": manager.pk,
        },
    )
    response = client.post("/reviews/2022/actions/planning/", data)
    assert response.status_code == 302 and response["Location"] == "/reviews/2022/actions/"
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.owner, first.lead, first.due_date) == (officer, "Category Management", datetime.date(2022, 9, 30))
    assert first.rag().key == "green" and second.rag().key == "amber"  # an owner, but no due date yet
    latest = first.history.order_by("-history_id").first()  # the shared seed was carried at the real date
    assert latest.history_user == manager and latest.history_change_reason == "Planned on the review's planning page"
    assert first.version == versions[first.pk][0] + 1
    untouched = actions[2]
    untouched.refresh_from_db()
    assert (untouched.version, untouched.history.count()) == versions[untouched.pk]
    follow = client.get("/reviews/2022/actions/")
    assert "are planned (2 changed)" in follow.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_bad_row_saves_nothing_and_says_where(client, draft, manager, officer):
    client.force_login(manager)
    form = grid(client)
    first, second = [row[0] for row in form.rows()][:2]
    data = posted(form, **{f"owner_{first.pk}": officer.pk, f"due_{second.pk}": "31/31/2022"})
    response = client.post("/reviews/2022/actions/planning/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The actions are not saved." in html and "Enter a valid date." in html
    first.refresh_from_db()
    assert first.owner is None  # all or nothing


@time_machine.travel(NOW, tick=False)
def test_a_change_made_meanwhile_refuses_the_whole_save(client, draft, manager, officer):
    client.force_login(manager)
    form = grid(client)
    first, second = [row[0] for row in form.rows()][:2]
    data = posted(form, **{f"owner_{first.pk}": officer.pk, f"lead_{second.pk}": "Legal"})
    second.refresh_from_db()
    second.lead = "Finance"
    second.version += 1
    second.save()  # another manager, a moment ago
    response = client.post("/reviews/2022/actions/planning/", data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone changed these actions since you opened the page" in html and "the lead Finance" in html
    first.refresh_from_db()
    assert first.owner is None
    # The page now carries the version seen: saving again is deliberate, and keeps the manager's choices.
    again = response.context["form"].data
    assert int(again[f"version_{second.pk}"]) == second.version
    assert client.post("/reviews/2022/actions/planning/", again).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.owner, second.lead) == (officer, "Legal")


@time_machine.travel(NOW, tick=False)
def test_an_action_raised_since_the_page_opened_says_the_page_is_out_of_date(client, draft, manager):
    client.force_login(manager)
    form = grid(client)
    data = posted(form)
    make_action(review=draft, objective=form.rows()[0][0].objective, text="New since.")
    response = client.post("/reviews/2022/actions/planning/", data)
    assert response.status_code == 200 and "The page is out of date" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_due_date_moved_after_sign_off_shows_as_revised(client, seed_review, manager, officer):
    """The grid works on a published review too (progress keeps moving), and keeps the agreed date as the first."""
    action = Action.objects.filter(reviews=seed_review).open().first()
    action.due_date, action.lead = datetime.date(2022, 7, 1), "Procurement"
    action.save()  # as agreed at sign-off
    client.force_login(manager)
    form = grid(client, 2021, "?all=on")
    assert action.pk in [row[0].pk for row in form.rows()]
    data = posted(form, **{f"due_{action.pk}": "2022-12-01", f"owner_{action.pk}": officer.pk})
    assert client.post("/reviews/2021/actions/planning/?all=on", data).status_code == 302
    action.refresh_from_db()
    assert (action.due_date, action.original_due_date) == (datetime.date(2022, 12, 1), datetime.date(2022, 7, 1))


@pytest.mark.parametrize(("persona", "status"), [("committee_member", 404), ("officer", 403)])
def test_only_a_manager_may_post_the_grid(client, request, draft, persona, status):
    client.force_login(request.getfixturevalue(persona))
    action = draft.actions.open().first()
    data = {f"owner_{action.pk}": "", f"lead_{action.pk}": "Mine", f"due_{action.pk}": "", f"version_{action.pk}": 1}
    assert client.post("/reviews/2022/actions/planning/", data).status_code == status
    action.refresh_from_db()
    assert action.lead == ""


@time_machine.travel(NOW, tick=False)
def test_the_plan_and_its_key_count_not_yet_planned_apart_from_amber(client, draft, committee_member, seed_review):
    client.force_login(committee_member)
    html = client.get("/reviews/2021/actions/").content.decode()
    plan = Action.objects.filter(reviews=seed_review)
    not_planned = plan.not_planned().count()
    assert not_planned > 0
    assert (
        '<span class="rag rag-not_planned"><span class="rag-icon" aria-hidden="true">○</span> Not yet planned</span>: '
        f"{not_planned}" in html
    )
    assert "Not yet planned</span></dt><dd>Not yet planned: open, with no lead, owner or due date" in html
    filtered = client.get("/reviews/2021/actions/?rag=not_planned")
    assert filtered.context["plan"].shown == not_planned
