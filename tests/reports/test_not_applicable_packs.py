"""An objective marked not applicable shows as such, with its reason, on the dashboard and in both packs (read back
from the PDF by pdftotext and from the Word file by python-docx), and in none of their figures."""

import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from objectives.models import Review
from reports.report import report_docx, report_pdf
from tests.factories import make_not_applicable_review
from tests.tools import pdf_text

REASON = "The council lets no concession contracts."


def squash(text):
    return re.sub(r"\s+", "", text)


@pytest.fixture
def review(db, manager):
    return make_not_applicable_review(year=2022, previous_year=2021, by=manager)


@pytest.fixture
def earlier(review):
    return list(Review.objects.filter(year=2021))


def word_text(content):
    document = Document(io.BytesIO(content))
    body = document.element.body
    return squash("\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))))


def test_the_dashboard_lists_it_apart_and_leaves_it_out_of_every_figure(client, review, manager):
    client.force_login(manager)
    html = client.get(f"{review.get_absolute_url()}dashboard/").content.decode()
    assert f"#3 Duty 3 (Publishing notices): {REASON}" in html
    assert "of 3; 1 not yet scored; 1 not applicable, left out" in html
    assert '<th scope="col" class="text-end">Not applicable</th>' in html
    objectives = html[html.index('id="objectives"') :]
    duty = objectives[objectives.index("#3 Duty 3") :]
    assert duty[: duty.index("</tr>")].count('<span class="not-applicable">Not applicable</span>') == 1


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_both_packs_show_it_with_its_reason_and_count_it_in_no_figure(review, earlier, tmp_path, kind):
    if kind == "pdf":
        text = pdf_text(report_pdf(review, earlier=earlier), tmp_path)
    else:
        text = word_text(report_docx(review, earlier=earlier))
    # The scorecard's row: last year's score, this year's in words, the target a dash; the reason leads its words.
    assert squash("The extent to which objective 3 is met. 3 In place Not applicable –") in text
    assert squash(f"Not applicable: {REASON}") in text
    # Last year's column says what #4 was then.
    assert squash("The extent to which objective 4 is met. Not applicable Not scored") in text
    assert squash("Not scored: 1 · Not applicable: 1 (in no figure).") in text
    assert squash("Below target: 1 objective, the widest gap 1 level (#1 Duty 1)") in text
