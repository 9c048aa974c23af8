from tests.browser.pages import axe_violations, screenshot, sign_in


def test_a_committee_member_signs_in_and_reads_the_scorecard(page, seed_review, committee_member):
    page.goto("/reviews/2021/")
    assert page.url.endswith("/login/?next=/reviews/2021/")
    sign_in(page, committee_member)
    assert page.url.endswith("/reviews/2021/")
    assert page.get_by_role("heading", level=1).inner_text() == "Procurement Strategy Objectives 2021"
    assert page.locator("#objective-3").get_by_text("Councillor Development", exact=True).is_visible()
    screenshot(page, "scorecard-1280")
    screenshot(page, "scorecard-390", width=390)
    assert axe_violations(page) == []
