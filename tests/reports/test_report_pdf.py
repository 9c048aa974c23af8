"""The committee report: what it says, where it says it, and who may have it."""

import io
import os
import re
import subprocess
import threading

import pytest
from pypdf import PdfReader

from objectives.services.reviews import start_review
from reports import pdf
from reports import report as report_module
from tests.factories import set_actions
from tests.seed import EXPECTED, seed_paragraphs, sentences
from tests.tools import POPPLER, require_tool

LEVEL_NAMES = {2: "Developing", 3: "Mature"}
KEY_AREAS = {
    "continued": ["Engaging councillors", "Engaging senior managers", "Obtaining social value", "Enablers"],
    "new": ["Obtaining social value"],
}


def squash(text):
    # pdftotext breaks lines inside words after "/" and "-": compare without any whitespace.
    return re.sub(r"\s+", "", text)


def pdf_pages(content, tmp_path, *, raw=False):
    """Return the text of each page; `raw` in the order the PDF draws it (the HTML's), not as laid out in columns."""
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    options = ["-raw"] if raw else []
    text = subprocess.run(
        [require_tool("pdftotext", POPPLER), "-enc", "UTF-8", *options, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return text.stdout.split("\f")[:-1]


def download(client, user, url="/reviews/2021/report.pdf"):
    """Return the PDF that `user` downloads from `url`."""
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.getvalue()


@pytest.fixture
def seed_pdf(client, seed_review, committee_member):
    return download(client, committee_member)


def test_every_objective_and_sentence_is_in_its_section_and_key_area(seed_pdf, tmp_path):
    text = squash("".join(pdf_pages(seed_pdf, tmp_path, raw=True)))
    continued = text.index("ContinuedObjectives")
    new = text.index("NewObjectives", continued)
    plan = text.index("Actionplan", new)  # the action plan follows the scorecard's tables
    sections = {"continued": (continued, new), "new": (new, plan)}
    paragraphs = seed_paragraphs()
    for origin, (start, end) in sections.items():
        part = text[start:end]
        position = 0
        for number, (key_area, expected_origin, score) in EXPECTED.items():
            if expected_origin != origin:
                continue
            title, description, texts = paragraphs[number]
            heading = part.find(squash(key_area), 0)
            row = part.find(f"{number}{squash(title)}{squash(description)}{score}{LEVEL_NAMES[score]}")
            assert row > heading >= 0, f"#{number} is not under {key_area} in {origin}"
            assert row >= position, f"#{number} is out of the seed's order"
            position = row
            following = part[row : row + 4000]
            for _, paragraph in texts:
                for sentence in sentences(paragraph):
                    assert squash(sentence) in following, f"#{number} lacks {sentence!r}"
            assert "Comments:" in following
        assert [h for h in KEY_AREAS[origin] if squash(h) in part] == KEY_AREAS[origin]


def test_page_numbers_count_and_every_page_says_page_n_of_m(seed_pdf, tmp_path):
    pages = pdf_pages(seed_pdf, tmp_path)
    total = len(PdfReader(tmp_path / "report.pdf").pages)
    assert len(pages) == total == 7  # cover, summary, the seed's tables on four, its action plan and the appendix
    for number, page in enumerate(pages, start=1):
        assert f"Page{number}of{total}" in squash(page)


def test_the_pdf_is_tagged_with_title_author_subject_and_language(seed_pdf, tmp_path):
    pdf_pages(seed_pdf, tmp_path)
    reader = PdfReader(tmp_path / "report.pdf")
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    meta = reader.metadata
    assert meta.title == "Procurement scorecard 2021: Medway Council"
    assert meta.author == "Medway Council"
    assert "maturity scorecard" in meta.subject
    info = subprocess.run(
        [require_tool("pdfinfo", POPPLER), str(tmp_path / "report.pdf")], capture_output=True, text=True
    ).stdout
    assert re.search(r"Tagged:\s+yes", info)
    fonts = subprocess.run(
        [require_tool("pdffonts", POPPLER), str(tmp_path / "report.pdf")], capture_output=True, text=True
    ).stdout
    rows = fonts.strip().splitlines()[2:]
    assert rows and all(row.split()[-5] == "yes" for row in rows), fonts  # the "emb" column


def figures_alt_texts(pdf_path):
    """Return the alternative text of every Figure in the PDF's structure tree, in reading order."""
    found = []

    def walk(node):
        node = node.get_object()
        if not hasattr(node, "get"):
            return
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            walk(kid)

    walk(PdfReader(pdf_path).trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_chart_is_a_tagged_figure_drawn_in_the_reports_own_font(seed_pdf, tmp_path):
    pages = pdf_pages(seed_pdf, tmp_path)
    # One year: the levels against last year are left out (a sentence says why), the bars of the key areas stay.
    assert figures_alt_texts(tmp_path / "report.pdf") == ["Average score by key area, 2021"]
    # The charts' labels are text in the PDF, not pictures of text.
    summary = squash(pages[1])
    for label in ["Engagingcouncillors", "target", "Averagescore", "Developing", "Innovator", "Notscored"]:
        assert label in summary, label
    fonts = subprocess.run(
        [require_tool("pdffonts", POPPLER), str(tmp_path / "report.pdf")], capture_output=True, text=True
    ).stdout
    families = {re.sub(r"^[A-Z]{6}\+", "", row.split()[0]).split("-Bold")[0] for row in fonts.splitlines()[2:]}
    # The report's own font; DejaVu Sans only for the shapes it lacks (the RAG's ○ ▲ ◆ ●, a change's ▲ ▼)
    assert {family.rstrip(",") for family in families} == {"Source-Sans-3", "DejaVu-Sans"}, fonts


def test_a_new_reviews_draft_says_nothing_is_scored_in_words_and_draws_no_chart(client, seed_review, manager, tmp_path):
    start_review(previous=seed_review, year=2022, by=manager)
    content = download(client, manager, "/reviews/2022/report.pdf")
    text = squash(" ".join(pdf_pages(content, tmp_path)))
    assert squash("No charts of the scores yet: no objective of the 2022 review is scored.") in text
    assert figures_alt_texts(tmp_path / "report.pdf") == []  # the sentence stands for both charts


def test_the_first_reviews_report_says_why_it_has_no_comparison_of_levels(seed_pdf, tmp_path):
    summary = squash(pdf_pages(seed_pdf, tmp_path)[1])
    why = "No comparison of the levels with last year: there is no review before 2021 to compare with."
    assert squash(why) in summary


def test_the_cover_says_who_signed_it_off(seed_pdf, tmp_path):
    cover = squash(pdf_pages(seed_pdf, tmp_path)[0])
    assert "MedwayCouncil" in cover and "ProcurementStrategyObjectives2021" in cover
    assert "Published" in cover and "SignedoffbyMorganMensah" in cover
    assert "Documentcontrol" in cover and "Version1" in cover
    assert "DRAFT" not in "".join(pdf_pages(seed_pdf, tmp_path))


def test_a_draft_says_draft_on_every_page_and_is_hidden_from_committee(
    client, seed_review, manager, officer, committee_member, tmp_path
):
    start_review(previous=seed_review, year=2022, by=manager)
    pages = pdf_pages(download(client, officer, "/reviews/2022/report.pdf"), tmp_path)
    assert all("DRAFT" in page for page in pages)
    client.force_login(committee_member)
    assert client.get("/reviews/2022/report.pdf").status_code == 404


def test_an_edit_shows_in_the_next_download_and_an_unchanged_report_is_not_rendered_again(
    client, seed_review, manager, monkeypatch, tmp_path
):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    renders = []
    real = report_module.html_to_pdf
    monkeypatch.setattr(report_module, "html_to_pdf", lambda html: renders.append(1) or real(html))
    first = download(client, manager, "/reviews/2022/report.pdf")
    again = download(client, manager, "/reviews/2022/report.pdf")
    assert again == first and len(renders) == 1
    assessment = draft.assessments.get(objective__number=3)
    assessment.comments, assessment._history_user = "A sentence added after the first download.", manager
    assessment.save()
    text = squash("".join(pdf_pages(download(client, manager, "/reviews/2022/report.pdf"), tmp_path)))
    assert "Asentenceaddedafterthefirstdownload." in text
    assert len(renders) == 2


def test_a_new_print_stylesheet_makes_a_new_report(client, seed_review, manager, monkeypatch):
    renders = []
    real = report_module.html_to_pdf
    monkeypatch.setattr(report_module, "html_to_pdf", lambda html: renders.append(1) or real(html))
    download(client, manager)
    download(client, manager)
    assert len(renders) == 1
    monkeypatch.setattr(report_module, "stylesheet_digest", lambda: "the digest of a changed stylesheet")
    download(client, manager)
    assert len(renders) == 2


def test_a_themes_report_holds_that_theme_only(client, seed_review, committee_member, tmp_path):
    content = download(client, committee_member, "/reviews/2021/report.pdf?theme=enablers")
    text = squash("".join(pdf_pages(content, tmp_path)))
    assert "57Exploringdigitaltechnology" in text
    assert "CouncillorDevelopment" not in text
    title = PdfReader(io.BytesIO(content)).metadata.title
    assert title == "Procurement scorecard 2021, Enablers: Medway Council"


def test_hostile_text_cannot_break_the_pdf(client, seed_review, manager, tmp_path):
    draft = start_review(previous=seed_review, year=2022, by=manager)
    assessment = draft.assessments.get(objective__number=3)
    assessment.comments = "</td></tr></table><script>alert(1)</script><img src=x onerror=alert(1)> & <b>unclosed"
    assessment.save()
    set_actions(assessment, '<link rel="stylesheet" href="http://evil.example/x.css"> @page { size: 1mm }')
    text = squash("".join(pdf_pages(download(client, manager, "/reviews/2022/report.pdf"), tmp_path)))
    assert squash("</td></tr></table><script>alert(1)</script>") in text
    assert squash('<link rel="stylesheet" href="http://evil.example/x.css">') in text


def test_the_system_check_warns_when_harfbuzz_subset_is_missing(monkeypatch):
    from weasyprint.text import ffi

    from reports.checks import harfbuzz_subset_installed

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    [warning] = harfbuzz_subset_installed()
    assert warning.id == "reports.W001"
    assert "libharfbuzz-subset0" in warning.hint


@pytest.mark.skipif(os.environ.get("CI") != "true", reason="CI installs HarfBuzz-Subset; elsewhere it is optional")
def test_ci_renders_with_harfbuzz_subset():
    from django.core import checks

    assert not [message for message in checks.run_checks() if message.id == "reports.W001"]


def test_two_threads_render_at_once():
    html = "<html lang='en'><head><title>T</title></head><body><p>One paragraph.</p></body></html>"
    results, started = {}, threading.Barrier(2)

    def render(name):
        started.wait()
        results[name] = pdf.html_to_pdf(html)

    threads = [threading.Thread(target=render, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(results) == ["a", "b"] and all(r.startswith(b"%PDF-") for r in results.values())
