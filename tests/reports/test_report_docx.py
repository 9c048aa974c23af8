"""The committee pack as a Word document: read back with python-docx, and converted by LibreOffice to PDF."""

import datetime
import io
import re

import pytest
import time_machine
from django.db import transaction
from docx import Document
from docx.oxml.ns import qn

from objectives.models import Framework
from objectives.rules.scoring import reviews_to_compare
from objectives.services.frameworks import load_file
from objectives.services.reviews import start_review
from reports.pack import review_pack
from reports.report import report_docx
from tests.factories import make_second_year, make_seed_review, make_user
from tests.seed import EXPECTED, NPS_FILE, seed_paragraphs, sentences
from tests.tools import libreoffice_pages

# Every test reads the database (pytest-django sets the test database up for marked tests only), after the module's
# fixture has written its reviews once.
pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2022, 6, 1, 12, 0, tzinfo=datetime.UTC)


def squash(text):
    return re.sub(r"\s+", "", text)


def convert(paths, folder):
    return libreoffice_pages(paths, folder)


@pytest.fixture(scope="module")
def packs(django_db_setup, django_db_blocker, tmp_path_factory):
    """The seed (2021, published), with a second year (2022, published) and a draft (2023): each pack as Word,
    read back, and converted by LibreOffice once for the whole module. The data is rolled back afterwards."""
    folder = tmp_path_factory.mktemp("word")
    made = {}
    with django_db_blocker.unblock(), transaction.atomic(), time_machine.travel(TODAY, tick=False):
        load_file(NPS_FILE.read_bytes())
        manager = make_user(username="morgan", group="Manager", first_name="Morgan", last_name="Mensah")
        seed = make_seed_review(framework=Framework.objects.get(name="NPS 2018"), user=manager, published_by=manager)
        second = make_second_year(seed_review=seed, manager=manager)
        draft = start_review(previous=second, year=2023, by=manager, carry_text=True)
        for name, review in (("seed", seed), ("two-years", second), ("draft", draft)):
            earlier = reviews_to_compare(review, published_only=review.is_published)
            content = report_docx(review, earlier=earlier)
            (folder / f"{name}.docx").write_bytes(content)
            made[name] = (Document(io.BytesIO(content)), review_pack(review, earlier=earlier), content)
        transaction.set_rollback(True)
    converted = convert([folder / f"{name}.docx" for name in made], folder)
    return {name: (*made[name], converted[name]) for name in made}


def all_text(document):
    """Return the document's text, its body's paragraphs and its tables' cells in order."""
    parts = []
    for block in document.element.body.iter(qn("w:p")):
        parts.append("".join(node.text or "" for node in block.iter(qn("w:t"))))
    return "\n".join(parts)


def assert_every_seed_sentence(text):
    text = squash(text)
    for number, (key_area, _origin, score) in EXPECTED.items():
        title, description, texts = seed_paragraphs()[number]
        assert squash(f"{number}{title}{description}{score}") in text, f"#{number}"
        assert squash(key_area) in text
        for _, paragraph in texts:
            for sentence in sentences(paragraph):
                assert squash(sentence) in text, f"#{number} lacks {sentence!r}"


def test_every_seed_objective_and_sentence_of_its_comments_and_actions_is_in_the_word_file(packs):
    document, *_ = packs["seed"]
    assert_every_seed_sentence(all_text(document))


def test_libreoffice_converts_it_and_finds_the_same_text(packs):
    *_, pages = packs["seed"]
    assert_every_seed_sentence(" ".join(pages))
    assert "Page1of" in squash(pages[0]) and len(pages) <= 8


def test_the_headings_are_the_packs_in_order_with_words_heading_styles(packs):
    for name in ("seed", "two-years", "draft"):
        document, pack, *_ = packs[name]
        headings = [
            (int(p.style.name.removeprefix("Heading ")), p.text)
            for p in document.paragraphs
            if p.style.name.startswith("Heading ")
        ]
        assert headings == pack.headings(), name
        front = ["Purpose", "Recommendations", "Key messages", "Implications", "Background papers"]
        assert [heading for _, heading in headings[:6]] == [*front, "Summary"] and (2, "Enablers") in headings
        assert document.paragraphs[
            [p.text for p in document.paragraphs].index("Summary")
        ].paragraph_format.page_break_before


