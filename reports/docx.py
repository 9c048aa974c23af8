"""The committee pack as an editable Word document (python-docx), from the same description as the PDF.

Real heading styles (the navigation pane and a generated table of contents work), tables whose header row repeats
on every page and whose rows do not split, the charts as PNG pictures at print resolution made from the same SVG
(CairoSVG) with their description as alternative text, the document's title, author and language, A4 with page
numbers in the footer, and paragraph spacing rather than empty paragraphs. With SCORECARD_WORD_TEMPLATE (a .docx
or .dotx), the pack is written into the council's own template and takes its styles, header, footer and logo.

python-docx 1.2 has no call for a repeating header row, an unsplittable row, a picture's alternative text, the
styles' language or a page-number field: those are set on its oxml elements, each in one function below.
"""

import io
import re
import zipfile
from pathlib import Path

import cairosvg
from django.conf import settings
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

TABLE_STYLE, TABLE_TEXT = "Table text", Pt(8.5)
CAPTION_STYLE = "Caption"
# A RAG's cell: the PDF's shades (static/css/report.css), light enough for its black letter and shape.
RAG_FILLS = {
    "red": "F4B6AC",
    "amber": "FCD98F",
    "green": "BFE2C6",
    "not_planned": "FFFFFF",
    "done": "E3E3E3",
    "dropped": "E3E3E3",
}
PRINT_DPI = 300
SCREEN_DPI = 96  # the charts' width and height are CSS pixels
TEMPLATE_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


# XML 1.0 has no place for these control characters, which python-docx refuses; text typed or imported may hold them.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text):
    """Return the text less the characters a Word document cannot hold (a PDF shows none of them either)."""
    return NOT_IN_XML.sub("", text)


class TemplateError(ValueError):
    """The Word template named by SCORECARD_WORD_TEMPLATE cannot be read as one."""


