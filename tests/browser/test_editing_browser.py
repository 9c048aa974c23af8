"""Officers, managers and committee members in a real Chromium."""

from objectives.models import Review
from tests.browser.pages import axe_violations, screenshot, sign_in


def test_an_officer_edits_a_score_and_comments_and_sees_them(page, draft, officer):
    sign_in(page, officer)
    page.goto("/reviews/2022/")
    page.get_by_role("link", name="Edit #3 Councillor Development").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Edit #3 Councillor Development"
    screenshot(page, "edit-form-1280")
    screenshot(page, "edit-form-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("3 Mature").check()
    page.get_by_label("Comments").fill("Two training sessions ran.\n\nMembers asked for a third.")
    page.get_by_role("button", name="Save", exact=True).click()
    assert page.get_by_role("status").inner_text().strip() == "Objective #3 is saved."
    history = page.locator("ol.history li").first
    assert "Changed by Olivia Okafor" in history.inner_text()
    assert "3 Mature" in history.inner_text() and "Members asked for a third." in history.inner_text()
    page.goto("/reviews/2022/")
    row = page.locator("#objective-3")
    assert "3 Mature" in row.inner_text()
    assert "Two training sessions ran." in row.inner_text() and "Members asked for a third." in row.inner_text()


def test_a_manager_starts_the_next_review_and_publishes_it(page, seed_review, manager):
    sign_in(page, manager)
    page.goto("/reviews/")
    page.get_by_role("link", name="Start the next review").click()
    assert page.get_by_role("spinbutton", name="Year").input_value() == "2022"
    # It asks about the carried actions that lack an owner, a lead or a due date, and goes on to plan them
    assert page.get_by_role(
        "checkbox", name="Plan the 12 carried actions that lack an owner, a lead or a due date next"
    ).is_checked()
    page.get_by_role("button", name="Start the review from 2021").click()
    assert page.url.endswith("/reviews/2022/actions/planning/")
    page.get_by_role("link", name="2022").first.click()
    assert page.url.endswith("/reviews/2022/")
    assert page.locator("tr[id^=objective-]").count() == 13
    page.get_by_role("link", name="Publish (sign off)").click()
    assert "13 objectives are not scored." in page.content() and "Not ready yet" in page.content()
    page.get_by_role("button", name="Publish and sign off anyway").click()
    assert "Signed off by Morgan Mensah" in page.locator("main").inner_text()
    review = Review.objects.get(year=2022)
    assert review.is_published and review.published_by == manager


def test_a_committee_member_finds_no_edit_link_and_is_refused_the_edit_page(page, seed_review, committee_member):
    sign_in(page, committee_member)
    page.goto("/reviews/2021/")
    assert page.get_by_role("link", name="Edit").count() == 0
    assert page.locator("a[href$='/edit/']").count() == 0
    response = page.goto("/reviews/2021/objectives/3/edit/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot do that"


def test_every_page_passes_the_accessibility_check(page, draft, manager):
    urls = [
        "/reviews/",
        "/reviews/2021/",
        "/reviews/2022/",
        "/reviews/2021/objectives/3/",
        "/reviews/2022/objectives/3/edit/",
        "/reviews/2022/objectives/add/",
        "/reviews/2022/objectives/3/remove/",
        "/reviews/2022/publish/",
        "/reviews/2021/reopen/",
        "/reviews/1999/",  # the 404 page
    ]
    problems = {}
    page.goto("/login/")
    problems["/login/"] = axe_violations(page)
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Sign in").click()
    problems["/login/ with an error"] = axe_violations(page)
    sign_in(page, manager)
    for url in urls:
        page.goto(url)
        problems[url] = axe_violations(page)
    page.goto("/reviews/2022/objectives/3/edit/")
    page.get_by_label("Comments").fill("x")
    page.evaluate("document.querySelector('input[name=version]').value = '0'")
    page.get_by_role("button", name="Save", exact=True).click()
    assert "Someone else saved" in page.content()
    problems["edit conflict"] = axe_violations(page)
    page.goto("/reviews/2021/objectives/3/edit/")  # the 403 page
    problems["403"] = axe_violations(page)
    assert {url: found for url, found in problems.items() if found} == {}


def test_pages_have_one_h1_a_skip_link_and_work_without_javascript(browser, live_server, draft, officer):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, officer)
    page.goto("/reviews/2022/objectives/3/edit/")
    assert page.locator("h1").count() == 1
    assert page.locator("a.skip-link").get_attribute("href") == "#main"
    page.get_by_label("2 Developing").check()
    page.get_by_role("button", name="Save", exact=True).click()
    assert draft.assessments.get(objective__number=3).score == 2
    context.close()
