"""An officer adds a PDF and a link to an objective; once the review is published a committee member downloads the
PDF; every evidence page passes axe-core at a desktop's width and a phone's."""

from pathlib import Path

import pytest

from objectives.models import Evidence
from objectives.services.reviews import start_review
from tests.browser.pages import axe_violations, screenshot, scrolls_sideways, sign_in
from tests.evidence_files import pdf_bytes

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


@pytest.fixture
def draft(seed_review, manager):
    return start_review(previous=seed_review, year=2022, by=manager)


def add(page, *, title, dated, file=None, link=None):
    page.goto("/reviews/2022/objectives/3/")
    page.get_by_role("link", name="Add evidence to #3").click()
    page.get_by_label("Title*", exact=True).fill(title)
    page.get_by_label("Date of the document*", exact=True).fill(dated)
    page.get_by_label("Review by").fill("2023-03-31")
    if file:
        page.get_by_label("File", exact=True).set_input_files(str(file))
    if link:
        page.get_by_label("Link").fill(link)
    page.get_by_role("button", name="Add the evidence").click()
    assert page.get_by_role("status").inner_text().strip() == "The evidence is added to objective #3."


def test_an_officer_adds_a_pdf_and_a_link_and_a_committee_member_downloads_the_pdf(
    browser, live_server, draft, officer, manager, committee_member, tmp_path
):
    pdf = tmp_path / "Councillor training 2022.pdf"
    pdf.write_bytes(pdf_bytes())
    officer_context = browser.new_context(base_url=live_server.url)
    page = officer_context.new_page()
    sign_in(page, officer)
    add(page, title="Councillor training record 2022", dated="2022-11-30", file=pdf)
    assert "Download Councillor training 2022.pdf (PDF" in page.locator("main").inner_text()
    screenshot(page, "evidence/officer-added-pdf")
    add(page, title="Member development programme", dated="2022-09-01", link="https://www.local.gov.uk/")
    page.goto("/reviews/2022/objectives/3/")
    evidence = page.locator("#evidence + table").inner_text()
    assert "Councillor training record 2022" in evidence and "Member development programme" in evidence
    screenshot(page, "evidence/objective-page")
    officer_context.close()

    draft.publish(by=manager)
    committee = browser.new_context(base_url=live_server.url)
    page = committee.new_page()
    sign_in(page, committee_member)
    page.goto("/reviews/2022/objectives/3/")
    assert page.get_by_role("link", name="Add evidence to #3").count() == 0
    page.get_by_role("link", name="Councillor training record 2022", exact=True).click()
    assert page.get_by_role("link", name="Change it").count() == 0
    with page.expect_download() as downloaded:
        page.get_by_role("link", name="Download Councillor training 2022.pdf").click()
    assert downloaded.value.suggested_filename == "Councillor training 2022.pdf"
    assert Path(downloaded.value.path()).read_bytes() == pdf.read_bytes()
    committee.close()


def test_the_evidence_pages_pass_the_accessibility_check_at_both_widths(page, draft, officer):
    from datetime import date

    from tests.factories import make_evidence

    assessment = draft.assessments.get(objective__number=3)
    item = make_evidence(assessment=assessment, by=officer, data=pdf_bytes(), review_by=date(2022, 1, 1))
    make_evidence(assessment=assessment, by=officer, title="Member page", link="https://www.local.gov.uk/")
    urls = [
        "/reviews/2022/objectives/3/evidence/new/",
        f"/evidence/{item.pk}/",
        f"/evidence/{item.pk}/edit/",
        f"/evidence/{item.pk}/withdraw/",
        "/reviews/2022/evidence/",
        "/reviews/2022/objectives/3/",
        "/reviews/2022/",
    ]
    sign_in(page, officer)
    problems = {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(url)
            found = axe_violations(page, impacts=ALL_IMPACTS)
            if width < 768 and scrolls_sideways(page):
                found.append("scrolls sideways")
            problems[f"{url} at {width}"] = found
            name = url.strip("/").replace("/", "-") or "home"
            screenshot(page, f"evidence/{name}-{width}")
        page.goto("/reviews/2022/objectives/3/evidence/new/")
        page.get_by_role("button", name="Add the evidence").click()  # every error shown
        problems[f"new with errors at {width}"] = axe_violations(page, impacts=ALL_IMPACTS)
        screenshot(page, f"evidence/new-with-errors-{width}")
    assert {k: v for k, v in problems.items() if v} == {}
    assert Evidence.objects.count() == 2
