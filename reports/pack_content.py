"""The committee pack's one description: what it says, in what order, which both renderers draw.

A `Pack` is a cover with its document-control rows, then sections in a committee paper's order, each a heading and
its blocks (paragraphs, tables, charts, and the sentence that stands for a chart left out).
`templates/reports/pdf/pack.html` draws it for WeasyPrint and `reports/docx.py` writes it with python-docx; neither
decides anything about the contents, so the two cannot drift apart. `reports/pack.py` builds it, from the sections
of `reports/pack_sections.py`.
"""

from dataclasses import dataclass, field

from objectives.rules.text import blocks


@dataclass
class Para:
    """A paragraph: `style` is body, label (a bold lead-in such as "Comments:"), note (why a chart is left out),
    bullet or number (an item of a list), or rag (a RAG's shape and letter, `key` its RAG: the renderers shade the
    cell it opens in the RAG's colour)."""

    text: str
    style: str = "body"
    key: str = ""
    kind = "para"


@dataclass
class Column:
    heading: str
    width: int  # per cent of the table's width; a table's columns add up to 100
    numeric: bool = False


@dataclass
class Table:
    """A table whose header row repeats on every page it spans; `first_column_heads` marks each row's first cell
    as the row's header. A cell is a list of Paras (a plain string is one)."""

    name: str  # what it is, also its CSS class: scorecard, action-plan, below-target, figures, control
    columns: list
    rows: list
    first_column_heads: bool = False
    kind = "table"

    def cells(self):
        """Return the rows, each cell as (its Paras, its Column)."""
        return [
            [
                (cell if isinstance(cell, list) else [Para(str(cell))], column)
                for cell, column in zip(row, self.columns, strict=True)
            ]
            for row in self.rows
        ]


@dataclass
class Figure:
    """A chart: its SVG (for the PDF, and made into a PNG for Word), its title and its description in words."""

    chart: object
    kind = "figure"

    @property
    def title(self):
        return self.chart.title

    @property
    def description(self):
        return self.chart.description


@dataclass
class Section:
    heading: str
    level: int = 1  # 1: a part of the paper (Heading 1 in Word, h2 in the PDF); 2: within a part
    blocks: list = field(default_factory=list)
    name: str = ""  # what it is, also its CSS class: summary, scorecard, action-plan, evidence, below-target
    new_page: bool = False  # start on a new page (the summary, after the cover)


@dataclass
class Pack:
    title: str  # the document's title: "Procurement scorecard 2021: Medway Council"
    heading: str  # the cover's: "Procurement Strategy Objectives 2021"
    subject: str
    keywords: str
    council: str
    framework: str
    control: list  # the cover's document-control rows: (label, value)
    draft: bool
    sections: list
    language: str = "en-GB"
    front: list = field(default_factory=list)  # the front sheet's rows on the cover: (label, value)

    def headings(self):
        """Return every (level, heading) in reading order: the table of contents."""
        return [(section.level, section.heading) for section in self.sections]

    def column_widths(self):
        """Return the widths (per cent) its tables' columns take, each once: the PDF gives each a class."""
        tables = [block for section in self.sections for block in section.blocks if block.kind == "table"]
        return sorted({column.width for table in tables for column in table.columns})


def text_paras(text, *, empty=""):
    """Return stored comments or actions as Paras: its paragraphs, and its lists' items as bullets or numbers."""
    found = []
    for block in blocks(text):
        if block.kind == "bullets":
            found += [Para(item, "bullet") for item in block.items]
        elif block.kind == "numbers":  # its numbers are its own words: kept
            found += [Para(line, "number") for line in block.lines]
        else:
            found.append(Para(block.text))
    return found or ([Para(empty, "muted")] if empty else [])
