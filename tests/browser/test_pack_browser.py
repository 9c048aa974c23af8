"""A committee member downloads the pack as Word beside the PDF, and the action plan as a paper, from the pages."""

import io

from docx import Document
from pypdf import PdfReader

from tests.browser.pages import axe_violations, download, screenshot, sign_in


def test_a_committee_member_downloads_the_pack_as_word_and_pdf_from_the_scorecard(page, seed_review, committee_member):
    sign_in(page, committee_member)
    page.goto("/reviews/2021/")
    name, content = download(page, "Word of the committee pack")
    assert name == "procurement-scorecard-2021.docx"
    assert Document(io.BytesIO(content)).core_properties.title == "Procurement scorecard 2021: Medway Council"
    name, content = download(page, "PDF of the committee pack")
    assert name == "procurement-scorecard-2021.pdf" and len(PdfReader(io.BytesIO(content)).pages) == 7
    name, content = download(page, "PDF of the action plan paper")  # beside the pack
    assert name == "procurement-action-plan-2021.pdf" and content.startswith(b"%PDF-")
    page.goto("/reviews/2021/dashboard/")
    name, _ = download(page, "Download the report (Word)")
    assert name == "procurement-scorecard-2021.docx"


def test_the_action_plan_page_offers_its_paper_as_pdf_and_word(page, seed_review, committee_member):
    sign_in(page, committee_member)
    page.goto("/reviews/2021/actions/")
    name, content = download(page, "PDF")
    assert name == "procurement-action-plan-2021.pdf" and content.startswith(b"%PDF-")
    name, content = download(page, "Word")
    assert name == "procurement-action-plan-2021.docx"
    assert "Action plan" in [p.text for p in Document(io.BytesIO(content)).paragraphs]


def test_the_pages_with_the_new_links_pass_the_accessibility_check_at_both_widths(page, seed_review, committee_member):
    sign_in(page, committee_member)
    for url, name in [
        ("/reviews/2021/", "scorecard-pack-links"),
        ("/reviews/2021/dashboard/", "dashboard-pack-links"),
        ("/reviews/2021/actions/", "action-plan-paper-links"),
    ]:
        page.goto(url)
        for width in (390, 1366):
            page.set_viewport_size({"width": width, "height": 900})
            assert axe_violations(page) == [], (url, width)
            screenshot(page, f"{name}-{width}", width=width)
