"""The action plan page: counts by RAG, grouping, filters and sorting, in a fixed number of queries."""

import datetime

import pytest
import time_machine

from objectives.models import Action, ProgressNote
from objectives.queries.action_plan import PAGE_SIZE
from tests.factories import make_action

# The seed is made on the frozen day below, as `today` starts before it.
pytestmark = pytest.mark.data_per_test


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel("2026-12-01", tick=False):
        yield


@pytest.fixture
def plan(seed_review, officer):
    """The seed's actions (planned, no due date: amber), one overdue and kept by the officer, one done."""
    objective = seed_review.assessments.get(objective__number=31).objective
    overdue = make_action(
        review=seed_review,
        objective=objective,
        text="Publish the pipeline.",
        lead="Commissioning",
        owner=officer,
        due_date=datetime.date(2026, 11, 1),
        status="in_progress",
    )
    done = make_action(
        review=seed_review,
        objective=objective,
        text="Train buyers.",
        status="done",
        done_on=datetime.date(2026, 6, 1),
        due_date=datetime.date(2027, 1, 1),
    )
    ProgressNote.objects.create(action=overdue, on=datetime.date(2026, 11, 20), text="Drafted.", author=officer)
    return seed_review, overdue, done


def rows(response):
    return [a.text for _, _, groups in response.context["plan"].groups for g in groups for a in g.actions]


def test_the_plan_counts_by_rag_and_groups_by_key_area(client, plan, committee_member):
    client.force_login(committee_member)
    response = client.get("/reviews/2021/actions/")
    counts = {rag.key: count for rag, count in response.context["plan"].counts}
    total = Action.objects.filter(reviews=plan[0]).count()
    assert counts == {"red": 1, "amber": 0, "green": 0, "not_planned": total - 2, "done": 1, "dropped": 0}
    content = response.content.decode()
    assert "Red</span>: 1" in content and "Overdue: the due date has passed" in content
    first_theme = [theme.name for theme, _, _ in response.context["plan"].groups][0]
    assert first_theme == "Showing leadership"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("rag=red", ["Publish the pipeline."]),
        ("overdue=on", ["Publish the pipeline."]),
        ("status=done", ["Train buyers."]),
        ("lead=commission", ["Publish the pipeline."]),
        ("due_before=2026-12-31", ["Publish the pipeline."]),
        ("status=done&raised_in=2021", ["Train buyers."]),
        ("raised_in=2020", []),
    ],
)
def test_filters(client, plan, officer, query, expected):
    client.force_login(officer)
    assert rows(client.get(f"/reviews/2021/actions/?{query}")) == expected


def test_the_owner_filter(client, plan, officer):
    client.force_login(officer)
    assert rows(client.get(f"/reviews/2021/actions/?owner={officer.pk}")) == ["Publish the pipeline."]


def test_sorting_by_due_date_puts_dated_ones_first(client, plan, officer):
    client.force_login(officer)
    found = rows(client.get("/reviews/2021/actions/?sort=due"))
    assert found[:2] == ["Publish the pipeline.", "Train buyers."]


def test_a_bad_filter_is_a_404(client, plan, officer):
    client.force_login(officer)
    assert client.get("/reviews/2021/actions/?rag=purple").status_code == 404
    assert client.get("/reviews/2021/actions/?due_before=soon").status_code == 404


def test_the_plan_takes_the_same_queries_however_many_actions(client, plan, officer, django_assert_num_queries):
    client.force_login(officer)
    client.get("/reviews/2021/actions/")  # the session and permissions, cached from here on
    # session, user, the user's and the groups' permissions, review, the plan's actions (with their owners), their
    # objectives, key areas, themes and the reviews they were raised in, the owner choices, and the navigation's
    # count of what needs the officer
    with django_assert_num_queries(12):
        client.get("/reviews/2021/actions/?owner=&sort=due")
    objective = plan[0].assessments.get(objective__number=3).objective
    for number in range(20):
        make_action(review=plan[0], objective=objective, text=f"More {number}", owner=officer)
    with django_assert_num_queries(12):
        client.get("/reviews/2021/actions/")


def test_a_long_plan_is_paged_and_its_counts_are_of_the_whole_plan(client, plan, officer):
    objective = plan[0].assessments.get(objective__number=3).objective
    for number in range(PAGE_SIZE + 5):
        make_action(review=plan[0], objective=objective, text=f"Step {number:03d}", due_date=datetime.date(2030, 1, 1))
    total = plan[0].actions.count()
    client.force_login(officer)
    first = client.get("/reviews/2021/actions/?sort=due")
    listed = [a for _, _, objectives in first.context["plan"].groups for group in objectives for a in group.actions]
    assert len(listed) == PAGE_SIZE and first.context["plan"].shown == total
    assert sum(count for _, count in first.context["plan"].counts) == total
    content = first.content.decode()
    assert f"{total} of {total} actions shown: 1 to {PAGE_SIZE} on this page" in content
    assert 'href="?sort=due&amp;page=2"' in content and 'aria-label="Pages of the action plan"' in content
    second = client.get("/reviews/2021/actions/?sort=due&page=2")
    rest = [a for _, _, objectives in second.context["plan"].groups for group in objectives for a in group.actions]
    assert len(rest) == total - PAGE_SIZE and not {a.pk for a in rest} & {a.pk for a in listed}
    assert client.get("/reviews/2021/actions/?page=99").context["plan"].page.number == 2  # the last page
    assert client.get("/reviews/2021/actions/?page=x").context["plan"].page.number == 1


def test_the_objective_page_lists_its_actions_with_their_rag(client, plan, officer):
    client.force_login(officer)
    content = client.get("/reviews/2021/objectives/31/").content.decode()
    assert "Publish the pipeline." in content and "Red</span>" in content
    assert "/reviews/2021/objectives/31/actions/new/" in content
