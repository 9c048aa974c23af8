"""Getting through a review quickly, in a real Chromium: Save and next, targets in one save, filters."""

from tests.browser.pages import sign_in


def test_an_officer_scores_three_objectives_with_save_and_next_in_three_page_loads(page, draft, officer):
    sign_in(page, officer)
    page.goto("/reviews/2022/")
    page.get_by_role("link", name="Edit #3 Councillor Development").click()
    page.wait_for_load_state()  # the first page load; the three that count come after it
    loads = []
    page.on("load", lambda: loads.append(page.url))
    for number, level in ((3, "3 Mature"), (7, "2 Developing"), (31, "4 Leader")):
        assert page.get_by_role("heading", level=1).inner_text().startswith(f"Edit #{number} ")
        page.get_by_label(level).check()
        page.get_by_role("button", name="Save and next").click()
        page.wait_for_load_state()
    assert len(loads) == 3
    assert page.get_by_role("heading", level=1).inner_text().startswith("Edit #32 ")
    scores = dict(draft.assessments.filter(score__isnull=False).values_list("objective__number", "score"))
    assert scores == {3: 3, 7: 2, 31: 4}


def test_a_manager_sets_every_target_of_the_next_review_in_one_save(page, draft, manager):
    sign_in(page, manager)
    page.goto("/reviews/2022/")
    page.get_by_role("link", name="Set targets").click()
    page.get_by_label("Fill in", exact=True).select_option(label="3 Mature for every objective")
    page.get_by_role("button", name="Show").click()
    page.get_by_label("Target for #57 Exploring digital technology").select_option(label="4 Leader")
    posts = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    page.get_by_role("button", name="Save the targets").click()
    page.wait_for_load_state()
    assert len(posts) == 1
    assert page.get_by_role("status").inner_text().strip() == "The targets of the 2022 review are saved."
    targets = dict(draft.assessments.values_list("objective__number", "target"))
    assert targets == {**dict.fromkeys(targets, 3), 57: 4}


def test_the_filters_narrow_the_scorecard_and_can_be_bookmarked(page, draft, officer):
    draft.assessments.filter(objective__number__in=(3, 31)).update(score=2)
    sign_in(page, officer)
    page.goto("/reviews/2022/")
    assert page.locator("tr[id^=objective-]").count() == 13
    page.get_by_text("Filters", exact=True).click()  # behind a disclosure until a filter is on
    page.get_by_label("Theme").select_option(label="Achieving community benefits")
    page.get_by_label("Not scored").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**not_scored=on**")  # the filtered page, not the one it leaves
    assert page.locator("tr[id^=objective-]").count() == 9  # ten in the theme, #31 scored
    assert "not_scored=on" in page.url and "theme=achieving-community-benefits" in page.url
    assert "9 of 13 objectives shown" in page.get_by_role("status").inner_text()
    page.get_by_label("Search titles, comments and actions").fill("governance")  # open while one is on
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    # #40 by its title; #35 by its action ("Future governance ..."), carried open into 2022
    assert [row.get_attribute("id") for row in page.locator("tr[id^=objective-]").all()] == [
        "objective-35",
        "objective-40",
    ]
