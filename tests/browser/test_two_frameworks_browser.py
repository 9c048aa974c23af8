"""Two frameworks in one year, in a real browser: a manager loads the Procurement Act readiness framework and starts
its 2022 review beside NPS 2018's, an officer marks one duty not applicable and scores another, the manager signs
both off, and a committee member reads both packs. axe-core finds nothing at a desktop's width and a phone's."""

import io

from pypdf import PdfReader

from objectives.models import Assessment, Review
from tests.browser.pages import download, problems_at_each_width, sign_in
from tests.factories import make_seed_review

PA_FILE = "fixtures/pa2023-readiness.framework.json"
READY = "/reviews/pa2023-readiness/2022/"


def start(page, framework_link, year):
    page.goto("/reviews/")
    page.get_by_role("link", name="Start the next review").click()
    page.get_by_role("link", name=framework_link).click()
    page.locator("#id_year").fill(str(year))
    if page.locator("#id_plan_next").count():  # the carried actions' planning can wait
        page.locator("#id_plan_next").uncheck()
    page.get_by_role("button", name="Start").click()
    page.wait_for_load_state()


def test_a_manager_starts_a_readiness_review_beside_nps_and_the_committee_reads_both_packs(
    page, nps, manager, officer, committee_member, settings, tmp_path
):
    settings.SCORECARD_IMPORT_DIR = tmp_path / "uploads"
    make_seed_review(framework=nps, user=manager, published_by=manager)
    problems = {}

    sign_in(page, manager)
    page.goto("/frameworks/")
    page.locator("#id_file").set_input_files(PA_FILE)
    page.get_by_role("button", name="Preview the file").click()
    page.get_by_role("button", name="Load these changes").click()
    page.wait_for_load_state()

    page.goto("/reviews/new/")
    problems["choose a framework"] = problems_at_each_width(page, "two-frameworks/new-review-choice")
    start(page, "Start a review of Procurement Act 2023 readiness", 2022)
    assert page.url.endswith(READY)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Procurement Act 2023 readiness 2022")
    start(page, "Start a review of NPS 2018", 2022)
    assert page.url.endswith("/reviews/2022/")
    page.goto("/reviews/")
    problems["reviews"] = problems_at_each_width(page, "two-frameworks/reviews")

    page.context.clear_cookies()  # signed out
    sign_in(page, officer)
    page.goto(f"{READY}objectives/17/edit/")  # the pipeline notice: for councils spending over 100 million pounds
    page.get_by_label("Not applicable", exact=True).check()
    page.get_by_label("Why not applicable").fill("Our annual spend is under 100 million pounds.")
    problems["edit, not applicable"] = problems_at_each_width(page, "two-frameworks/edit-not-applicable")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    page.goto(f"{READY}objectives/1/edit/")
    page.get_by_label("2 In progress").check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    page.goto(READY)
    assert "Not applicable" in page.locator("#objective-17").inner_text()
    problems["readiness scorecard"] = problems_at_each_width(page, "two-frameworks/readiness-scorecard")
    ready = Review.objects.get(framework__slug="pa2023-readiness", year=2022)
    assert Assessment.objects.get(review=ready, objective__number=17).not_applicable
    assert Assessment.objects.get(review=ready, objective__number=1).score == 2

    page.context.clear_cookies()
    sign_in(page, manager)
    for url in (READY, "/reviews/2022/"):
        page.goto(f"{url}publish/")
        page.get_by_role("button", name="Publish and sign off anyway").click()
        page.wait_for_load_state()

    page.context.clear_cookies()
    sign_in(page, committee_member)
    page.goto("/reviews/")
    problems["committee reviews"] = problems_at_each_width(page, "two-frameworks/committee-reviews")
    packs = {}
    for url in (READY, "/reviews/2022/"):
        page.goto(url)
        name, content = download(page, "PDF of the committee pack")
        packs[name] = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert set(packs) == {"procurement-scorecard-pa2023-readiness-2022.pdf", "procurement-scorecard-2022.pdf"}
    readiness_pack = packs["procurement-scorecard-pa2023-readiness-2022.pdf"]
    assert "Procurement Act 2023 readiness 2022" in readiness_pack and "Not applicable" in readiness_pack
    assert "Procurement Strategy Objectives 2022" in packs["procurement-scorecard-2022.pdf"]
    assert {name: found for name, found in problems.items() if found} == {}
