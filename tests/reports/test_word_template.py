"""SCORECARD_WORD_TEMPLATE: the Word pack written into the council's own template (.docx or .dotx); any text."""

import io
import re
import zipfile

import pytest
from docx import Document
from docx.shared import Pt
from hypothesis import given, settings
from hypothesis import strategies as st

from objectives.rules.scoring import reviews_to_compare
from reports.docx import DOCUMENT_TYPE, TEMPLATE_TYPE, TemplateError, open_template, xml_text
from reports.report import report_docx
from tests.factories import set_actions
from tests.security.processes import run_django

URL = "/reviews/2021/report.docx"


def make_template(path):
    """Write a council's template: a letterhead in its header, Heading 1 in Georgia 20pt, and sample body text."""
    document = Document()
    document.sections[0].header.paragraphs[0].text = "Medway Council letterhead"
    heading = document.styles["Heading 1"]
    heading.font.name, heading.font.size = "Georgia", Pt(20)
    document.add_paragraph("Sample text of the template, which the pack replaces.")
    buffer = io.BytesIO()
    document.save(buffer)
    if path.suffix == ".dotx":  # a template's main part is of the template type: Word's own .dotx
        source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as target:
            for item in source.infolist():
                content = source.read(item)
                if item.filename == "[Content_Types].xml":
                    assert DOCUMENT_TYPE in content
                    content = content.replace(DOCUMENT_TYPE, TEMPLATE_TYPE)
                target.writestr(item, content)
    path.write_bytes(buffer.getvalue())
    return path


@pytest.mark.parametrize("suffix", [".docx", ".dotx"])
def test_the_pack_takes_the_templates_header_and_styles(
    client, seed_review, committee_member, settings, tmp_path, suffix
):
    settings.SCORECARD_WORD_TEMPLATE = str(make_template(tmp_path / f"council{suffix}"))
    client.force_login(committee_member)
    document = Document(io.BytesIO(client.get(URL).getvalue()))
    assert document.sections[0].header.paragraphs[0].text == "Medway Council letterhead"
    heading = document.styles["Heading 1"]
    assert (heading.font.name, heading.font.size) == ("Georgia", Pt(20))
    summary = next(p for p in document.paragraphs if p.text == "Summary")
    assert summary.style.name == "Heading 1"
    texts = [p.text for p in document.paragraphs]
    assert "Sample text of the template, which the pack replaces." not in texts
    assert texts[:2] == ["Medway Council", "Procurement Strategy Objectives 2021"]


def test_a_file_that_is_no_word_template_is_refused_with_its_name(seed_review, settings, tmp_path):
    bad = tmp_path / "council.dotx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="council.dotx: not a Word .docx or .dotx file"):
        open_template(str(bad))


def test_a_missing_template_or_another_kind_of_file_stops_start_up(tmp_path):
    for path in (tmp_path / "missing.dotx", make_template(tmp_path / "council.docx").rename(tmp_path / "council.odt")):
        result = run_django("", SCORECARD_WORD_TEMPLATE=str(path))
        assert result.returncode != 0
        assert f"SCORECARD_WORD_TEMPLATE='{path}' is not a .docx or .dotx file" in result.stderr
    assert run_django("", SCORECARD_WORD_TEMPLATE=str(make_template(tmp_path / "council.dotx"))).returncode == 0


# Any text a comment can hold: PostgreSQL stores no NUL, and every form refuses one (Django's null-character check).
@settings(max_examples=25)
@given(text=st.text(st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=200))
def test_any_text_in_comments_and_actions_makes_a_word_file_that_keeps_its_words(draft, manager, text):
    assessment = draft.assessments.get(objective__number=3)
    assessment.comments, assessment._history_user = f"Before. {text} After.", manager
    assessment.save()
    set_actions(assessment, f"Act on {text} now.")
    content = report_docx(draft, earlier=reviews_to_compare(draft))
    words = "\n".join(
        p.text for t in Document(io.BytesIO(content)).tables for r in t.rows for c in r.cells for p in c.paragraphs
    )
    kept = [word for word in re.split(r"\s+", xml_text(text)) if word and word not in "-*•"]
    assert "Before." in words and "After." in words
    assert all(word in words for word in kept), kept
