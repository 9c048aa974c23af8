"""A manager loads the readiness framework at /frameworks/ in a real browser: a file with problems first, then the
shipped one and its mapping, previewed and confirmed; the objective page then shows what the mapping ties it to.
axe-core finds nothing at a desktop's width and a phone's."""

from objectives.models import Framework
from tests.browser.pages import problems_at_each_width, sign_in
from tests.factories import make_seed_review
from tests.objectives.frameworks.files import MAPPING_FILE, PA_FILE, as_bytes, small


def upload(page, path):
    page.goto("/frameworks/")
    page.locator("#id_file").set_input_files(str(path))
    page.get_by_role("button", name="Preview the file").click()
    page.wait_for_load_state()


def test_a_manager_loads_the_readiness_framework_after_a_file_with_problems(page, nps, manager, tmp_path, settings):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "uploads"
    make_seed_review(framework=nps, user=manager, published_by=manager)
    broken = small(slug="new")
    broken["objectives"][2]["key_area"] = "a-key-area-that-the-themes-do-not-have-named-at-great-length-indeed"
    path = tmp_path / "broken.framework.json"
    path.write_bytes(as_bytes(broken))
    sign_in(page, manager)
    page.get_by_role("link", name="Frameworks").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Frameworks"
    assert problems_at_each_width(page, "frameworks/list") == {}

    upload(page, path)
    assert "objectives[2] (number 3).key_area" in page.locator("#file-problems").inner_text()
    assert problems_at_each_width(page, "frameworks/problems") == {}

    upload(page, PA_FILE)
    assert "Adds objective #18 (PA-18)" in page.locator("#changes").inner_text()
    assert problems_at_each_width(page, "frameworks/preview") == {}
    page.get_by_role("button", name="Load these changes").click()
    page.wait_for_load_state()
    assert "Loaded pa2023-readiness.framework.json" in page.locator(".alert-success, .alert").first.inner_text()
    assert "Procurement Act 2023 readiness" in page.locator("table").inner_text()
    assert problems_at_each_width(page, "frameworks/loaded") == {}
    assert Framework.objects.get(slug="pa2023-readiness").objectives.count() == 18

    upload(page, MAPPING_FILE)
    page.get_by_role("button", name="Load these changes").click()
    page.wait_for_load_state()
    page.goto("/reviews/2021/objectives/3/")
    assert "The key area Engaging councillors" not in page.locator("#mapped + p + table").inner_text()
    assert "#16 (PA-16) Conflicts of interest" in page.locator("#mapped + p + table").inner_text()
    assert problems_at_each_width(page, "frameworks/objective") == {}
