"""`/my-work/`: an officer's objectives to score and actions, a manager's review progress and every overdue action,
the navigation's count, and where each role lands after signing in; the date fixed."""

import datetime

import pytest
import time_machine

from objectives.assignment import assign
from objectives.my_work import attention_count, my_items
from tests.factories import make_action, make_user

NOW = datetime.datetime(2026, 3, 20, 9, 0, tzinfo=datetime.UTC)
TODAY = NOW.date()


@pytest.fixture
def work(draft, officer, manager):
    """#3 and #31 to the officer (#31 scored), #7 to a second officer with no email; actions of each."""
    pat = make_user(username="pat", group="Procurement officer", first_name="Pat", last_name="Patel")
    officer.email = "olivia@council.example"
    officer.save()
    a = {x.objective.number: x for x in draft.assessments.select_related("objective")}
    assign(
        review=draft,
        officers={a[3].pk: officer, a[31].pk: officer, a[7].pk: pat},
        due_by=datetime.date(2026, 4, 1),
        by=manager,
    )
    a[31].score = 2
    a[31].save()
    objective = a[3].objective
    return {
        "pat": pat,
        "later": make_action(
            review=draft,
            objective=objective,
            text="Review the strategy.",
            owner=officer,
            due_date=datetime.date(2026, 9, 1),
        ),
        "overdue": make_action(
            review=draft,
            objective=objective,
            text="Train the buyers.",
            owner=officer,
            due_date=datetime.date(2026, 3, 1),
        ),
        "undated": make_action(review=draft, objective=objective, text="Map the market.", owner=officer),
        "pats": make_action(
            review=draft, objective=objective, text="Brief the cabinet.", owner=pat, due_date=datetime.date(2026, 2, 1)
        ),
        "done": make_action(
            review=draft,
            objective=objective,
            text="Old news.",
            owner=officer,
            due_date=datetime.date(2026, 1, 1),
            status="done",
            done_on=datetime.date(2026, 1, 2),
        ),
    }


def rows(html, table_id):
    section = html.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return section.split("<tr>")[2:]


@time_machine.travel(NOW, tick=False)
def test_an_officer_sees_their_objectives_to_score_and_their_actions_overdue_first(client, work, officer):
    client.force_login(officer)
    html = client.get("/my-work/").content.decode()
    (objective,) = rows(html, "my-objectives")  # #31 is scored, #7 is Pat's
    assert (
        'href="/reviews/2022/objectives/3/edit/"' in objective and "1 Apr 2026" in objective and "Due soon" in objective
    )
    actions = rows(html, "my-actions")
    assert [next(w for w in ("Train", "Review", "Map") if w in row) for row in actions] == ["Train", "Review", "Map"]
    assert "Red</span>" in actions[0] and f'href="/actions/{work["overdue"].pk}/progress/"' in actions[0]
    assert "Brief the cabinet." not in html and "Old news." not in html
    assert "by officer" not in html and "Every overdue action" not in html  # a manager's parts
    assert 'id="my-work-count">2<' in html  # #3, the overdue action; September's is not due soon; undated waits


@time_machine.travel(NOW, tick=False)
def test_a_manager_sees_the_review_by_officer_and_every_overdue_action(client, work, manager, officer):
    client.force_login(manager)
    html = client.get("/my-work/").content.decode()
    progress = rows(html, "progress")
    cells = [[c.split(">", 1)[1].split("</", 1)[0] for c in r.split("data-label=")[1:]] for r in progress]
    assert cells == [
        ["Olivia Okafor", "2", "1", "1", "By email"],
        ["Pat Patel", "1", "0", "1", "<strong>No email address: not reminded"],
    ]
    assert "10 objectives assigned to nobody." in html and "Due by <time" in html
    overdue = rows(html, "my-overdue")
    assert ["Brief the cabinet." in overdue[0], "Train the buyers." in overdue[1], len(overdue)] == [True, True, 2]
    assert "Pat Patel <span" in overdue[0] and "no email address" in overdue[0]
    assert 'href="/reviews/2022/assign/"' in html


@time_machine.travel(NOW, tick=False)
def test_the_page_takes_the_same_queries_however_much_work(client, work, manager, officer, django_assert_num_queries):
    client.force_login(manager)
    client.get("/my-work/")
    # session, user, permissions (2), each source (2), the draft, its progress by officer, the officers, the
    # objectives' count, the overdue actions and their owners, and the navigation's count
    with django_assert_num_queries(13):
        client.get("/my-work/")
    objective = work["later"].objective
    for n in range(10):
        make_action(
            review=work["later"].raised_in,
            objective=objective,
            text=f"More {n}",
            owner=manager,
            due_date=datetime.date(2026, 3, 2),
        )
    with django_assert_num_queries(13):
        assert "More 9" in client.get("/my-work/").content.decode()


@pytest.mark.parametrize("today", [TODAY, datetime.date(2026, 8, 20), datetime.date(2027, 1, 1)])
def test_the_count_is_of_the_items_that_need_attention_in_one_query(work, officer, today, django_assert_num_queries):
    items = [item for _, items in my_items(officer, today=today) for item in items]
    with django_assert_num_queries(1):
        assert attention_count(officer, today=today) == sum(item.needs_attention for item in items)


def test_nothing_to_do_says_so(client, draft, officer):
    client.force_login(officer)
    html = client.get("/my-work/").content.decode()
    assert "No objective of a draft review is assigned to you" in html and "You keep no open action up to date." in html
    assert 'id="my-work-count"' not in html


@pytest.mark.parametrize(
    ("persona", "lands_on"),
    [("officer", "/my-work/"), ("manager", "/my-work/"), ("committee_member", "/reviews/2021/")],
)
def test_after_signing_in_officers_and_managers_land_on_my_work(client, request, draft, persona, lands_on):
    user = request.getfixturevalue(persona)
    response = client.post("/login/", {"username": user.username, "password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0] == lands_on


def test_pages_name_people_by_their_full_names(client, work, manager, officer):
    client.force_login(manager)
    html = client.get(f"/actions/{work['overdue'].pk}/").content.decode()
    assert "Olivia Okafor" in html and ">olivia<" not in html
    assert "Signed in as <a" in html and "Morgan Mensah</a>" in html
