"""The committee pack as a PDF, in a committee paper's order and with no page wasted: the seed with a second year."""

import datetime
import re
import subprocess

import pytest
import time_machine
from pypdf import PdfReader

from objectives.rules.scoring import reviews_to_compare
from objectives.services.reviews import start_review
from reports.pack import review_pack
from tests.factories import make_second_year
from tests.tools import POPPLER, require_tool

TODAY = datetime.datetime(2022, 6, 1, 12, 0, tzinfo=datetime.UTC)


def squash(text):
    return re.sub(r"\s+", "", text)


def pages_of(client, user, url, tmp_path):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    path = tmp_path / "pack.pdf"
    path.write_bytes(response.getvalue())
    return path, pdf_text(path, "-raw"), pdf_text(path, "-layout")


def pdf_text(path, mode):
    """Return each page's text: "-raw" in the order drawn (the HTML's), "-layout" as it stands on the page."""
    text = subprocess.run(
        [require_tool("pdftotext", POPPLER), mode, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


@pytest.fixture
def second_year(seed_review, manager):
    with time_machine.travel(TODAY, tick=False):
        return make_second_year(seed_review=seed_review, manager=manager)


@pytest.fixture
def two_years(client, second_year, committee_member, tmp_path):
    with time_machine.travel(TODAY, tick=False):
        return pages_of(client, committee_member, "/reviews/2022/report.pdf", tmp_path)


def test_the_seed_with_a_second_year_and_its_actions_fits_in_eight_pages(two_years):
    path, pages, _ = two_years
    assert len(PdfReader(path).pages) == len(pages) == 8


def test_the_parts_come_in_a_committee_papers_order(two_years, second_year):
    _, pages, _ = two_years
    text = squash(" ".join(pages))
    with time_machine.travel(TODAY, tick=False):  # as at the day the pack was read: the overdue ones counted then
        pack = review_pack(second_year, earlier=reviews_to_compare(second_year, published_only=True))
    headings = [heading for _, heading in pack.headings()]
    front = ["Purpose", "Recommendations", "Key messages", "Implications", "Background papers"]
    exceptions = [
        "Exceptions",
        "Red and overdue actions (4)",
        "The biggest falls in score since 2021 (0)",
        "Below target with no open action (0)",
    ]
    assert headings[:11] == [*front, "Summary", *exceptions, "Continued Objectives"]
    plan = headings.index("Action plan")
    themes = ["Showing leadership", "Achieving community benefits"]  # Enablers' #57 has no action
    assert headings[plan:] == ["Action plan", *themes, "Evidence", "Objectives below target"]
    position = text.index("Purpose")
    for heading in headings:  # each after the one before (a key area is named in the summary's chart too)
        position = text.index(squash(heading), position)
    assert "Summary" in pages[1] and "Documentcontrol" in squash(pages[0]) and "Committeereport" in squash(pages[0])
    assert "Exceptions" in pages[1]  # before the full tables


def test_the_summary_has_the_figures_the_change_actions_by_rag_and_two_charts(two_years):
    _, pages, _ = two_years
    summary = squash(pages[1])
    for words in ["Since2021", "2021average", "Belowtarget:", "ActionsbyRAGasat1June2022:", "Red", "Amber", "Green"]:
        assert words in summary, words
    assert "Averagescoreagainsttarget,2022" in summary and "Objectivesateachlevel,2022against2021" in summary
    assert "Continued Objectives" not in pages[1]


def test_the_scorecard_has_last_years_score_beside_the_score_and_target(two_years):
    _, pages, _ = two_years
    table = squash(next(page for page in pages if "Continued Objectives" in page))
    assert "2021Score2022ScoreTarget2022CommentsandAction(s)" in table
    # #3's three levels: last year's, this year's with its change, the target with the score against it
    assert "3CouncillorDevelopment" in table and "2Developing3Mature▲Upfrom23Mature✓metComments:" in table
    assert "2Developing2Developing=Same3Mature✗1levelbelow" in squash(" ".join(pages))  # #32, below its target


def is_running_text(line):
    return re.fullmatch(r"\s*(Medway Council\s+Page \d+ of \d+|Procurement scorecard .*)\s*", line) is not None


def test_no_page_ends_with_a_heading_and_every_continued_table_repeats_its_header(two_years, second_year):
    _, _, pages = two_years
    pack = review_pack(second_year, earlier=reviews_to_compare(second_year, published_only=True))
    headings = {heading for _, heading in pack.headings()}
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip() and not is_running_text(line)]
        assert lines[-1].strip() not in headings, f"page {number} ends with the heading {lines[-1].strip()!r}"
        first = lines[0].strip()
        if number > 2 and first not in headings:  # a table goes on from the page before: its header first
            assert first.startswith(("# ", "Objective ")), f"page {number} starts with {first!r}"


def test_each_parts_heading_and_introduction_are_on_the_page_of_its_tables_header(
    client, second_year, manager, tmp_path
):
    with time_machine.travel(TODAY, tick=False):
        start_review(previous=second_year, year=2023, by=manager, carry_text=True)
        _, pages, _ = pages_of(client, manager, "/reviews/2023/report.pdf", tmp_path)
        pack = review_pack(second_year.__class__.objects.get(year=2023), earlier=[second_year])
    squashed = [squash(page) for page in pages]
    page = 0
    for number, section in enumerate(pack.sections):
        # The first table at or after the heading: a part's own, or its first subsection's (none of the next part's).
        part = [section]
        for later in pack.sections[number + 1 :]:
            if later.level == 1 or section.level == 2:
                break
            part.append(later)
        following = (b for s in part for b in s.blocks)
        table = next((block for block in following if block.kind == "table"), None)
        while squash(section.heading) not in squashed[page]:
            page += 1
        if table and section.name != "summary":
            header = "".join(squash(column.heading) for column in table.columns)
            assert header in squashed[page], f"{section.heading!r} is on page {page + 1}, apart from its table"


def test_the_action_plan_gives_lead_due_date_status_and_rag_in_words(two_years):
    _, pages, _ = two_years
    text = squash(" ".join(pages))
    start = text.index("Actionplan", text.index("ContinuedObjectives"))
    plan = text[start : text.rindex("Objectivesbelowtarget")]
    assert "ObjectiveActionLeadDueLatestupdateStatusRAGSince" in plan
    # #3's action: planned, due 28 March, so red (overdue) on 1 June, its shape and letter; #31's first is done.
    assert "#3CouncillorDevelopment" in plan and "HeadofProcurement28Mar2022NoneyetPlanned▲R" in plan
    assert "Done14Feb2022✓D" in plan and "Inprogress▲R" in plan and "●G" in plan


def test_the_objectives_below_target_have_their_gap_and_actions(two_years):
    _, pages, _ = two_years
    last = squash(pages[-1])
    assert "Objectivesbelowtarget" in last and "Worstgapfirst" in last
    assert "Gap" in last and "Action(s)" in last


def test_a_draft_pack_says_draft_on_every_page_and_in_its_control_block(client, second_year, manager, tmp_path):
    with time_machine.travel(TODAY, tick=False):
        start_review(previous=second_year, year=2023, by=manager, carry_text=True)
        _, pages, _ = pages_of(client, manager, "/reviews/2023/report.pdf", tmp_path)
    assert all("DRAFT" in page for page in pages)
    cover = squash(pages[0])
    assert "StatusDRAFT:notsignedoff" in cover and "SignedoffbyNotyet" in cover and "Version0" in cover


def test_the_version_counts_the_sign_offs(seed_review, manager):
    def version(review):
        return dict(review_pack(review, earlier=[]).control)["Version"]

    assert version(seed_review) == "1"
    seed_review.reopen(by=manager, reason="A score to correct.")
    assert version(seed_review) == "1"  # signed off once so far; the pack says DRAFT
    seed_review.publish(by=manager)
    assert version(seed_review) == "2"
