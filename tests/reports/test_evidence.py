"""The committee pack's evidence list: each item's objective, title, date, review-by date and kind, never a file's
content; withdrawn items are not in it."""

import datetime as dt

from objectives.services.evidence import withdraw_evidence
from reports.evidence import evidence_appendix
from tests.evidence_files import docx_bytes
from tests.factories import make_evidence
from tests.tools import pdf_text


def test_the_report_lists_the_evidence_but_not_what_the_files_say(client, draft, officer, manager, tmp_path):
    assessment = draft.assessments.get(objective__number=3)
    make_evidence(
        assessment=assessment,
        by=officer,
        title="Councillor training record",
        data=docx_bytes("SECRET-CONTENT-OF-THE-FILE"),
        name="record.docx",
        dated=dt.date(2022, 3, 4),
        review_by=dt.date(2023, 3, 1),
    )
    make_evidence(assessment=assessment, by=officer, title="Member development page", link="https://x.org/m")
    gone = make_evidence(assessment=assessment, by=officer, title="Withdrawn register", link="https://x.org/w")
    withdraw_evidence(item=gone, by=officer, reason="Superseded")
    rows = evidence_appendix(draft, today=dt.date(2023, 6, 1))
    assert [(r["number"], r["title"], r["kind"], r["due"]) for r in rows] == [
        (3, "Member development page", "Link", False),
        (3, "Councillor training record", "Word", True),
    ]  # by objective, then by date
    client.force_login(manager)
    text = pdf_text(client.get("/reviews/2022/report.pdf").getvalue(), tmp_path)
    appendix = text[text.index("Theevidencerecordedforeachobjective") :]  # the pack's part, to its end
    assert "Councillortrainingrecord" in appendix and "4Mar2022" in appendix and "1Mar2023(dueforreview)" in appendix
    assert "Word" in appendix and "Link" in appendix
    assert "Withdrawnregister" not in text
    assert "SECRET-CONTENT" not in text


def test_a_review_without_evidence_says_so(client, seed_review, committee_member, tmp_path):
    client.force_login(committee_member)
    text = pdf_text(client.get("/reviews/2021/report.pdf").getvalue(), tmp_path)
    assert "Noevidenceisrecordedonthisreview." in text
