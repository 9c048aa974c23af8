"""The forms as people fill them in: the owner is whoever raises an action, a due date already past is saved with a
warning, "Fill in" says how many targets it filled, filters offer only what the review holds, the assign page
offers a key area named like its theme once, and every aria-describedby names an element of the page."""

import datetime
import re

import pytest
import time_machine

from objectives.models import Action

TODAY = datetime.date(2026, 5, 1)


def test_the_owner_of_a_new_action_is_whoever_raises_it_until_changed(client, draft, officer, manager):
    client.force_login(officer)
    page = client.get("/reviews/2022/objectives/3/actions/new/").content.decode()
    assert re.search(rf'<option value="{officer.pk}" selected>', page)
    client.post("/reviews/2022/objectives/3/actions/new/", {"text": "Mine.", "status": "planned", "owner": officer.pk})
    client.post(
        "/reviews/2022/objectives/3/actions/new/", {"text": "Theirs.", "status": "planned", "owner": manager.pk}
    )
    client.post("/reviews/2022/objectives/3/actions/new/", {"text": "Nobody's.", "status": "planned", "owner": ""})
    owners = dict(Action.objects.filter(text__in=["Mine.", "Theirs.", "Nobody's."]).values_list("text", "owner"))
    assert owners == {"Mine.": officer.pk, "Theirs.": manager.pk, "Nobody's.": None}


@time_machine.travel(datetime.datetime(2026, 5, 1, 12), tick=False)
def test_a_due_date_already_past_is_saved_with_a_warning_not_refused(client, draft, officer):
    client.force_login(officer)
    response = client.post(
        "/reviews/2022/objectives/3/actions/new/",
        {"text": "Late.", "status": "planned", "due_date": "2026-04-30"},
        follow=True,
    )
    action = Action.objects.get(text="Late.")
    assert action.due_date == datetime.date(2026, 4, 30)
    page = response.content.decode()
    assert "The due date, 30 April 2026, is already past: the action reads as overdue." in page
    assert "alert-warning" in page
    data = {"text": "Late.", "status": "planned", "due_date": "2026-04-30", "version": action.version, "lead": "Team"}
    page = client.post(f"/actions/{action.pk}/edit/", data, follow=True).content.decode()
    assert "already past" not in page  # the date did not change: said once is enough
    data |= {"due_date": "2026-05-02", "version": action.version + 1}
    assert "already past" not in client.post(f"/actions/{action.pk}/edit/", data, follow=True).content.decode()
    data |= {"due_date": "2026-01-02", "version": action.version + 2, "status": "done", "done_on": "2026-04-01"}
    assert "already past" not in client.post(f"/actions/{action.pk}/edit/", data, follow=True).content.decode()


def test_the_done_date_and_the_reason_for_dropping_are_marked_for_their_status(client, draft, officer):
    client.force_login(officer)
    page = client.get("/reviews/2022/objectives/3/actions/new/").content.decode()
    # The stylesheet shows them with their status (tests/browser checks it does): the ids it keys on are there.
    assert 'id="id_status"' in page and 'id="div_id_done_on"' in page and 'id="div_id_dropped_reason"' in page


def test_fill_in_says_how_many_targets_it_filled_and_that_they_are_not_saved(client, draft, manager):
    client.force_login(manager)
    page = client.get("/reviews/2022/targets/?fill=3").content.decode()
    assert "13 targets filled in, not saved yet." in page
    assert not draft.assessments.filter(target__isnull=False).exists()
    assert "filled in, not saved" not in client.get("/reviews/2022/targets/").content.decode()
    assert (
        "filled in, not saved" not in client.get("/reviews/2022/targets/?fill=last").content.decode()
    )  # none last year


def test_the_scorecard_filters_offer_only_themes_and_key_areas_the_review_holds(client, seed_review, officer):
    client.force_login(officer)
    page = client.get("/reviews/2021/").content.decode()
    filters = page.split('aria-label="Filter the scorecard"', 1)[1].split("</form>", 1)[0]
    assert "Showing leadership" in filters and "Obtaining social value" in filters
    # NPS 2018 has Behaving commercially and its key areas; the seed scores none of their objectives.
    assert "Behaving commercially" not in filters and "Managing contracts and relationships" not in filters


def test_the_assign_page_offers_a_key_area_named_like_its_theme_once(client, draft, manager, officer):
    client.force_login(manager)
    page = client.get("/reviews/2022/assign/").content.decode()
    assert page.count("Assign all of Enablers to") == 1
    assert page.count("Assign all of Showing leadership to") == 1 and "Assign all of Engaging councillors to" in page
    enablers = draft.framework.themes.get(name="Enablers")
    data = {f"objective_{a.pk}": "nobody" for a in draft.assessments.all()} | {f"theme_{enablers.pk}": officer.pk}
    assert client.post("/reviews/2022/assign/", data).status_code == 302
    assert draft.assessments.get(objective__key_area__theme=enablers).assignment.officer == officer


@pytest.mark.parametrize(
    "url", ["/reviews/2022/assign/", "/reviews/2022/objectives/3/edit/", "/reviews/2022/objectives/3/actions/new/"]
)
def test_every_aria_describedby_names_an_element_of_the_page(client, draft, manager, url):
    client.force_login(manager)
    page = client.get(url).content.decode()
    described = {i for ids in re.findall(r'aria-describedby="([^"]+)"', page) for i in ids.split()}
    assert described, url
    assert {i for i in described if f'id="{i}"' not in page} == set()
