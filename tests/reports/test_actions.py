"""Actions in the dashboard (by RAG per theme, and the overdue ones) and in the committee report's appendix."""

import datetime

import pytest
import time_machine

from reports.actions import OVERDUE_LISTED
from reports.report import report_html
from tests.factories import make_action


@pytest.fixture
def overdue(seed_review):
    objective = seed_review.assessments.get(objective__number=31).objective
    with time_machine.travel("2026-12-01", tick=False):
        yield make_action(
            review=seed_review,
            objective=objective,
            text="Publish the pipeline.",
            lead="Commissioning",
            due_date=datetime.date(2026, 11, 1),
        )


def test_the_dashboard_counts_actions_by_rag_per_theme_and_lists_the_overdue(client, overdue, committee_member):
    client.force_login(committee_member)
    with time_machine.travel("2026-12-01", tick=False):
        response = client.get("/reviews/2021/dashboard/")
    figures = response.context["action_figures"]
    counts = {theme.name: dict(zip([k.key for k in figures.keys], row, strict=True)) for theme, row in figures.themes}
    assert counts["Achieving community benefits"]["red"] == 1
    assert sum(row["not_planned"] for row in counts.values()) == overdue.raised_in.actions.count() - 1
    assert figures.overdue == [overdue] and figures.overdue_count == 1
    assert "Publish the pipeline." in response.content.decode()
    assert "1 action is overdue." in response.content.decode()


def test_the_dashboard_lists_the_longest_overdue_and_links_to_them_all(client, overdue, committee_member):
    with time_machine.travel("2026-12-01", tick=False):
        later = [
            make_action(
                review=overdue.raised_in,
                objective=overdue.objective,
                text=f"Late {days}",
                due_date=datetime.date(2026, 11, 2) + datetime.timedelta(days=days),
            )
            for days in range(OVERDUE_LISTED)
        ]
        client.force_login(committee_member)
        response = client.get("/reviews/2021/dashboard/")
    figures = response.context["action_figures"]
    assert figures.overdue == [overdue, *later[: OVERDUE_LISTED - 1]]  # longest overdue first
    assert figures.overdue_count == OVERDUE_LISTED + 1
    content = response.content.decode()
    assert f"{OVERDUE_LISTED + 1} actions are overdue: the {OVERDUE_LISTED} longest overdue are below" in content
    assert 'href="/reviews/2021/actions/?overdue=on">the action plan lists them all</a>' in content
    assert f"Late {OVERDUE_LISTED - 1}" not in content


def test_the_report_has_an_action_plan_appendix_with_rag_in_words(overdue):
    with time_machine.travel("2026-12-01", tick=False):
        html = report_html(overdue.raised_in, earlier=[])
    appendix = html[html.index("<h2>Action plan</h2>") : html.index("<h2>Objectives below target</h2>")]
    assert "Publish the pipeline." in appendix and "Commissioning" in appendix and "1 Nov 2026" in appendix
    # The RAG a shaded cell with its shape and letter; the status in words beside it
    assert '<td><p class="body">Planned</p></td><td class="rag-cell rag-red"><p class="rag">▲ R</p></td>' in appendix
    assert "Category Management to create Councillor development programmes" in html  # the seed's table, as before


def test_the_dashboard_of_one_theme_counts_and_lists_its_actions_only(client, overdue, committee_member):
    """#31's overdue action is in "Achieving community benefits": that theme lists it, "Showing leadership" not."""
    leadership = overdue.raised_in.assessments.get(objective__number=3).objective
    with time_machine.travel("2026-12-01", tick=False):
        make_action(
            review=overdue.raised_in, objective=leadership, text="Brief members.", due_date=datetime.date(2026, 10, 1)
        )
        client.force_login(committee_member)
        benefits = client.get("/reviews/2021/dashboard/", {"theme": "achieving-community-benefits"})
        leading = client.get("/reviews/2021/dashboard/", {"theme": "showing-leadership"})
    figures = benefits.context["action_figures"]
    assert [theme.name for theme, _ in figures.themes] == ["Achieving community benefits"]
    assert figures.overdue == [overdue] and figures.overdue_count == 1
    assert [theme.name for theme, _ in leading.context["action_figures"].themes] == ["Showing leadership"]
    assert [a.text for a in leading.context["action_figures"].overdue] == ["Brief members."]