def open_template(path):
    """Return a Document of the council's template (a .docx, or a .dotx switched to a document), or the default."""
    if not path:
        return Document()
    data = Path(path).read_bytes()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = {item: source.read(item) for item in source.infolist()}
    except zipfile.BadZipFile:
        raise TemplateError(f"SCORECARD_WORD_TEMPLATE={path}: not a Word .docx or .dotx file") from None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item, content in parts.items():
            if item.filename == "[Content_Types].xml":
                content = content.replace(TEMPLATE_TYPE, DOCUMENT_TYPE)
            target.writestr(item, content)
    try:
        document = Document(io.BytesIO(buffer.getvalue()))
    except Exception as error:  # python-docx raises several kinds for a zip that is no Word document
        raise TemplateError(f"SCORECARD_WORD_TEMPLATE={path}: not a Word template ({error})") from None
    body = document.element.body
    for child in list(body):  # the template's own sample text, if any; its last section's layout stays
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def pack_docx(pack, *, template=None):
    """Return the pack as the bytes of a .docx file."""
    template = template if template is not None else settings.SCORECARD_WORD_TEMPLATE
    document = open_template(template)
    writer = Writer(document, has_template=bool(template))
    writer.properties(pack)
    writer.page(pack)
    writer.cover(pack)
    for number, section in enumerate(pack.sections):
        following = pack.sections[number + 1] if number + 1 < len(pack.sections) else None
        writer.section(section, opens_subsections=following is not None and following.level > section.level)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class Writer:
    def __init__(self, document, *, has_template):
        self.document = document
        self.has_template = has_template
        self.styles = {style.name: style.style_id for style in document.styles}
        if TABLE_STYLE not in self.styles:  # a template's own "Table text", if it has one, is kept
            style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
            style.font.size, style.paragraph_format.space_after = TABLE_TEXT, Pt(2)
            self.styles[TABLE_STYLE] = style.style_id
        if not has_template:  # a template's own Caption is the council's; Word's default is blue italic
            caption = document.styles[CAPTION_STYLE] if CAPTION_STYLE in self.styles else None
            if caption is None:
                caption = document.styles.add_style(CAPTION_STYLE, WD_STYLE_TYPE.PARAGRAPH)
                self.styles[CAPTION_STYLE] = caption.style_id
            caption.base_style = document.styles["Normal"]
            caption.font.italic, caption.font.bold, caption.font.size = False, False, Pt(8.5)
            caption.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
            caption.paragraph_format.space_after = Pt(6)
        section = document.sections[-1]
        self.text_width = section.page_width - section.left_margin - section.right_margin

    def style(self, name, fallback="Normal"):
        """Return the style's name if the template has it, else the fallback's (a template may lack List Bullet)."""
        return name if name in self.styles else fallback if fallback in self.styles else None

    def properties(self, pack):
        core = self.document.core_properties
        core.title, core.author, core.subject = pack.title, pack.council, pack.subject
        core.keywords, core.language = pack.keywords, pack.language
        core.last_modified_by, core.comments = pack.council, ""
        set_language(self.document, pack.language)
        if not self.has_template:
            normal = self.document.styles["Normal"]
            normal.font.name, normal.font.size = "Arial", Pt(10)  # Liberation Sans where Arial is not installed
            normal.paragraph_format.space_after = Pt(4)
            # Word's 28 pt title and 24 pt above a heading leave the front sheet no room on the cover page
            for name, size, before in (
                ("Title", Pt(20), None),
                ("Heading 1", None, Pt(12)),
                ("Heading 2", None, Pt(8)),
            ):
                if name in self.styles:
                    style = self.document.styles[name]
                    style.font.size = size or style.font.size
                    style.paragraph_format.space_before = before or style.paragraph_format.space_before

    def page(self, pack):
        """A4 with the council and page numbers in the footer; a template keeps its own page, header and footer."""
        section = self.document.sections[-1]
        if not self.has_template:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(210), Mm(297)
            section.left_margin = section.right_margin = Mm(15)
            section.top_margin, section.bottom_margin = Mm(18), Mm(16)
            self.text_width = section.page_width - section.left_margin - section.right_margin
            header = section.header.paragraphs[0]
            header.text = pack.title
            footer = section.footer.paragraphs[0]
            footer.text = f"{pack.council}\t\t"
            page_number_field(footer)
        if pack.draft:
            mark = section.header.add_paragraph() if self.has_template else section.header.paragraphs[0]
            mark.add_run(("" if self.has_template else "\t\t") + "DRAFT: not signed off").bold = True

    def cover(self, pack):
        council = self.document.add_paragraph(pack.council, style=self.style("Subtitle"))
        council.paragraph_format.space_before = Pt(6)  # the front sheet follows on the cover page
        self.document.add_paragraph(pack.heading, style=self.style("Title"))
        self.document.add_paragraph(pack.framework)
        if pack.front:
            self.rows_table("Committee report", pack.front, draft=False)
        self.rows_table("Document control", pack.control, draft=pack.draft)

    def rows_table(self, title, rows, *, draft):
        """A cover's table of (label, value) rows under its bold title, kept with it."""
        caption = self.document.add_paragraph()
        caption.add_run(title).bold = True
        caption.paragraph_format.keep_with_next = True
        caption.paragraph_format.space_before = Pt(6)
        table = self.document.add_table(rows=0, cols=2)
        table.style = self.style("Table Grid", None)
        self.widths(table, [35, 65], share=0.7)
        for label, value in rows:
            cells = table.add_row().cells
            for cell in cells:
                self.set_style(cell.paragraphs[0], TABLE_STYLE)
            cells[0].paragraphs[0].add_run(label).bold = True
            cells[1].paragraphs[0].add_run(xml_text(value)).bold = label == "Status" and draft
            keep_row_whole(table.rows[-1])
            if len(table.rows) < len(rows):  # a short table stays on one page
                for paragraph in (*cells[0].paragraphs, *cells[1].paragraphs):
                    paragraph.paragraph_format.keep_with_next = True
        cell_padding(table)

    def section(self, section, *, opens_subsections=False):
        """Write a part: its heading kept with what follows, and its introductions with their table or chart (or, for
        a part whose tables are in its subsections, with the first subsection's heading)."""
        level = section.level
        heading = self.document.add_paragraph(xml_text(section.heading), style=self.style(f"Heading {level}"))
        heading.paragraph_format.keep_with_next = True
        heading.paragraph_format.page_break_before = section.new_page
        for number, block in enumerate(section.blocks):
            written = getattr(self, block.kind)(block)
            following = section.blocks[number + 1] if number < len(section.blocks) - 1 else None
            if block.kind != "para":
                continue
            if (
                following is None
                and opens_subsections
                or (following is not None and (following.kind != "para" or block.style == "muted"))
            ):
                written.paragraph_format.keep_with_next = True  # an introduction stays with what it introduces

    def set_style(self, paragraph, name):
        """Give the paragraph a style by its id, looked up once (python-docx looks a name up on every paragraph)."""
        style_id = self.styles.get(self.style(name))
        if style_id and name != "Normal":
            paragraph._p.style = style_id

    def para(self, para, container=None, style="Normal"):
        """Write a Para into the document (or into a table cell's paragraph, `container`, in the cells' `style`)."""
        styles = {"bullet": "List Bullet", "number": "List Paragraph"}
        paragraph = container if container is not None else self.document.add_paragraph()
        self.set_style(paragraph, styles.get(para.style, style))
        lines = xml_text(para.text).split("\n")
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if para.style == "label":
                run.bold = True
            if para.style == "note":
                run.italic = True
            if para.style == "muted":
                run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            if index < len(lines) - 1:
                run.add_break()
        if para.style == "label" and container is None:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def table(self, table):
        cells = table.cells()
        grid = self.document.add_table(rows=1, cols=len(table.columns))
        grid.style = self.style("Table Grid", None)
        grid.alignment = WD_TABLE_ALIGNMENT.LEFT
        for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
            paragraph = cell.paragraphs[0]
            self.set_style(paragraph, TABLE_STYLE)
            paragraph.add_run(xml_text(column.heading)).bold = True
            shade(cell, "E8EDF4")
        repeat_as_header(grid.rows[0])
        keep_row_whole(grid.rows[0])
        self.widths(grid, [column.width for column in table.columns])
        for row in cells:
            word_row = grid.add_row()
            keep_row_whole(word_row)
            for index, (cell, (paras, column)) in enumerate(zip(word_row.cells, row, strict=True)):
                if paras and paras[0].style == "rag":  # a RAG: its cell shaded, its shape and letter centred
                    shade(cell, RAG_FILLS[paras[0].key])
                for number, para in enumerate(paras):
                    paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
                    self.para(para, paragraph, style=TABLE_STYLE)
                    if column.numeric:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                    elif para.style == "rag":
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                        for run in paragraph.runs:
                            run.bold = True
                    if index == 0 and table.first_column_heads:
                        for run in paragraph.runs:
                            run.bold = True
        cell_padding(grid)

    def figure(self, figure):
        chart = figure.chart
        title = self.document.add_paragraph()
        title.add_run(xml_text(chart.title)).bold = True
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.space_before = Pt(8)
        png = cairosvg.svg2png(bytestring=chart.svg.encode(), scale=PRINT_DPI / SCREEN_DPI)
        width = min(Emu(int(chart.width / SCREEN_DPI * 914400 * 0.75)), self.text_width)
        picture = self.document.add_paragraph()
        picture.paragraph_format.keep_with_next = True
        shape = picture.add_run().add_picture(io.BytesIO(png), width=width)
        describe(shape, title=xml_text(chart.title), description=xml_text(chart.description))
        caption = self.document.add_paragraph(xml_text(chart.description), style=self.style(CAPTION_STYLE))
        caption.paragraph_format.space_after = Pt(6)

    def widths(self, table, percents, share=1.0):
        """Give the table fixed columns of these percentages of the text width, before its rows are added: Word reads
        each cell's width, which `add_row` copies from its column's."""
        table.autofit = False
        total = int(self.text_width * share)
        for column, percent in zip(table.columns, percents, strict=True):
            column.width = Emu(total * percent // 100)
        for row in table.rows:
            for cell, column in zip(row.cells, table.columns, strict=True):
                cell.width = column.width


def repeat_as_header(row):
    """Mark a table's first row as its header, repeated at the top of every page the table spans (w:tblHeader)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row_whole(row):
    """Keep a row on one page (w:cantSplit)."""
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def cell_padding(table, *, sides=80, ends=45):
    """Give the table's cells padding (w:tblCellMar, in twips) as the PDF's: about 1.4 mm at the sides, 0.8 mm above
    and below, so that the words clear the borders, and narrow enough for the narrow columns."""
    margins = OxmlElement("w:tblCellMar")
    for side, twips in (("top", ends), ("left", sides), ("bottom", ends), ("right", sides)):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def shade(cell, colour):
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def describe(shape, *, title, description):
    """Give an inline picture its alternative text: `descr` (and `title`) on its wp:docPr."""
    doc_pr = shape._inline.docPr
    doc_pr.set("descr", f"{title}. {description}")
    doc_pr.set("title", title)


def set_language(document, language):
    """Set the language of the document's default run properties (w:lang in styles.xml's w:docDefaults)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    lang = properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        properties.append(lang)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        lang.set(qn(attribute), language)


def page_number_field(paragraph):
    """Append "Page N of M" as Word fields (PAGE and NUMPAGES), which Word and LibreOffice fill in."""
    paragraph.add_run("Page ")
    field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    field(paragraph, "NUMPAGES")


def field(paragraph, code):
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", f" {code} "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
