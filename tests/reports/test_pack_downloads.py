"""The Word pack and the action plan paper (PDF and Word): who may have them, their names and headers, and the
action plan as at the day it is made."""

import datetime
import io
import re
import subprocess

import pytest
import time_machine
from django.core.management import call_command
from docx import Document
from pypdf import PdfReader

from objectives.services.reviews import start_review
from tests.factories import make_second_year
from tests.tools import POPPLER, require_tool

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOWNLOADS = [
    ("/reviews/2021/report.docx", DOCX, "procurement-scorecard-2021.docx"),
    ("/reviews/2021/actions/report.pdf", "application/pdf", "procurement-action-plan-2021.pdf"),
    ("/reviews/2021/actions/report.docx", DOCX, "procurement-action-plan-2021.docx"),
]


@pytest.mark.parametrize(("url", "content_type", "name"), DOWNLOADS)
def test_each_download_is_a_named_file_that_no_cache_keeps(
    client, seed_review, committee_member, url, content_type, name
):
    client.force_login(committee_member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["Cache-Control"] == "private, no-store"
    assert response.getvalue().startswith(b"%PDF-" if content_type == "application/pdf" else b"PK")


@pytest.mark.parametrize("url", [url for url, _, _ in DOWNLOADS])
@pytest.mark.parametrize(("persona", "status"), [("outsider", 403), ("committee_member", 200), ("officer", 200)])
def test_who_may_download(client, seed_review, request, url, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == status


@pytest.mark.parametrize("url", [url for url, _, _ in DOWNLOADS])
def test_anonymous_is_sent_to_sign_in(client, seed_review, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/login/?next={url}"


@pytest.mark.parametrize("url", [url.replace("2021", "2022") for url, _, _ in DOWNLOADS])
def test_a_draft_is_hidden_from_the_committee_and_not_from_officers(client, draft, committee_member, officer, url):
    client.force_login(committee_member)
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_a_themes_word_pack_is_named_for_it_and_an_unknown_theme_is_404(client, seed_review, committee_member):
    client.force_login(committee_member)
    response = client.get("/reviews/2021/report.docx", {"theme": "enablers"})
    assert response["Content-Disposition"] == 'attachment; filename="procurement-scorecard-2021-enablers.docx"'
    text = "\n".join(p.text for p in Document(io.BytesIO(response.getvalue())).paragraphs)
    assert "No chart of the key areas: Enablers has one key area: Enablers." in text
    assert client.get("/reviews/2021/report.docx", {"theme": "nothing"}).status_code == 404


def test_the_scorecard_dashboard_and_action_plan_link_to_the_word_files(client, seed_review, committee_member):
    client.force_login(committee_member)
    assert 'href="/reviews/2021/report.docx"' in client.get("/reviews/2021/").content.decode()
    assert 'href="/reviews/2021/report.docx"' in client.get("/reviews/2021/dashboard/").content.decode()
    plan = client.get("/reviews/2021/actions/").content.decode()
    assert 'href="/reviews/2021/actions/report.pdf"' in plan and 'href="/reviews/2021/actions/report.docx"' in plan


def test_the_action_plan_paper_is_as_at_today_with_each_actions_lead_due_date_status_and_rag(
    client, seed_review, manager, committee_member, tmp_path
):
    with time_machine.travel(datetime.datetime(2022, 6, 1, 12, tzinfo=datetime.UTC), tick=False):
        make_second_year(seed_review=seed_review, manager=manager)
        client.force_login(committee_member)
        pdf = client.get("/reviews/2022/actions/report.pdf").getvalue()
        word = Document(io.BytesIO(client.get("/reviews/2022/actions/report.docx").getvalue()))
    (tmp_path / "plan.pdf").write_bytes(pdf)
    text = subprocess.run(
        [require_tool("pdftotext", POPPLER), "-raw", str(tmp_path / "plan.pdf"), "-"], capture_output=True, text=True
    )
    squashed = re.sub(r"\s+", "", text.stdout)
    title = "Procurement action plan 2022, as at 1 June 2022: Medway Council"
    assert PdfReader(io.BytesIO(pdf)).metadata.title == title == word.core_properties.title
    assert "Asat1June2022" in squashed and "HeadofProcurement28Mar2022NoneyetPlanned▲R" in squashed
    assert "Red:4,Amber:1,Green:5,Notyetplanned:0,Done:3,Dropped:0(13inall)." in squashed
    assert "Continued Objectives" not in text.stdout  # the plan only
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Action plan", "Showing leadership", "Achieving community benefits"]  # #57 has none
    tables = [t for t in word.tables if t.rows[0].cells[0].text == "Objective"]
    assert [len(table.rows) - 1 for table in tables] == [2, 11]  # the actions of each theme
    # Red first; the RAG's shape and letter; its change since the 2022 sign-off (the paper before this one)
    assert [c.text for c in tables[0].rows[1].cells] == [
        "#3 Councillor Development",
        "Category Management to create Councillor development programmes in relation to procurement to assist with "
        "delivering collaborative procurement.",
        "Head of Procurement",
        "28 Mar 2022",
        "None yet",
        "Planned",
        "▲ R",
        "Same",
    ]


def test_write_report_writes_the_word_pack(seed_review, tmp_path, capsys):
    out = tmp_path / "pack.docx"
    call_command("write_report", "2021", "--format", "docx", output=str(out))
    document = Document(out)
    assert document.core_properties.title == "Procurement scorecard 2021: Medway Council"
    assert capsys.readouterr().out.startswith(f"Wrote the 2021 report to {out} (")


def test_write_report_names_the_word_file_by_default(seed_review, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    call_command("write_report", "2021", "--format", "docx")
    assert (tmp_path / "procurement-scorecard-2021.docx").read_bytes().startswith(b"PK")


def test_a_draft_action_plan_says_draft(client, seed_review, manager, tmp_path):
    start_review(previous=seed_review, year=2022, by=manager)
    client.force_login(manager)
    word = Document(io.BytesIO(client.get("/reviews/2022/actions/report.docx").getvalue()))
    assert "DRAFT" in word.sections[-1].header.paragraphs[0].text
