"""An officer raises an action, notes its progress and marks it done; a committee member reads the published plan."""

import pytest

from objectives.models import Action
from objectives.services.reviews import start_review
from tests.browser.pages import axe_violations, screenshot, sign_in

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


@pytest.fixture
def draft(seed_review, manager):
    return start_review(previous=seed_review, year=2022, by=manager)


def test_an_officer_raises_an_action_notes_progress_and_marks_it_done(page, draft, officer):
    sign_in(page, officer)
    page.goto("/reviews/2022/objectives/3/")
    page.get_by_role("link", name="Raise an action on #3").click()
    assert page.get_by_label("Owner").input_value() == str(officer.pk)  # whoever raises it, until changed
    assert page.get_by_label("Done on").is_hidden() and page.get_by_label("Why it was dropped").is_hidden()
    page.get_by_label("Status*", exact=True).select_option(label="Dropped")  # each shows with its status
    assert page.get_by_label("Done on").is_hidden() and page.get_by_label("Why it was dropped").is_visible()
    page.get_by_label("Status*", exact=True).select_option(label="Planned")
    assert page.get_by_label("Why it was dropped").is_hidden()
    page.get_by_label("Action*", exact=True).fill("Run a procurement session for new councillors.")
    page.get_by_label("Lead", exact=True).fill("Category Management")
    page.get_by_label("Due date").fill("2027-03-31")
    page.get_by_role("button", name="Raise the action").click()
    assert page.get_by_role("status").inner_text().strip() == "The action is raised on objective #3."
    assert "31 Mar 2027" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Back to #3 Councillor Development").is_visible()
    page.get_by_role("link", name="Add a progress note").click()
    page.get_by_label("Progress note*", exact=True).fill("Session booked for February.")
    page.get_by_label("Status after this note*", exact=True).select_option(label="In progress")
    page.get_by_role("button", name="Add the note").click()
    assert "Session booked for February." in page.locator("main").inner_text()
    page.get_by_role("link", name="Add a progress note").click()
    page.get_by_label("Progress note*", exact=True).fill("Twelve councillors attended.")
    assert page.get_by_label("Done on").is_hidden()
    page.get_by_label("Status after this note*", exact=True).select_option(label="Done")
    page.get_by_label("Done on").fill("2026-11-30")
    page.get_by_role("button", name="Add the note").click()
    action = Action.objects.get(text="Run a procurement session for new councillors.")
    assert (action.status, action.lead, action.notes.count()) == ("done", "Category Management", 2)
    page.goto("/reviews/2022/actions/")
    row = page.locator(f"#action-{action.pk}")
    assert "Done" in row.inner_text() and "Category Management" in row.inner_text()


def test_a_committee_member_reads_the_published_plan(page, draft, committee_member):
    sign_in(page, committee_member)
    page.goto("/reviews/2021/actions/")
    assert page.get_by_role("heading", level=1).inner_text() == "Action plan 2021"
    assert page.get_by_role("link", name="Change the action").count() == 0
    page.get_by_text("How the RAG is worked out").click()
    assert "Overdue: the due date has passed" in page.locator("main").inner_text()
    page.locator("table.action-table a").first.click()
    assert "Progress notes" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Add a progress note").count() == 0
    assert page.goto("/reviews/2022/actions/").status == 404


def test_the_action_pages_pass_the_accessibility_check_at_both_widths(page, draft, officer):
    action = Action.objects.filter(reviews=draft).first()
    urls = [
        "/reviews/2021/actions/",
        "/reviews/2022/actions/?sort=due",
        "/reviews/2022/objectives/3/",
        "/reviews/2022/objectives/3/actions/new/",
        f"/actions/{action.pk}/",
        f"/actions/{action.pk}/edit/",
        f"/actions/{action.pk}/progress/",
        "/reviews/2022/dashboard/",
    ]
    sign_in(page, officer)
    problems = {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(url)
            problems[f"{url} at {width}"] = axe_violations(page, impacts=ALL_IMPACTS)
        page.goto(f"/actions/{action.pk}/progress/")
        page.get_by_label("Status after this note*", exact=True).select_option(label="Done")
        with page.expect_navigation():  # the page with the errors, not the form it leaves
            page.get_by_role("button", name="Add the note").click()
        problems[f"progress with errors at {width}"] = axe_violations(page, impacts=ALL_IMPACTS)
    page.goto("/reviews/2022/actions/")
    screenshot(page, "action-plan-390", width=390)
    screenshot(page, "action-plan-1366", width=1366)
    assert {url: found for url, found in problems.items() if found} == {}