def test_every_tables_header_row_repeats_and_no_row_splits(packs):
    document, *_ = packs["two-years"]
    front, control, implications, *tables = document.tables
    assert [row.cells[0].text for row in front.rows] == [
        "Report to",
        "Meeting date",
        "Agenda item",
        "Report author",
        "Contact officer",
        "Classification",
    ]
    assert [row.cells[0].text for row in control.rows][:4] == ["Council", "Framework", "Year", "Status"]
    assert [row.cells[0].text for row in implications.rows] == ["Implications", "Financial", "Legal", "Risk"]
    assert len(tables) >= 7  # the summary's figures, four key areas, the action plan, the objectives below target
    for table in tables:
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(row.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert all(row.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    headers = [[cell.text for cell in table.rows[0].cells] for table in tables]
    plan = ["Objective", "Action", "Lead", "Due", "Latest update", "Status", "RAG", "Since"]
    assert plan in headers
    assert ["Objective", "Action", "Lead", "Overdue since"] in headers  # the exceptions' red actions
    assert [
        "#",
        "Objective",
        "Description",
        "2021 Score",
        "2022 Score",
        "Target",
        "2022 Comments and Action(s)",
    ] in headers


def pictures(document):
    return list(document.element.body.iter(qn("wp:docPr")))


def test_every_picture_has_alternative_text_and_is_at_print_resolution(packs):
    document, pack, content, _ = packs["two-years"]
    found = pictures(document)
    assert [p.get("title") for p in found] == [
        "Average score against target, 2022",
        "Objectives at each level, 2022 against 2021",
    ]
    for picture in found:
        assert picture.get("descr", "").startswith(picture.get("title") + ". ") and len(picture.get("descr")) > 60
    for shape in document.inline_shapes:
        image = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
        blob = document.part.related_parts[image].blob
        assert blob.startswith(b"\x89PNG")
        pixels = int.from_bytes(blob[16:20], "big")
        assert pixels / (shape.width / 914400) >= 290  # dots per inch as printed
    seed, *_ = packs["seed"]
    assert [p.get("title") for p in pictures(seed)] == ["Average score by key area, 2021"]
    assert "No comparison of the levels with last year" in all_text(seed)


def test_title_author_and_language_are_set(packs):
    document, pack, *_ = packs["two-years"]
    core = document.core_properties
    assert core.title == "Procurement scorecard 2022: Medway Council" == pack.title
    assert core.author == "Medway Council" and core.language == "en-GB"
    lang = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert lang.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_a4_with_page_numbers_in_the_footer(packs):
    document, *_, pages = packs["two-years"]
    section = document.sections[-1]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, in Word's twips
    codes = [node.text.strip() for node in section.footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    assert all(f"Page{n}of{len(pages)}" in squash(page) for n, page in enumerate(pages, start=1))


def test_plain_editable_text_with_no_empty_paragraph_and_no_text_box(packs):
    for name in ("seed", "two-years", "draft"):
        document, _, content, _ = packs[name]
        body = document.element.body
        for paragraph in body.iter(qn("w:p")):
            has_picture = paragraph.find(".//" + qn("w:drawing")) is not None
            assert has_picture or "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip(), name
        assert not list(body.iter(qn("w:txbxContent"))) and b"txbx" not in content


def test_a_draft_says_so_in_its_header_and_control_block(packs):
    document, _, _, pages = packs["draft"]
    assert "DRAFT" in document.sections[-1].header.paragraphs[0].text
    assert "DRAFT: not signed off" in all_text(document)
    assert all("DRAFT" in page for page in pages)
    assert "Nochartsofthescoresyet:noobjectiveofthe2023reviewisscored." in squash(all_text(document))


def test_the_second_years_pack_keeps_every_objective_and_action_in_the_converted_pdf(packs):
    document, pack, _, pages = packs["two-years"]
    word, converted = squash(all_text(document)), squash(" ".join(pages))
    for table in (b for s in pack.sections for b in s.blocks if b.kind == "table"):
        for row in table.cells():
            for paras, _column in row:
                for para in paras:
                    words = squash(para.text.removeprefix("• "))
                    assert words in word and words in converted, para.text
