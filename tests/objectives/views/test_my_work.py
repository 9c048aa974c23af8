"""`/my-work/`: an officer's objectives to score and actions, a manager's review progress and every overdue action,
the navigation's count, and where each role lands after signing in; the date fixed."""

import datetime

import pytest
import time_machine

from objectives.models import Evidence
from objectives.queries.my_work import attention_count, my_items
from objectives.services.assignments import assign
from objectives.services.evidence import withdraw_evidence
from objectives.services.reviews import start_review
from tests.factories import make_action, make_evidence, make_user

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
def test_a_manager_sees_the_open_actions_with_no_owner_and_an_officer_does_not(client, work, manager, officer, draft):
    objective = work["later"].objective
    nobodys = make_action(review=draft, objective=objective, text="Nobody keeps this.")
    make_action(review=draft, objective=objective, text="Dropped, nobody.", status="dropped", dropped_reason="No.")
    client.force_login(manager)
    html = client.get("/my-work/").content.decode()
    unowned = rows(html, "my-unowned")
    # the seed's carried actions (none has an owner) and the new one; a dropped one is not open
    assert any("Nobody keeps this." in row and f'href="/actions/{nobodys.pk}/"' in row for row in unowned)
    assert "Not yet planned" in html and "Dropped, nobody." not in html
    assert len(unowned) == draft.actions.open().filter(owner=None).count()
    assert 'href="/reviews/2022/actions/planning/"' in html
    client.force_login(officer)
    html = client.get("/my-work/").content.decode()
    assert "Actions with no owner" not in html and "Nobody keeps this." not in html


@time_machine.travel(NOW, tick=False)
def test_the_page_takes_the_same_queries_however_much_work(client, work, manager, officer, django_assert_num_queries):
    client.force_login(manager)
    client.get("/my-work/")
    # session, user, permissions (2), each source (3), the draft, its progress by officer, the officers, the
    # objectives' count, the overdue actions and their owners, the latest review and its actions with no owner, and
    # the navigation's count and latest review, and the objectives waiting to be agreed with their own scores
    with django_assert_num_queries(19):
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
        make_action(review=work["later"].raised_in, objective=objective, text=f"Nobody's {n}")
    with django_assert_num_queries(19):
        html = client.get("/my-work/").content.decode()
    assert "More 9" in html and "Nobody&#x27;s 9" in html


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
    assert "Signed in as </span><a" in html and "Morgan Mensah</a>" in html


@time_machine.travel(NOW, tick=False)
def test_evidence_of_a_draft_past_its_review_by_date_is_its_owners_to_review(client, draft, officer, manager):
    assessment = draft.assessments.get(objective__number=3)

    def evidence(title, owner, review_by):
        return make_evidence(
            assessment=assessment, by=officer, title=title, owner=owner, review_by=review_by, link="https://x.org/a"
        )

    due = evidence("Training record", officer, datetime.date(2026, 3, 1))
    evidence("Not yet due", officer, datetime.date(2026, 6, 1))
    evidence("Someone else's", manager, datetime.date(2026, 3, 1))
    withdraw_evidence(item=evidence("Withdrawn", officer, datetime.date(2026, 3, 1)), by=officer, reason="Superseded.")
    client.force_login(officer)
    html = client.get("/my-work/").content.decode()
    (row,) = rows(html, "my-evidence")
    assert "Training record" in row and f'href="/evidence/{due.pk}/edit/"' in row
    assert "To review" in row and "1 Mar 2026" in row and "2022 review" in row
    assert 'id="my-work-count">1<' in html
    draft.publish(by=manager)  # frozen: nothing to do on it until the next review takes it on
    html = client.get("/my-work/").content.decode()
    assert 'id="my-evidence"' not in html and "None of the evidence you own is past its review-by date." in html
    assert 'id="my-work-count"' not in html
    start_review(previous=draft, year=2023, by=manager)
    (row,) = rows(client.get("/my-work/").content.decode(), "my-evidence")
    carried = Evidence.objects.get(carried_from=due)
    assert f'href="/evidence/{carried.pk}/edit/"' in row and "2023 review" in row
