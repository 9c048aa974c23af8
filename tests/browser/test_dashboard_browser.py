import pytest

from objectives.services.reviews import start_review
from tests.browser.pages import axe_violations, console_errors, screenshot, scrolls_sideways, sign_in
from tests.reports.council import make_council

EVERY_IMPACT = ("minor", "moderate", "serious", "critical")
DASHBOARDS = {
    "seed": "/reviews/2021/dashboard/",
    "new-review": "/reviews/2022/dashboard/",  # started from the seed: nothing scored yet
    "theme": "/reviews/2021/dashboard/?theme=enablers",  # one key area: no radar
}


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("name", DASHBOARDS)
def test_every_dashboard_reads_at_desktop_and_phone_widths(page, seed_review, manager, name, width):
    start_review(previous=seed_review, year=2022, by=manager)
    errors = console_errors(page)
    sign_in(page, manager)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(DASHBOARDS[name])
    screenshot(page, f"dashboard-{name}-{width}", width=width)
    assert not scrolls_sideways(page)
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    assert errors == []


def test_a_new_review_says_its_charts_wait_for_scores(page, seed_review, manager):
    start_review(previous=seed_review, year=2022, by=manager)
    sign_in(page, manager)
    page.goto("/reviews/2022/dashboard/")
    note = page.get_by_text("No charts of the scores yet: no objective of the 2022 review is scored.")
    assert note.is_visible()
    assert page.get_by_role("img", name="Objectives by year").is_visible()


def test_a_committee_member_reads_the_demo_dashboard(page, seed_review, committee_member):
    sign_in(page, committee_member)
    page.goto("/reviews/2021/")
    page.get_by_role("link", name="Dashboard: figures and charts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Theme dashboard 2021"
    assert page.get_by_role("img", name="Average score by key area, 2021").is_visible()


def test_a_manager_compares_years_and_opens_a_theme_without_javascript(browser, live_server, manager):
    make_council(published_by=manager)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    sign_in(page, manager)
    page.goto("/reviews/2021/dashboard/")
    assert page.get_by_label("Compare with").input_value() == "2020"
    screenshot(page, "dashboard-council-1366", width=1366)
    screenshot(page, "dashboard-council-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Theme", exact=True).select_option(label="Showing leadership")
    page.get_by_label("Compare with").select_option(label="The 2019 review")
    page.get_by_role("button", name="Show").click()
    assert page.url.endswith("/reviews/2021/dashboard/?theme=showing-leadership&compare=2019")
    assert page.get_by_role("heading", level=1).inner_text() == "Showing leadership: dashboard 2021"
    screenshot(page, "dashboard-theme-compared-1366", width=1366)
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_the_council_dashboard_with_targets_and_changes_passes_axe(page, manager, width):
    make_council(published_by=manager)
    errors = console_errors(page)
    sign_in(page, manager)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/reviews/2021/dashboard/")
    assert not scrolls_sideways(page)
    assert axe_violations(page, impacts=EVERY_IMPACT) == []
    assert errors == []
