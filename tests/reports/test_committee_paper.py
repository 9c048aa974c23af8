"""The pack and the action plan paper as a committee reads them: the front sheet, the key messages, the exceptions,
the action plan's new columns, read back from the PDF (pdftotext) and from LibreOffice's reading of the Word file."""

import datetime
import io
import re

import pytest
import time_machine
from docx import Document
from docx.oxml.ns import qn

from objectives.models import Action, FrontSheet, ProgressNote
from objectives.services.papers import save_front_sheet
from tests.factories import make_second_year
from tests.tools import libreoffice_pages, pdf_pages

TODAY = datetime.datetime(2022, 6, 1, 12, 0, tzinfo=datetime.UTC)
MESSAGES = [
    "Scores rose in eight objectives; none fell but #7.",
    "Two objectives remain below target.",
    "Four actions are overdue and the plan says how each is recovered.",
]


def squash(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture
def paper(client, seed_review, manager, committee_member, tmp_path):
    """The 2022 review with its front sheet set, key messages edited, #7 fallen a level, a progress note and a lead
    councillor on #3's action; signed off on 1 June 2022, then each paper downloaded as a committee member."""
    with time_machine.travel(TODAY, tick=False):
        review = make_second_year(seed_review=seed_review, manager=manager, publish=False)
        fell = review.assessments.get(objective__number=7)
        fell.score = 1
        fell.save()
        fields = {name: getattr(FrontSheet.defaults(review), name) for name in FrontSheet.FIELDS}
        fields.update(
            meeting_date=datetime.date(2022, 7, 14),
            agenda_item="7",
            contact_officer="Sam Lee, sam.lee@medway.gov.uk",
            classification="exempt",
            key_messages="\n".join(MESSAGES),
        )
        save_front_sheet(review=review, fields=fields, by=manager)
        action = Action.objects.get(reviews=review, objective__number=3)
        action.lead_councillor = "Cllr Jones"
        action.save()
        ProgressNote.objects.create(
            action=action, on=datetime.date(2022, 5, 20), text="Two sessions booked for July.", author=manager
        )
        review.publish(by=manager)
        client.force_login(committee_member)
        files = {}
        for name, url in (
            ("pack.pdf", "/reviews/2022/report.pdf"),
            ("pack.docx", "/reviews/2022/report.docx"),
            ("plan.pdf", "/reviews/2022/actions/report.pdf"),
            ("plan.docx", "/reviews/2022/actions/report.docx"),
        ):
            files[name] = client.get(url).getvalue()
            (tmp_path / name).write_bytes(files[name])
    word = libreoffice_pages([tmp_path / "pack.docx", tmp_path / "plan.docx"], tmp_path)
    return {
        "review": review,
        "files": files,
        "pack": pdf_pages(tmp_path / "pack.pdf"),
        "plan": pdf_pages(tmp_path / "plan.pdf"),
        "pack_word": word["pack"],
        "plan_word": word["plan"],
    }


def test_the_pack_still_fits_in_eight_pages_with_its_front_sheet(paper):
    assert len(paper["pack"]) == 8


@pytest.mark.parametrize("reading", ["pack", "pack_word"])
def test_the_front_sheet_opens_the_pack_as_a_committee_report(paper, reading):
    first = squash(" ".join(paper[reading][:2]))
    for words in [
        "ReporttoAuditCommittee",
        "Meetingdate14July2022",
        "Agendaitem7",
        "ReportauthorHeadofProcurement",
        "ContactofficerSamLee,sam.lee@medway.gov.uk",
        "ClassificationExempt",
        "PurposeToreportthecouncil'sprocurementmaturityin2022",
        "Recommendations1.Thecommitteenotesthe2022scores",
        "2.Thecommitteecommentsontheactionplan",
        "Implications",
        "FinancialNonearisedirectly",
        "Backgroundpapers",
    ]:
        assert words in first, words
    # The manager's key messages, in their order, and no word of the proposal
    messages = first[first.index("Keymessages") :]
    assert [messages.index(squash(m)) for m in MESSAGES] == sorted(messages.index(squash(m)) for m in MESSAGES)
    assert "Proposedfromthefigures" not in first


@pytest.mark.parametrize("reading", ["pack", "pack_word"])
def test_the_exceptions_come_before_the_full_tables(paper, reading):
    text = squash(" ".join(paper[reading]))
    exceptions = text.index("Exceptions")
    assert exceptions < text.index("ContinuedObjectives")
    part = text[exceptions : text.index("ContinuedObjectives")]
    assert "Redandoverdueactions(4)" in part and "ObjectiveActionLeadOverduesince" in part
    assert "#3CouncillorDevelopment" in part and "28Mar2022(planned)" in part
    assert (
        "Thebiggestfallsinscoresince2021(1)" in part and "7Seniormanagersdevelopment2Developing1Minimum▼1level" in part
    )
    assert "Belowtargetwithnoopenaction" in part


@pytest.mark.parametrize("reading", ["pack", "plan", "pack_word", "plan_word"])
def test_the_action_plan_has_the_latest_update_the_councillor_the_rag_red_first_and_its_change(paper, reading):
    text = squash(" ".join(paper[reading]))
    plan = text[text.index("Actionplan", text.index("Keymessages") if "Keymessages" in text else 0) :]
    assert "ObjectiveActionLeadDueLatestupdateStatusRAGSince" in plan
    # #3's row: its lead and lead councillor, its latest note with its date, red as a shape and letter
    row = plan[plan.index("#3CouncillorDevelopment") :]
    assert row.startswith("#3CouncillorDevelopmentCategoryManagement")
    assert "HeadofProcurementCouncillor:CllrJones28Mar202220May2022TwosessionsbookedforJuly." in row
    assert "Planned▲R" in row
    # Red first in each theme: in Achieving community benefits the red ones come before the amber and the green
    community = plan[plan.index("Achievingcommunitybenefits") :]
    assert community.index("▲R") < community.index("◆A") < community.index("●G")
    assert "▲Rredisoverdue" in text and "○Nnotyetplanned" in text  # the key names each shape and letter


def test_the_rag_is_a_shaded_cell_in_word(paper):
    document = Document(io.BytesIO(paper["files"]["pack.docx"]))
    fills = {}
    for table in document.tables:
        if table.rows[0].cells[-2].text == "RAG":
            for row in table.rows[1:]:
                cell = row.cells[-2]
                shading = cell._tc.tcPr.find(qn("w:shd"))
                fills[cell.text] = shading.get(qn("w:fill"))
    assert fills["▲ R"] == "F4B6AC" and fills["● G"] == "BFE2C6" and fills["✓ D"] == "E3E3E3"


def test_the_action_plan_paper_says_what_changed_since_the_sign_off(paper, client, manager):
    """A paper as at later: #3's action done since the 2022 sign-off reads "Was ▲ R" beside its new RAG."""
    review = paper["review"]
    action = Action.objects.get(reviews=review, objective__number=3)
    with time_machine.travel(datetime.datetime(2022, 9, 1, 12, tzinfo=datetime.UTC), tick=False):
        action.status, action.done_on = "done", datetime.date(2022, 8, 30)
        action.save()
        client.force_login(manager)
        document = Document(io.BytesIO(client.get("/reviews/2022/actions/report.docx").getvalue()))
    rows = [
        [c.text for c in row.cells]
        for table in document.tables
        for row in table.rows
        if "Councillor Development" in row.cells[0].text
    ]
    assert rows[0][-2:] == ["✓ D", "Was ▲ R"]


def test_word_keeps_headings_and_introductions_with_what_follows_with_a_plain_caption_and_padded_cells(paper):
    document = Document(io.BytesIO(paper["files"]["pack.docx"]))
    paragraphs = document.paragraphs
    for paragraph in paragraphs:
        if paragraph.style.name.startswith("Heading "):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
    intro = next(p for p in paragraphs if p.text.startswith("What needs the committee's attention first"))
    assert intro.paragraph_format.keep_with_next  # the exceptions' introduction stays with their first table
    caption = document.styles["Caption"]
    assert caption.font.italic is False and str(caption.font.color.rgb) == "333333"
    captions = [p for p in paragraphs if p.style.name == "Caption"]
    assert captions and all(p.text for p in captions)  # each chart's description, in the plain style
    for table in document.tables:
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        sides = {child.tag.split("}")[1]: int(child.get(qn("w:w"))) for child in margins}
        assert sides == {"top": 45, "left": 80, "bottom": 45, "right": 80}
