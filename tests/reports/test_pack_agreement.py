"""The pack's "How the scores were agreed": voices per objective, the flagged ones with lowest, highest, agreed
score and why, in the PDF and the Word document alike; committee members never read who gave which own score
unless the review's rules say so."""

import io
import re

import pytest
from docx import Document

from objectives.models import Moderation
from objectives.services.moderation import agree_score, record_own_score
from tests.factories import make_user
from tests.tools import pdf_text


def squash(text):
    # pdftotext breaks lines inside words after "/" and "-": compare without any whitespace.
    return re.sub(r"\s+", "", text)


def docx_text(content):
    document = Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def agreed(draft, officer, manager):
    """The 2022 draft, #3 scored 2 and 5 by two officers and agreed 4 with a reason, #7 scored 3 by one: published."""
    other = make_user(username="priya", group="Procurement officer", first_name="Priya", last_name="Patel")
    three = draft.assessments.get(objective__number=3)
    record_own_score(assessment=three, by=officer, score=2, rationale="One session ran.")
    record_own_score(assessment=three, by=other, score=5, rationale="Councillors lead it.")
    agree_score(assessment=three, score=4, rationale="Two sessions ran and a third is booked.", by=manager)
    record_own_score(assessment=draft.assessments.get(objective__number=7), by=officer, score=3)
    for assessment in draft.assessments.filter(score__isnull=True):
        agree_score(assessment=assessment, score=1, rationale="", by=manager)  # sign-off needs none, but the pack reads
    draft.publish(by=manager)
    return draft


def download(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.getvalue()


def test_the_committee_reads_how_the_scores_were_agreed_without_names(client, agreed, committee_member, tmp_path):
    pdf = pdf_text(download(client, committee_member, "/reviews/2022/report.pdf"), tmp_path)  # no white space
    word = docx_text(download(client, committee_member, "/reviews/2022/report.docx"))
    for text in (pdf, squash(word)):
        assert squash("How the scores were agreed") in text
        assert squash("2 objectives had own scores (3 own scores in all); 1 objective was flagged") in text
        assert squash("Flagged objectives") in text
        assert squash("2 Developing") in text and squash("5 Innovator") in text and squash("4 Leader") in text
        assert squash("Two sessions ran and a third is booked.") in text
        assert "Olivia" not in text and "Priya" not in text


def test_the_pack_names_the_scorers_when_the_review_says_so(client, agreed, committee_member, manager, tmp_path):
    agreed.reopen(by=manager, reason="Name the scorers")
    Moderation.objects.create(review=agreed, pack_names_scorers=True)
    agreed.publish(by=manager)
    word = docx_text(download(client, committee_member, "/reviews/2022/report.docx"))
    assert "Olivia Okafor" in word and "Priya Patel" in word


def test_a_review_with_no_own_scores_has_no_such_section(client, seed_review, committee_member):
    word = docx_text(download(client, committee_member, "/reviews/2021/report.docx"))
    assert "How the scores were agreed" not in word


def test_the_objective_page_shows_committee_members_the_spread_without_names(client, agreed, committee_member):
    client.force_login(committee_member)
    content = client.get("/reviews/2022/objectives/3/").content.decode()
    assert "Flagged: own scores 2 to 5" in content
    assert "Olivia Okafor" not in content and "Priya Patel" not in content


def test_a_themes_pack_tells_how_that_themes_scores_were_agreed(client, agreed, committee_member):
    leadership = docx_text(download(client, committee_member, "/reviews/2022/report.docx?theme=showing-leadership"))
    assert "How the scores were agreed" in leadership and "Flagged objectives" in leadership
    social = docx_text(
        download(client, committee_member, "/reviews/2022/report.docx?theme=achieving-community-benefits")
    )
    assert "How the scores were agreed" not in social  # #3 and #7 are both in Showing leadership
