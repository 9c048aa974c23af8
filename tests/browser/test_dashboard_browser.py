from tests.browser.pages import axe_violations, screenshot, sign_in
from tests.reports.council import make_council


def test_a_committee_member_reads_the_demo_dashboard(page, seed_review, committee_member):
    sign_in(page, committee_member)
    page.goto("/reviews/2021/")
    page.get_by_role("link", name="Dashboard: figures and charts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Theme dashboard 2021"
    assert page.get_by_role("img", name="Mean score against target, 2021").is_visible()
    screenshot(page, "dashboard-demo-1280")
    screenshot(page, "dashboard-demo-390", width=390)
    assert axe_violations(page) == []


def test_a_manager_compares_years_and_opens_a_theme_without_javascript(browser, live_server, manager):
    make_council(published_by=manager)
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    sign_in(page, manager)
    page.goto("/reviews/2021/dashboard/")
    assert page.get_by_label("Compare with").input_value() == "2020"
    screenshot(page, "dashboard-council-1280")
    screenshot(page, "dashboard-council-390", width=390)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Theme", exact=True).select_option(label="Showing leadership")
    page.get_by_label("Compare with").select_option(label="The 2019 review")
    page.get_by_role("button", name="Show").click()
    assert page.url.endswith("/reviews/2021/dashboard/?theme=showing-leadership&compare=2019")
    assert page.get_by_role("heading", level=1).inner_text() == "Showing leadership: dashboard 2021"
    screenshot(page, "dashboard-theme-1280")
    context.close()


def test_the_council_dashboard_passes_axe(page, manager):
    make_council(published_by=manager)
    sign_in(page, manager)
    page.goto("/reviews/2021/dashboard/")
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": 900})
    assert axe_violations(page) == []
