"""A manager assigns a key area to an officer, who signs in, lands on My work and follows a line to the edit form;
axe finds nothing on the new pages (My work, assign, account) at a desktop's width and a phone's."""

import datetime

import pytest

from objectives.models import Assignment
from objectives.services.reviews import start_review
from tests.browser.pages import axe_violations, screenshot, scrolls_sideways, sign_in
from tests.factories import make_action

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


@pytest.fixture
def draft(seed_review, manager):
    return start_review(previous=seed_review, year=2022, by=manager)


def test_a_manager_assigns_a_key_area_and_the_officer_follows_it_to_the_edit_form(
    browser, live_server, draft, manager, officer
):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_in(page, manager)
    assert page.url.endswith("/my-work/")
    page.goto("/reviews/2022/")
    page.get_by_role("link", name="Assign officers").click()
    page.get_by_label("Due by").fill("2027-04-01")
    page.get_by_label("Assign all of Obtaining social value to").select_option(label="Olivia Okafor")
    page.get_by_role("button", name="Save the assignments").click()
    assert "assignments are saved" in page.get_by_role("status").inner_text()
    assert Assignment.objects.filter(officer=officer).count() == 10
    page.goto("/my-work/")
    assert "Olivia Okafor" in page.locator("#progress").inner_text()
    screenshot(page, "my-work/manager-1366", width=1366)
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, officer)
    assert page.url.endswith("/my-work/")
    assert page.locator("#my-work-count").inner_text().startswith("10")
    screenshot(page, "my-work/officer-1366", width=1366)
    page.get_by_role("link", name="#31 Policy and scope (social value)").click()
    assert page.url.endswith("/reviews/2022/objectives/31/edit/")
    assert page.get_by_role("heading", level=1).inner_text() == "Edit #31 Policy and scope (social value)"
    context.close()


def test_the_new_pages_pass_the_accessibility_check_at_both_widths(browser, live_server, draft, manager, officer):
    objective = draft.assessments.get(objective__number=3).objective
    make_action(
        review=draft, objective=objective, text="Train the buyers.", owner=officer, due_date=datetime.date(2020, 1, 1)
    )
    context = browser.new_context(base_url=live_server.url)  # with the Content-Security-Policy, as in production
    page = context.new_page()
    sign_in(page, manager)
    page.goto("/reviews/2022/assign/")
    page.get_by_label("Assign all of Engaging councillors to").select_option(label="Olivia Okafor")
    page.get_by_role("button", name="Save the assignments").click()
    problems = {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in ["/my-work/", "/reviews/2022/assign/", "/account/"]:
            page.goto(url)
            found = axe_violations(page, impacts=ALL_IMPACTS)
            if width < 768 and scrolls_sideways(page):
                found.append("scrolls sideways")
            problems[f"{url} at {width}"] = found
            screenshot(page, f"my-work/manager{url.replace('/', '-').rstrip('-')}-{width}")
        page.goto("/reviews/2022/assign/")
        page.get_by_label("Due by").fill("2027-02-30")  # no such day: the browser's date field refuses it
        page.evaluate("document.querySelector('#id_due_by').type = 'text'")
        page.get_by_label("Due by").fill("soon")
        page.get_by_role("button", name="Save the assignments").click()
        assert "Nothing is saved." in page.locator("#not-saved").inner_text()
        problems[f"assign with errors at {width}"] = axe_violations(page, impacts=ALL_IMPACTS)
    page.set_viewport_size({"width": 1366, "height": 900})  # the sign-out button is behind the menu on a phone
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, officer)
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/my-work/")
        problems[f"officer's /my-work/ at {width}"] = axe_violations(page, impacts=ALL_IMPACTS)
        screenshot(page, f"my-work/officer-{width}")
    context.close()
    assert {url: found for url, found in problems.items() if found} == {}
